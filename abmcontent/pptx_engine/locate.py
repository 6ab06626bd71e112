"""Turn Jinja exceptions into :class:`~abmcontent.errors.TemplateError` with a location.

Generated slide templates put every tag body on its own line and record which typed tag each
line came from (:class:`.compile.Emitter`). Syntax errors carry the line number; runtime errors
carry it in the traceback frames Jinja rewrites to point at the template.
"""

from __future__ import annotations

import jinja2

from abmcontent.errors import TemplateError

from .compile import TagInfo


def _runtime_line(exc: BaseException, filename: str) -> int | None:
    line: int | None = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _info(lines: dict[int, TagInfo], line: int | None) -> TagInfo | None:
    if line is None:
        return None
    while line > 0:
        if line in lines:
            return lines[line]
        line -= 1
    return None


def located_error(
    exc: BaseException,
    *,
    template: str,
    filename: str,
    lines: dict[int, TagInfo],
    fallback: str,
) -> TemplateError:
    """Build a :class:`TemplateError` for an exception raised by a slide template.

    Args:
        exc: the exception (syntax error at load, or anything raised while rendering).
        template: the template's name.
        filename: the compiled template's filename.
        lines: the slide's line map.
        fallback: location to use when the line cannot be found (``slide 3``).

    Returns:
        The error to raise.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        line: int | None = exc.lineno
        reason = f"syntax error: {exc.message}"
    else:
        line = _runtime_line(exc, filename)
        if isinstance(exc, jinja2.UndefinedError):
            reason = f"undefined value: {exc.message}"
        elif isinstance(exc, jinja2.TemplateError):
            reason = f"{type(exc).__name__}: {exc.message}"
        else:
            reason = f"{type(exc).__name__}: {exc}"
    info = _info(lines, line)
    if info is None:
        return TemplateError(template, fallback, reason, "")
    return TemplateError(template, info.location, reason, info.expression)
