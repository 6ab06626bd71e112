"""Rendering pages: the Jinja environment of the package's templates and the error page."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from abmcontent.web.i18n import Lang, enum_label, t

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: messages a redirect may ask a page to show (``?msg=saved``); nothing else is shown
NOTICES = frozenset({"saved", "created", "job_started", "job_busy"})


@cache
def environment() -> Environment:
    """The Jinja environment of the page templates (autoescaped, strict)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["enum_label"] = enum_label
    env.globals["query"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v})
    return env


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """Render the page template ``name`` with the request's language and CSRF token."""
    lang: Lang = getattr(request.state, "lang", "en")
    notice = request.query_params.get("msg")

    def message(key: str, **kw: object) -> str:
        return t(key, lang, **kw)

    html = (
        environment()
        .get_template(name)
        .render(
            request=request,
            lang=lang,
            other_lang="en" if lang == "ja" else "ja",
            t=message,
            csrf_token=getattr(request.state, "csrf", ""),
            notice=notice if notice in NOTICES else None,
            path=request.url.path,
            current_path=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            year=dt.date.today().year,
            **values,
        )
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, detail: str = "") -> HTMLResponse:
    """The error page for ``status`` (404, 403...), in the request's language."""
    return render(request, "error.html", status=status, status_code=status, detail=detail)
