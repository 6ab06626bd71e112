"""PowerPoint template engine: fill .pptx files authored with Jinja tags from plain data.

Marketers write ``{{ account.name }}`` in any text, ``{%p for %}`` paragraphs for bullet
lists, ``{%tr for %}`` rows for tables, ``{%slide for %}`` lines in the speaker notes to
repeat slides, and ``image: ...`` / ``chart: ...`` as alt text of pictures and charts. See
``README.md`` beside this file for the full syntax.

Example:
    >>> deck = DeckTemplate.load(Path("pitch.pptx"))          # doctest: +SKIP
    >>> out = deck.render({"account": {"name": "Acme"}})       # doctest: +SKIP
    >>> Path("acme.pptx").write_bytes(out.data)                # doctest: +SKIP
"""

from __future__ import annotations

from .model import RenderedDeck
from .template import DEFAULT_MIN_FONT_PT, DeckTemplate, clear_cache, load_cached

__all__ = ["DEFAULT_MIN_FONT_PT", "DeckTemplate", "RenderedDeck", "clear_cache", "load_cached"]
