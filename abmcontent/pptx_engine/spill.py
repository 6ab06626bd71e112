"""Move text that does not fit its box, even at the smallest size, to the speaker notes.

The longest paragraph loses its last sentence until the text fits; a paragraph of one sentence
is removed whole as long as another paragraph with text remains. Each shortened paragraph ends
with a visible mark (such as "(more in the notes)") and what was cut is returned, in reading
order, for the renderer to append to the slide's notes.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from .inherit import NSMAP

_SENTENCE_END = re.compile(r"(?<=[。．！？!?])|(?<=[.;:])\s+")
_MARK_ATTR = "abmMark"


def _runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iterfind("a:r", NSMAP) if r.find("a:t", NSMAP) is not None]


def _text(p: etree._Element) -> str:
    return "".join(r.findtext("a:t", "", NSMAP) for r in _runs(p) if r.get(_MARK_ATTR) is None)


def _cut_at(p: etree._Element, keep: int) -> None:
    """Keep the first ``keep`` characters of the paragraph's (unmarked) run text."""
    seen = 0
    for run in _runs(p):
        if run.get(_MARK_ATTR) is not None:
            continue
        t = run.find("a:t", NSMAP)
        assert t is not None
        text = t.text or ""
        if seen >= keep:
            p.remove(run)
        elif seen + len(text) > keep:
            t.text = text[: keep - seen].rstrip()
        seen += len(text)


def _mark(p: etree._Element, mark: str) -> None:
    if any(r.get(_MARK_ATTR) is not None for r in p.iterfind("a:r", NSMAP)):
        return
    runs = _runs(p)
    if not runs:
        return
    run = copy.deepcopy(runs[-1])
    run.set(_MARK_ATTR, "1")
    t = run.find("a:t", NSMAP)
    assert t is not None
    t.text = mark
    runs[-1].addnext(run)


def _last_sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` starts (0: one sentence only)."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text.rstrip()) if 0 < m.end() < len(text)]
    return starts[-1] if starts else 0


def spill(tx_body: etree._Element, fits: Callable[[], bool], mark: str) -> list[str] | None:
    """Cut sentences from the text body until ``fits()`` says it fits.

    Args:
        tx_body: the text body, changed in place.
        fits: measures the body as it is now.
        mark: appended to every shortened paragraph.

    Returns:
        The cut text, one string per paragraph touched, in reading order; ``None`` when the
        text cannot be made to fit this way (the body is then left unchanged).
    """
    original = copy.deepcopy(tx_body)
    cut: dict[int, list[str]] = {}
    paras = list(tx_body.iterfind("a:p", NSMAP))
    while not fits():
        candidates = [(len(_text(p)), i) for i, p in enumerate(paras) if _text(p).strip()]
        if not candidates:
            break
        _, index = max(candidates)
        p = paras[index]
        text = _text(p)
        start = _last_sentence_start(text)
        if start == 0 and len(candidates) == 1:
            break
        cut.setdefault(index, []).insert(0, text[start:].strip())
        if start == 0:
            p.getparent().remove(p)
            paras[index] = etree.Element("removed")
            continue
        _cut_at(p, start)
        _mark(p, mark)
    else:
        for i, p in enumerate(paras):
            if i in cut and p.tag != "removed":
                _mark(p, mark)
        return [" ".join(parts) for _, parts in sorted(cut.items())]
    tx_body[:] = list(original)
    return None


def clear_marks(tx_body: etree._Element) -> None:
    """Drop the engine's bookkeeping attribute from the marks (before writing the slide)."""
    for run in tx_body.iterfind("a:p/a:r", NSMAP):
        run.attrib.pop(_MARK_ATTR, None)


def append_to_notes(notes_xml: str, texts: list[str]) -> str:
    """Return the notes part with ``texts`` appended as paragraphs of its body placeholder.

    Args:
        notes_xml: the rendered notes slide.
        texts: the paragraphs to add.

    Returns:
        The new notes XML (unchanged when it has no body placeholder).
    """
    root = etree.fromstring(notes_xml.encode("utf-8"))
    for sp in root.iterfind(".//p:sp", NSMAP):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NSMAP)
        body = sp.find("p:txBody", NSMAP)
        if ph is None or ph.get("type") != "body" or body is None:
            continue
        a = "{" + NSMAP["a"] + "}"
        for text in texts:
            p = etree.SubElement(body, a + "p")
            etree.SubElement(etree.SubElement(p, a + "r"), a + "t").text = text
        data: bytes = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        return data.decode("utf-8")
    return notes_xml
