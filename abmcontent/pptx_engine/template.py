"""The public entry point: :class:`DeckTemplate` and the per-process cache :func:`load_cached`."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import meta, nodes

from abmcontent.office_links import ExternalLink

from .compile import COLLECT
from .loader import load_deck
from .model import DeckModel, RenderedDeck
from .render import render_deck

DEFAULT_MIN_FONT_PT = 12.0


class DeckTemplate:
    """A compiled PowerPoint template: load once, render many times (from any thread)."""

    def __init__(self, model: DeckModel) -> None:
        """Wrap a loaded model; use :meth:`load` instead.

        Args:
            model: the loaded template.
        """
        self._model = model

    @classmethod
    def load(cls, path: Path, *, name: str | None = None) -> DeckTemplate:
        """Read and compile a .pptx template.

        Args:
            path: the template file.
            name: the name used in error messages (defaults to the file name).

        Returns:
            The compiled template.

        Raises:
            TemplateError: the file cannot be read, or a tag or directive is malformed.
        """
        path = Path(path)
        return cls(load_deck(path, name or path.name))

    @property
    def name(self) -> str:
        """The template name used in error messages."""
        return self._model.name

    @property
    def external_links(self) -> list[ExternalLink]:
        """The template's refused external relationships, which renders leave out."""
        return list(self._model.external_links)

    def render(
        self,
        context: Mapping[str, Any],
        *,
        assets_root: Path | None = None,
        min_font_pt: float = DEFAULT_MIN_FONT_PT,
        part_overrides: Mapping[str, bytes] | None = None,
        notes_mark: str | None = None,
    ) -> RenderedDeck:
        """Render the template with data.

        Args:
            context: the data (JSON-like: dicts, lists, strings, numbers, None).
            assets_root: folder relative image paths resolve against; when given, every
                image must lie inside it.
            min_font_pt: overflowing text is shrunk down to this size at most.
            part_overrides: replacement bytes for static parts by part name (for example
                ``/ppt/theme/theme1.xml`` with brand colours); other parts are unaffected.
            notes_mark: when given, text too long for its box even at ``min_font_pt`` moves
                to the speaker notes and this mark (e.g. " (more in the notes)") shows where.

        Returns:
            The rendered deck.

        Raises:
            TemplateError: a name is undefined, an image or chart value is unusable, ...
        """
        return render_deck(
            self._model,
            context,
            assets_root=Path(assets_root) if assets_root is not None else None,
            min_font_pt=min_font_pt,
            part_overrides=part_overrides,
            notes_mark=notes_mark,
        )

    def variables(self) -> set[str]:
        """Return the undeclared names the template uses, with their dotted paths.

        ``{{ account.name }}`` yields ``account`` and ``account.name``. Best effort: names
        only bound inside the template (loop variables, ``set``) are left out.

        Returns:
            Top-level names and dotted paths.
        """
        found: set[str] = set()
        env = self._model.env
        for spec in self._model.slides:
            ast = env.parse(spec.source)
            names = {
                n
                for n in meta.find_undeclared_variables(ast)
                if n != COLLECT and not n.startswith("_abm_")
            }
            found |= names
            for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
                path = _dotted(node)
                if path and path.split(".", 1)[0] in names:
                    found.add(path)
        return found


def _dotted(node: nodes.Node) -> str | None:
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
        ):
            parts.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name):
            parts.append(node.name)
            return ".".join(reversed(parts))
        else:
            return None


_cache: dict[tuple[str, int, int, str], DeckTemplate] = {}
_cache_lock = threading.Lock()


def load_cached(path: Path, *, name: str | None = None) -> DeckTemplate:
    """Return the compiled template for ``path``, compiling it at most once per version.

    The cache key is the resolved path with the file's modification time and size (and the
    name), so an edited template is recompiled.

    Args:
        path: the template file.
        name: the name used in error messages (defaults to the file name).

    Returns:
        The compiled template.

    Raises:
        TemplateError: as :meth:`DeckTemplate.load`.
    """
    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size, name or "")
    found = _cache.get(key)
    if found is not None:
        return found
    with _cache_lock:
        found = _cache.get(key)
        if found is None:
            for old in [k for k in _cache if k[0] == key[0]]:
                del _cache[old]
            found = DeckTemplate.load(resolved, name=name)
            _cache[key] = found
    return found


def clear_cache() -> None:
    """Forget every template :func:`load_cached` compiled (mainly for tests)."""
    with _cache_lock:
        _cache.clear()
