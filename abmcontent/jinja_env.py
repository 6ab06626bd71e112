"""The one place a Jinja environment is made: sandboxed, strict about undefined names.

Every renderer (pptx, docx, html) gets its environment from :func:`make_environment`, so
the sandbox, ``StrictUndefined`` and the shared filters are the same everywhere. Profile data
only ever reaches templates as values; it is never compiled as template source. Templates
that include, import or extend others find them through :class:`ConfinedLoader`, which
never reads a file that resolves (through a symlink) outside its folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
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


def _words(items: Any, locale: str = "en") -> str:
    """A list as a sentence says it: ``A, B, and C`` / ``A、B、C`` (Babel's list patterns)."""
    from babel.lists import format_list

    values = [str(i) for i in (items or []) if i]
    return format_list(values, locale=locale) if values else ""


SHARED_FILTERS: dict[str, Callable[..., Any]] = {
    "join_nonempty": _join_nonempty,
    "first_or": _first,
    "words": _words,
}


class TemplateOutside(jinja2.TemplateNotFound):
    """A template name that resolves outside the loader's folders (a symlink out)."""


class ConfinedLoader(jinja2.FileSystemLoader):
    """A file system loader that refuses files resolving outside its folders.

    Jinja already refuses ``..`` in names; this also resolves symlinks, so a
    ``templates/header.html`` linking to ``/etc/passwd`` is never read.

    Args:
        folders: where templates are looked up, in order.
    """

    def __init__(self, folders: Iterable[Path | str]) -> None:
        paths = [str(f) for f in folders]
        super().__init__(paths)
        self.roots = [Path(os.path.realpath(p)) for p in paths]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """Find ``template`` as Jinja does, refusing it when it resolves outside the folders.

        Raises:
            TemplateOutside: the file found is a link leading outside the folders.
            jinja2.TemplateNotFound: no folder has it.
        """
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if candidate.is_file():
                real = Path(os.path.realpath(candidate))
                if not any(real.is_relative_to(root) for root in self.roots):
                    raise TemplateOutside(
                        template,
                        f"'{template}' leads outside the template folders (to {real}): "
                        "refused",
                    )
                break
        return super().get_source(environment, template)


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
