"""Make rendered tables fit the slide: rows grow, text shrinks, then rows move to a new slide.

Every cell is measured with the real fonts (:func:`.fit.body_height`) at its column width minus
its margins; a row is as tall as its tallest cell (never lower than the template row). When the
rows together run past the table's bottom limit (the top of the first shape below the table in
the template, such as a footer, else the slide's bottom margin), all the table's text is shrunk
together, not below the minimum size; when that is not enough the table is cut into pieces that
fit, each repeating the header row, for the renderer to put on follow-up slides.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from .fit import apply_scale, body_height, max_font_size
from .inherit import EMU_PER_PT, NSMAP, Box, TextStyle

_DEFAULT_MARGINS = (91440, 91440, 45720, 45720)  # left, right, top, bottom


@dataclass(frozen=True)
class TableTarget:
    """A table whose text came from tags, checked after rendering.

    Attributes:
        shape_id: the ``cNvPr`` id of its graphic frame.
        name: the frame's name, for notices.
        box: the frame's box in the template.
        limit_y: the lowest the table may reach, in EMU from the slide top.
        style: what its cells inherit.
    """

    shape_id: str
    name: str
    box: Box
    limit_y: int
    style: TextStyle


@dataclass(frozen=True)
class TableFit:
    """What :func:`fit_table` decided.

    Attributes:
        size_pt: the largest font size after shrinking, or ``None`` when nothing was shrunk.
        pieces: the row groups, one per slide (one group: the table fits on its slide).
        fits: whether every piece fits (a single row taller than the room does not).
    """

    size_pt: float | None
    pieces: list[list[int]]
    fits: bool


def _margins(tc: etree._Element) -> tuple[int, int, int, int]:
    pr = tc.find("a:tcPr", NSMAP)
    if pr is None:
        return _DEFAULT_MARGINS
    return (
        int(pr.get("marL", _DEFAULT_MARGINS[0])),
        int(pr.get("marR", _DEFAULT_MARGINS[1])),
        int(pr.get("marT", _DEFAULT_MARGINS[2])),
        int(pr.get("marB", _DEFAULT_MARGINS[3])),
    )


def _row_heights(tbl: etree._Element, style: TextStyle, scale: float, min_pt: float) -> list[int]:
    """The height in EMU each row needs at ``scale``."""
    widths = [int(c.get("w", "0")) for c in tbl.iterfind("a:tblGrid/a:gridCol", NSMAP)]
    heights: list[int] = []
    for tr in tbl.iterfind("a:tr", NSMAP):
        need = int(tr.get("h", "0"))
        column = 0
        for tc in tr.iterfind("a:tc", NSMAP):
            span = int(tc.get("gridSpan", "1"))
            width = sum(widths[column : column + span])
            column += span
            body = tc.find("a:txBody", NSMAP)
            if (
                body is None
                or tc.get("hMerge")
                or tc.get("vMerge")
                or int(tc.get("rowSpan", "1")) > 1
            ):
                continue
            left, right, top, bottom = _margins(tc)
            text_pt = body_height(
                body,
                style,
                max((width - left - right) / EMU_PER_PT, 1.0),
                scale=scale,
                min_pt=min_pt,
            )
            need = max(need, round(text_pt * EMU_PER_PT) + top + bottom)
        heights.append(need)
    return heights


def _header_rows(tbl: etree._Element) -> int:
    pr = tbl.find("a:tblPr", NSMAP)
    return 1 if pr is not None and pr.get("firstRow") in ("1", "true") else 0


def _pieces(heights: list[int], room: int, header: int) -> tuple[list[list[int]], bool]:
    """Cut the body rows into groups that fit ``room`` with the header rows repeated."""
    head = list(range(header))
    head_h = sum(heights[:header])
    pieces: list[list[int]] = []
    current: list[int] = []
    used = head_h
    fits = True
    for index in range(header, len(heights)):
        h = heights[index]
        if current and used + h > room:
            pieces.append(head + current)
            current, used = [], head_h
        if head_h + h > room:
            fits = False
        current.append(index)
        used += h
    if current or not pieces:
        pieces.append(head + current)
    return pieces, fits


def fit_table(frame: etree._Element, target: TableTarget, *, min_pt: float) -> TableFit:
    """Grow the rows of a rendered table, shrink its text if needed, cut it if still needed.

    Row heights and the frame's height are set in ``frame``; fonts are shrunk in place. The
    returned pieces say which rows go on which slide (:func:`keep_rows` makes each piece).

    Args:
        frame: the rendered ``p:graphicFrame`` holding the table.
        target: its template box, limit and style.
        min_pt: the smallest font size to shrink to.

    Returns:
        The decision.
    """
    tbl = frame.find(".//a:tbl", NSMAP)
    if tbl is None:
        return TableFit(None, [[]], True)
    room = target.limit_y - target.box.y
    style = target.style
    heights = _row_heights(tbl, style, 1.0, min_pt)
    size_pt: float | None = None
    if sum(heights) > room:
        bodies = list(tbl.iterfind(".//a:tc/a:txBody", NSMAP))
        base = max_font_size(bodies, style)
        if base > min_pt:
            lo, hi = int(min_pt * 2), int(base * 2) - 1
            best = int(min_pt * 2)
            while lo <= hi:
                mid = (lo + hi) // 2
                if sum(_row_heights(tbl, style, mid / 2 / base, min_pt)) <= room:
                    best, lo = mid, mid + 1
                else:
                    hi = mid - 1
            size_pt = best / 2
            for body in bodies:
                apply_scale(body, style, size_pt / base, min_pt)
            heights = _row_heights(tbl, style, 1.0, min_pt)
    pieces, fits = _pieces(heights, room, _header_rows(tbl))
    for tr, h in zip(tbl.iterfind("a:tr", NSMAP), heights, strict=True):
        tr.set("h", str(h))
    ext = frame.find("p:xfrm/a:ext", NSMAP)
    if ext is not None:
        ext.set("cy", str(sum(heights)))
    return TableFit(size_pt, pieces, fits)


def keep_rows(frame: etree._Element, rows: list[int]) -> etree._Element:
    """Return a copy of a table frame holding only ``rows`` (by index), its height adjusted.

    Args:
        frame: the fitted ``p:graphicFrame``.
        rows: the row indexes to keep, in order.

    Returns:
        The new frame.
    """
    out = copy.deepcopy(frame)
    tbl = out.find(".//a:tbl", NSMAP)
    assert tbl is not None
    keep = set(rows)
    total = 0
    for index, tr in enumerate(list(tbl.iterfind("a:tr", NSMAP))):
        if index in keep:
            total += int(tr.get("h", "0"))
        else:
            tbl.remove(tr)
    ext = out.find("p:xfrm/a:ext", NSMAP)
    if ext is not None:
        ext.set("cy", str(total))
    return out
