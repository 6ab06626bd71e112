"""The one place a Jinja environment is made: sandboxed, strict about undefined names.

Every renderer (pptx, docx, html) gets its environment from :func:`make_environment`, so
the sandbox, ``StrictUndefined`` and the shared filters are the same everywhere. Profile data
only ever reaches templates as values; it is never compiled as template source.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment


def _join_nonempty(items: Any, sep: str = ", ") -> str:
    """Join the truthy items of ``items`` with ``sep``."""
    return sep.join(str(i) for i in (items or []) if i)


def _first(items: Any, default: Any = "") -> Any:
    """Return the first item of ``items``, or ``default`` when it is empty."""
    for item in items or []:
        return item
    return default


SHARED_FILTERS: dict[str, Callable[..., Any]] = {
    "join_nonempty": _join_nonempty,
    "first_or": _first,
}


def make_environment(
    *,
    autoescape: bool = False,
    loader: jinja2.BaseLoader | None = None,
    extra_filters: dict[str, Callable[..., Any]] | None = None,
) -> ImmutableSandboxedEnvironment:
    """Create a sandboxed Jinja environment with ``StrictUndefined`` and the shared filters.

    Args:
        autoescape: escape values for HTML/XML (True for HTML and raw-XML templates).
        loader: where ``{% include %}`` and ``{% extends %}`` look; none by default.
        extra_filters: renderer-specific filters added to the shared ones.

    Returns:
        A fresh environment; callers keep it and reuse compiled templates.
    """
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        loader=loader,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(SHARED_FILTERS)
    if extra_filters:
        env.filters.update(extra_filters)
    return env
