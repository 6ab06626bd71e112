"""What every route needs: the settings, the cached workspace, the build runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from starlette.datastructures import FormData

from abmcontent.web.office import WebOffice
from abmcontent.web.runner import JobRunner
from abmcontent.web.settings import WebSettings
from abmcontent.web.workspace_state import WorkspaceCache


@dataclass
class WebState:
    """The server's state, kept on ``app.state.web``."""

    settings: WebSettings
    cache: WorkspaceCache
    runner: JobRunner
    staged_imports: dict[str, Path] = field(default_factory=dict)
    """Uploaded exports previewed and waiting to be applied: token -> their folder."""
    office: WebOffice = field(default_factory=WebOffice)
    """The LibreOffice the first converting job started, kept for every later job."""


def web(request: Request) -> WebState:
    """The state of the app serving ``request``."""
    state: WebState = request.app.state.web
    return state


def text_fields(form: FormData) -> dict[str, str]:
    """The text fields of a submitted form (first value of each; files are ignored)."""
    fields: dict[str, str] = {}
    for key, value in form.multi_items():
        if isinstance(value, str) and key not in fields:
            fields[key] = value
    return fields


def text_list(form: FormData, key: str) -> list[str]:
    """Every text value of a repeated field (checkboxes)."""
    return [v for v in form.getlist(key) if isinstance(v, str)]


def safe_next(target: str | None, default: str = "/accounts") -> str:
    """``target`` when it is a path on this server, else ``default`` (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
