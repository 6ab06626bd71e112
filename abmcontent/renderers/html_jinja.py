"""Helpers shared by the HTML/PDF and DOCX renderers: clean data, explain Jinja errors.

Both renderers feed profile data to Jinja templates that produce markup (HTML or WordML).
Data must reach the output as text only: :func:`clean_context` strips the control
characters XML cannot hold, and the environments autoescape. When a template fails,
:func:`error_line` and :func:`error_expression` find where and in which tag, so the
``TemplateError`` can name them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import jinja2

from abmcontent.jinja_env import TemplateOutside

#: characters XML 1.0 cannot contain (tab, newline and carriage return are allowed)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_UNDEFINED_NAME = re.compile(
    r"'([^']+)' is undefined|has no attribute '([^']+)'|unknown tag '([^']+)'"
    r"|No filter named '([^']+)'"
)
_FILTER_USE = re.compile(r"\|\s*([A-Za-z_]\w*)")


def strip_control(value: str) -> str:
    """Return ``value`` without the characters XML 1.0 forbids."""
    return _XML_ILLEGAL.sub("", value)


def clean_context(value: Any, illegal: re.Pattern[str] = _XML_ILLEGAL) -> Any:
    """Copy a JSON-like context with every string stripped of XML-illegal characters.

    Args:
        value: a dict, list, tuple, string or scalar (the render context).
        illegal: the characters removed (the Word renderer keeps BEL and FF: new paragraph,
            page break).

    Returns:
        The same structure; strings are cleaned, other scalars returned as they are.
    """
    if isinstance(value, str):
        return illegal.sub("", value) if illegal.search(value) else value
    if isinstance(value, Mapping):
        return {k: clean_context(v, illegal) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_context(v, illegal) for v in value]
    return value


def error_line(exc: BaseException, filename: str | None = None) -> tuple[int | None, str | None]:
    """Find the template line an exception raised by Jinja points at.

    Syntax errors carry it; runtime errors (undefined names) only in their traceback, whose
    template frames Jinja rewrites to point at template lines.

    Args:
        exc: the exception.
        filename: only accept frames of this template file (``None``: any template frame).

    Returns:
        ``(line, template filename)``; ``(None, None)`` when no template frame is found.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno, exc.filename
    tb: TracebackType | None = exc.__traceback__
    found: tuple[int | None, str | None] = (None, None)
    while tb is not None:
        code = tb.tb_frame.f_code
        name = code.co_filename
        is_template = name == "<template>" or name.endswith((".html", ".xml", ".htm"))
        if is_template and (filename is None or name == filename):
            found = (tb.tb_lineno, name)
        tb = tb.tb_next
    return found


def error_expression(exc: BaseException, line_text: str) -> str:
    """The Jinja tag on ``line_text`` that most likely caused ``exc``.

    Args:
        exc: the Jinja exception.
        line_text: the source line the error points at.

    Returns:
        The tag (``{{ account.nme }}``), or ``""`` when the line has none.
    """
    tags = _TAG.findall(line_text)
    if not tags:
        return ""
    match = _UNDEFINED_NAME.search(str(exc))
    name = ""
    if match:
        name = next((g for g in match.groups() if g), "")
    if name:
        for tag in tags:
            if re.search(rf"\b{re.escape(name)}\b", tag):
                return str(tag)
    return str(tags[0])


def unknown_filters(source: str, known: Any) -> list[str]:
    """Every filter name used in the tags of ``source`` that is not in ``known``, sorted."""
    used = {
        name for tag in _TAG.findall(source) for name in _FILTER_USE.findall(tag)
    }
    return sorted(name for name in used if name not in known)


def describe(exc: BaseException) -> str:
    """A one-line reason for a Jinja exception, in the words a template author uses."""
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined variable: {exc.message or exc}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"syntax error: {exc.message or exc}"
    if isinstance(exc, TemplateOutside):
        return f"template {exc.message}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template not found: {exc.message or exc.name}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"not allowed in templates: {exc}"
    return f"{type(exc).__name__}: {exc}"
