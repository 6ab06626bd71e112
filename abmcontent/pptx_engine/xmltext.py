"""Find Jinja tags in DrawingML paragraphs and merge the runs PowerPoint split them into.

PowerPoint stores a paragraph (``<a:p>``) as runs (``<a:r><a:rPr/><a:t>text</a:t></a:r>``) and
splits text into several runs for spell-check marks, language changes or edits, so a tag such as
``{{ account.name }}`` can end up as ``{{ acc`` + ``ount.na`` + ``me }}``. :func:`merge_tag_runs`
moves every tag into the run that holds its first character (that run's formatting wins) and
leaves the text around the tags in the runs it was in.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
A_P = f"{{{A_NS}}}p"
A_R = f"{{{A_NS}}}r"
A_T = f"{{{A_NS}}}t"
A_BR = f"{{{A_NS}}}br"
A_FLD = f"{{{A_NS}}}fld"

OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


class TagSyntaxError(ValueError):
    """A tag is not closed, or crosses a line break or field."""

    def __init__(self, reason: str, fragment: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fragment = fragment


@dataclass(frozen=True)
class TagSpan:
    """A tag found in a string.

    Attributes:
        start: index of the opening delimiter.
        end: index just past the closing delimiter.
        opener: ``{{``, ``{%`` or ``{#``.
    """

    start: int
    end: int
    opener: str


def normalize_quotes(text: str) -> str:
    """Replace typographic quotes (as PowerPoint's AutoCorrect types them) by straight ones.

    Args:
        text: tag text.

    Returns:
        The text with “ ” ‘ ’ „ ‚ replaced by ``"`` and ``'``.
    """
    return text.translate(_QUOTES)


def find_tags(text: str) -> list[TagSpan]:
    """Find the Jinja tags in ``text``.

    Quoted strings inside ``{{ }}`` and ``{% %}`` may contain the closing delimiter.
    Typographic quotes count as quotes.

    Args:
        text: the text to scan.

    Returns:
        The tags, in order.

    Raises:
        TagSyntaxError: an opening delimiter has no closing one.
    """
    spans: list[TagSpan] = []
    i = 0
    n = len(text)
    while True:
        start = _next_opener(text, i)
        if start < 0:
            return spans
        opener = text[start : start + 2]
        closer = OPENERS[opener]
        j = start + 2
        quote = ""
        end = -1
        while j < n:
            ch = text[j]
            if opener == "{#":
                if text.startswith(closer, j):
                    end = j + 2
                    break
            elif quote:
                if normalize_quotes(ch) == quote:
                    quote = ""
            elif normalize_quotes(ch) in "\"'":
                quote = normalize_quotes(ch)
            elif text.startswith(closer, j):
                end = j + 2
                break
            j += 1
        if end < 0:
            raise TagSyntaxError(f"`{opener}` is never closed with `{closer}`", text[start:])
        spans.append(TagSpan(start, end, opener))
        i = end


def _next_opener(text: str, pos: int) -> int:
    best = -1
    for opener in OPENERS:
        k = text.find(opener, pos)
        if k >= 0 and (best < 0 or k < best):
            best = k
    return best


def has_tag_opener(text: str) -> bool:
    """Tell whether ``text`` contains ``{{``, ``{%`` or ``{#``.

    Args:
        text: any text.

    Returns:
        True when a tag opener is present.
    """
    return "{{" in text or "{%" in text or "{#" in text


def _segments(p: etree._Element) -> list[tuple[etree._Element, str, bool]]:
    """Return ``(element, text, mergeable)`` for each text-bearing child of a paragraph."""
    segs: list[tuple[etree._Element, str, bool]] = []
    for child in p:
        if child.tag == A_R:
            t = child.find(A_T)
            segs.append((child, (t.text or "") if t is not None else "", t is not None))
        elif child.tag == A_BR:
            segs.append((child, "\n", False))
        elif child.tag == A_FLD:
            t = child.find(A_T)
            segs.append((child, (t.text or "") if t is not None else "", False))
    return segs


def paragraph_text(p: etree._Element) -> str:
    r"""Return the text of a paragraph (line breaks as ``\\n``).

    Args:
        p: an ``<a:p>`` element.

    Returns:
        Its text.
    """
    return "".join(text for _el, text, _m in _segments(p))


def _set_run_text(run: etree._Element, text: str) -> None:
    t = run.find(A_T)
    assert t is not None
    t.text = text


def merge_tag_runs(p: etree._Element) -> None:
    """Merge the runs of ``p`` so that every tag lies inside one run.

    The run holding a tag's first character receives the whole tag; text after the tag's end in
    the last run stays in that run (and keeps its formatting); runs wholly inside the tag are
    removed.

    Args:
        p: an ``<a:p>`` element, changed in place.

    Raises:
        TagSyntaxError: a tag is unclosed or crosses a line break or a field.
    """
    while True:
        segs = _segments(p)
        full = "".join(text for _el, text, _m in segs)
        if not has_tag_opener(full):
            return
        bounds: list[int] = []
        pos = 0
        for _el, text, _m in segs:
            bounds.append(pos)
            pos += len(text)
        bounds.append(pos)
        spans = find_tags(full)
        for span in spans:
            first = _seg_index(bounds, span.start)
            last = _seg_index(bounds, span.end - 1)
            if first == last:
                continue
            for k in range(first, last + 1):
                if not segs[k][2]:
                    raise TagSyntaxError(
                        "a tag must not contain a line break or field", full[span.start : span.end]
                    )
            head_el = segs[first][0]
            tail_el, tail_text, _m = segs[last]
            cut = span.end - bounds[last]
            middle = "".join(segs[k][1] for k in range(first + 1, last))
            _set_run_text(head_el, segs[first][1] + middle + tail_text[:cut])
            for k in range(first + 1, last):
                p.remove(segs[k][0])
            if cut >= len(tail_text):
                p.remove(tail_el)
            else:
                _set_run_text(tail_el, tail_text[cut:])
            break
        else:
            return


def _seg_index(bounds: list[int], offset: int) -> int:
    """Return the index of the segment containing character ``offset``."""
    lo, hi = 0, len(bounds) - 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bounds[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    # Skip empty segments that start at the same offset.
    while lo + 1 < len(bounds) - 1 and bounds[lo + 1] <= offset:
        lo += 1
    return lo
