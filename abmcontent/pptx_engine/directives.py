"""Directives: template instructions that act on whole slides, paragraphs, rows or shapes.

Everything here is typed by a marketer in PowerPoint, so every directive is plain text.

**Slide directives** go in the slide's *speaker notes*, each alone on its own line
(paragraph). They are removed from the output notes and apply in the order written::

    {%slide for item in account.challenges %}   repeat the slide once per item; ``item`` and
                                                 ``loop`` (``loop.index``, ``loop.first``,
                                                 ``loop.last``, ``loop.length`` ...) are visible
                                                 in all text of the slide and its notes; an
                                                 empty list removes the slide
    {%slide if account.industry == "bank" %}    keep the slide only when the condition holds

Spaces are allowed after ``{%`` (``{% slide if x %}``), curly quotes are straightened, and
Jinja's whitespace-control dashes are accepted (``{%- slide if x -%}``). No closing tag is
needed: a directive covers the whole slide.

**Paragraph directives** (``{%p ... %}``) and **row directives** (``{%tr ... %}``) wrap
paragraphs of one text box, or rows of one table, in a Jinja block; they are described in
:mod:`.compile`. **Shape directives** (``image: <path>`` / ``chart: <path>`` typed as a picture's
or chart's alt text or Selection-pane name) are parsed by :func:`shape_directive`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from .xmltext import A_P, merge_tag_runs, normalize_quotes, paragraph_text

_SLIDE_RE = re.compile(r"^\s*\{%([-+]?)\s*slide\s+(for|if)\s+(.+?)\s*([-+]?)%\}\s*$", re.S)
_KIND_RE = re.compile(r"^\s*\{%[-+]?\s*(p|tr|slide)(?:\s|%\})")
_SHAPE_RE = re.compile(r"^\s*(?:\{\{\s*)?(image|chart)\s*:\s*(.+?)\s*(?:\}\})?\s*$", re.S)


@dataclass(frozen=True)
class SlideDirective:
    """A ``{%slide for ... %}`` or ``{%slide if ... %}`` line.

    Attributes:
        kind: ``for`` or ``if``.
        body: the Jinja statement without delimiters, e.g. ``for item in account.challenges``.
        text: the directive as typed (for error messages).
    """

    kind: str
    body: str
    text: str


@dataclass(frozen=True)
class ShapeDirective:
    """An ``image:`` or ``chart:`` directive found on a shape.

    Attributes:
        kind: ``image`` or ``chart``.
        expression: the Jinja expression giving the value (``account.logo``).
        text: the directive as typed.
    """

    kind: str
    expression: str
    text: str


def directive_kind(tag: str) -> str | None:
    """Return ``p``, ``tr`` or ``slide`` for a directive tag, else ``None``.

    Args:
        tag: a complete ``{% ... %}`` tag.

    Returns:
        The directive kind, or ``None`` for ordinary Jinja statements.
    """
    m = _KIND_RE.match(tag)
    return m.group(1) if m else None


def strip_directive(tag: str, kind: str) -> str:
    """Turn a directive tag into the equivalent plain Jinja statement tag.

    Args:
        tag: e.g. ``{%p for x in items %}``.
        kind: its kind (``p``, ``tr`` or ``slide``).

    Returns:
        e.g. ``{% for x in items %}``.
    """
    return re.sub(rf"^(\s*\{{%[-+]?)\s*{kind}(\s|%\}})", r"\1 \2", tag, count=1)


def extract_slide_directives(notes_root: etree._Element) -> list[SlideDirective]:
    """Find slide directives in a notes slide and remove their paragraphs.

    Args:
        notes_root: the parsed notes slide, changed in place.

    Returns:
        The directives in the order written.
    """
    found: list[SlideDirective] = []
    for p in list(notes_root.iter(A_P)):
        text = paragraph_text(p)
        if "slide" not in text or "{%" not in text:
            continue
        m = _SLIDE_RE.match(normalize_quotes(text))
        if not m:
            continue
        merge_tag_runs(p)
        found.append(SlideDirective(m.group(2), f"{m.group(2)} {m.group(3)}", text.strip()))
        parent = p.getparent()
        assert parent is not None
        parent.remove(p)
        if parent.find(A_P) is None:
            etree.SubElement(parent, A_P)
    return found


def shape_directive(*texts: str | None) -> ShapeDirective | None:
    """Parse ``image: path`` or ``chart: path`` from a shape's alt text or name.

    ``{{ image: account.logo }}`` is accepted too.

    Args:
        texts: candidate texts, usually the alt text (``descr``) then the name.

    Returns:
        The first directive found, or ``None``.
    """
    for text in texts:
        if not text:
            continue
        m = _SHAPE_RE.match(normalize_quotes(text))
        if m:
            return ShapeDirective(m.group(1), m.group(2), text.strip())
    return None
