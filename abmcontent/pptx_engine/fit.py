"""Shrink rendered text that no longer fits its box.

For each word-wrapping text shape whose text came from template tags, the paragraphs are laid
out greedily (words for Latin text, single characters for CJK) with real font metrics from
:mod:`.fonts`; when they are taller than the box, all font sizes of the shape are scaled down
together until they fit, but never below a minimum (12 pt by default). A line is as tall as
its tallest font's ascent plus descent (what LibreOffice and PowerPoint use at 100% line
spacing: 1.45 em for Noto Sans CJK JP, 1.37 em for Noto Sans), times the paragraph's line
spacing. :func:`body_height` measures any text body (text boxes and table cells alike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from .fonts import Measurer, cjk_measurer, measurer_for_family
from .inherit import EMU_PER_PT, NSMAP, Box, LevelStyle, Spacing, TextStyle, parse_spacing

_A = "{" + NSMAP["a"] + "}"
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef"
)
_TOKEN = re.compile(rf"([{_CJK}])|([^\s{_CJK}]+)?(\s*)")
_BOLD_FACTOR = 1.06


@dataclass(frozen=True)
class FitTarget:
    """A shape whose text is checked after rendering.

    Attributes:
        shape_id: the ``cNvPr`` id of the shape.
        name: the shape name, for warnings.
        box: the shape's box.
        style: its inherited text properties.
        allow_overflow: the template allows the text to run past the box (alt text
            ``overflow: allow``): a warning instead of an error.
    """

    shape_id: str
    name: str
    box: Box
    style: TextStyle
    allow_overflow: bool = False


# A token: (width in ems, trailing space in ems, font size in pt, is a line break,
# line height in ems).
_Token = tuple[float, float, float, bool, float]


@dataclass
class _Para:
    tokens: list[_Token]
    end_size: float
    before: Spacing
    after: Spacing
    line_spacing: float
    margin_pt: float


@dataclass(frozen=True)
class FitResult:
    """What :func:`fit_shape` did.

    Attributes:
        size_pt: the largest font size after fitting.
        fits: whether the text fits the box now.
    """

    size_pt: float
    fits: bool


_P_TAG = _A + "p"
_R_TAG = _A + "r"
_FLD_TAG = _A + "fld"
_BR_TAG = _A + "br"
_PPR_TAG = _A + "pPr"
_RPR_TAG = _A + "rPr"
_T_TAG = _A + "t"
_END_TAG = _A + "endParaRPr"
_LATIN_TAG = _A + "latin"
_word_cache: dict[tuple[str, int, bool], tuple[tuple[float, float, float], ...]] = {}


def _font_measurer(rpr: etree._Element | None, style: TextStyle) -> Measurer:
    family = style.latin_font
    if rpr is not None:
        latin = rpr.find(_LATIN_TAG)
        if latin is not None and latin.get("typeface"):
            family = latin.get("typeface", family)
    if family.startswith("+mj"):
        family = style.major_font
    elif family.startswith("+mn"):
        family = style.minor_font
    return measurer_for_family(family)


def _widths(text: str, bold: bool, latin: Measurer) -> tuple[tuple[float, float, float], ...]:
    """Split text into break opportunities: ``(width, trailing space, line height)`` in ems."""
    key = (text, id(latin), bold)
    found = _word_cache.get(key)
    if found is not None:
        return found
    out: list[tuple[float, float, float]] = []
    factor = _BOLD_FACTOR if bold else 1.0
    cjk = cjk_measurer()
    for m in _TOKEN.finditer(text):
        char, word, space = m.group(1), m.group(2), m.group(3)
        if char:
            out.append((cjk.em_width(char) * factor, 0.0, cjk.line_height))
        elif word or space:
            width = latin.em_width(word) * factor if word else 0.0
            trail = latin.em_width(space) if space else 0.0
            if not word and out:
                out[-1] = (out[-1][0], out[-1][1] + trail, out[-1][2])
            else:
                out.append((width, trail, latin.line_height))
    result = tuple(out)
    if len(_word_cache) > 20000:
        _word_cache.clear()
    _word_cache[key] = result
    return result


def _paragraphs(tx_body: etree._Element, style: TextStyle) -> list[_Para]:
    paras: list[_Para] = []
    for p in tx_body.iterchildren(_P_TAG):
        ppr = p.find(_PPR_TAG)
        level_no = int(ppr.get("lvl", "0")) if ppr is not None else 0
        level: LevelStyle = style.levels[min(max(level_no, 0), 8)]
        before, after, line_spacing = level.space_before, level.space_after, level.line_spacing
        margin = level.margin_left_emu
        if ppr is not None and len(ppr):
            before = parse_spacing(ppr.find("a:spcBef", NSMAP)) or before
            after = parse_spacing(ppr.find("a:spcAft", NSMAP)) or after
            ln = ppr.find("a:lnSpc/a:spcPct", NSMAP)
            if ln is not None:
                line_spacing = int(ln.get("val", "100000")) / 100000
        if ppr is not None and ppr.get("marL") is not None:
            margin = int(ppr.get("marL", "0"))
        tokens: list[_Token] = []
        end: etree._Element | None = None
        for child in p.iterchildren():
            tag = child.tag
            if tag in (_R_TAG, _FLD_TAG):
                rpr = child.find(_RPR_TAG)
                size = _size(rpr, level)
                b = rpr.get("b") if rpr is not None else None
                bold = level.bold if b is None else b in ("1", "true")
                t = child.find(_T_TAG)
                text = (t.text or "") if t is not None else ""
                tokens.extend(
                    (w, trail, size, False, line)
                    for w, trail, line in _widths(text, bold, _font_measurer(rpr, style))
                )
            elif tag == _BR_TAG:
                br_size = _size(child.find(_RPR_TAG), level)
                tokens.append((0.0, 0.0, br_size, True, cjk_measurer().line_height))
            elif tag == _END_TAG:
                end = child
        paras.append(
            _Para(
                tokens=tokens,
                end_size=_size(end, level),
                before=before,
                after=after,
                line_spacing=line_spacing,
                margin_pt=margin / EMU_PER_PT,
            )
        )
    return paras


def _size(rpr: etree._Element | None, level: LevelStyle) -> float:
    sz = rpr.get("sz") if rpr is not None else None
    return int(sz) / 100 if sz is not None else level.size_pt


def _scaled(size: float, scale: float, min_pt: float) -> float:
    return max(size * scale, min(size, min_pt))


def _height(paras: list[_Para], width: float, scale: float, min_pt: float) -> float:
    total = 0.0
    for index, para in enumerate(paras):
        avail = max(width - para.margin_pt, 1.0)
        lines: list[tuple[float, float]] = []  # (font size, line height) in pt
        cur_w = 0.0
        cur_s = cur_h = 0.0
        for width_em, trail_em, orig, line_break, line_em in para.tokens:
            size = max(orig * scale, min(orig, min_pt))
            if line_break:
                lines.append((max(cur_s, size), max(cur_h, size * line_em)))
                cur_w, cur_s, cur_h = 0.0, 0.0, 0.0
                continue
            w = width_em * size
            if cur_w > 0 and cur_w + w > avail:
                lines.append((cur_s, cur_h))
                cur_w, cur_s, cur_h = 0.0, 0.0, 0.0
            if w > avail:
                extra = int(w // avail)
                lines.extend([(size, size * line_em)] * extra)
                w -= extra * avail
            cur_w += w + trail_em * size
            cur_s = max(cur_s, size)
            cur_h = max(cur_h, size * line_em)
        if cur_h:
            lines.append((cur_s, cur_h))
        else:
            end = _scaled(para.end_size, scale, min_pt)
            lines.append((end, end * cjk_measurer().line_height))
        if index > 0:
            total += para.before.in_points(lines[0][0])
        total += sum(h for _, h in lines) * para.line_spacing
        total += para.after.in_points(lines[-1][0])
    return total


def body_height(
    tx_body: etree._Element,
    style: TextStyle,
    width_pt: float,
    *,
    scale: float = 1.0,
    min_pt: float = 1.0,
) -> float:
    """Return the height in points that a text body's paragraphs take at ``width_pt``.

    Args:
        tx_body: a ``p:txBody`` (text box) or ``a:txBody`` (table cell).
        style: the inherited text properties.
        width_pt: the width available to the text (box minus insets).
        scale: factor applied to every font size.
        min_pt: no font is scaled below this size (or its own size when smaller).

    Returns:
        The height, without the insets.
    """
    return _height(_paragraphs(tx_body, style), width_pt, scale, min_pt)


def _max_size(paras: list[_Para]) -> float:
    sizes = [tok[2] for para in paras for tok in para.tokens if not tok[3]]
    sizes.extend(para.end_size for para in paras)
    return max(sizes) if sizes else 18.0


def _room(target: FitTarget) -> tuple[float, float]:
    left, top, right, bottom = target.style.insets
    return (target.box.cx - left - right) / EMU_PER_PT, (target.box.cy - top - bottom) / EMU_PER_PT


def text_fits(tx_body: etree._Element, target: FitTarget) -> bool:
    """Tell whether a text body fits its box as it is now (sizes as written).

    Args:
        tx_body: the shape's ``p:txBody``.
        target: its box and style.

    Returns:
        True when its height is within the box (1% tolerance).
    """
    width, height = _room(target)
    return body_height(tx_body, target.style, width) <= height * 1.01


def fit_shape(shape: etree._Element, target: FitTarget, *, min_pt: float) -> FitResult | None:
    """Shrink the text of ``shape`` until it fits its box.

    Args:
        shape: the rendered ``p:sp`` element, changed in place when text is shrunk.
        target: its box and inherited style.
        min_pt: the smallest font size to shrink to.

    Returns:
        ``None`` when the text already fits, else the new size and whether it fits now.
    """
    tx_body = shape.find("p:txBody", NSMAP)
    if tx_body is None or not target.style.wrap:
        return None
    width, height = _room(target)
    if width <= 0 or height <= 0:
        return None
    paras = _paragraphs(tx_body, target.style)
    tolerance = 1.01
    if _height(paras, width, 1.0, min_pt) <= height * tolerance:
        return None
    base = _max_size(paras)
    if base <= min_pt:
        return FitResult(base, False)
    # Binary search over half points in [min_pt, base).
    lo, hi = int(min_pt * 2), int(base * 2) - 1
    best: int | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if _height(paras, width, mid / 2 / base, min_pt) <= height * tolerance:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    new_size = best / 2 if best is not None else min_pt
    apply_scale(tx_body, target.style, new_size / base, min_pt)
    return FitResult(new_size, best is not None)


def max_font_size(bodies: list[etree._Element], style: TextStyle) -> float:
    """Return the largest font size used in some text bodies.

    Args:
        bodies: ``p:txBody`` or ``a:txBody`` elements.
        style: what they inherit.

    Returns:
        The size in points (18 when there is no text).
    """
    paras = [para for body in bodies for para in _paragraphs(body, style)]
    return _max_size(paras)


def apply_scale(tx_body: etree._Element, style: TextStyle, scale: float, min_pt: float) -> None:
    """Scale every font size of a text body, keeping each at least ``min_pt`` (or its own size).

    Args:
        tx_body: the text body, changed in place.
        style: what it inherits (for sizes not written on the runs).
        scale: the factor.
        min_pt: the smallest size scaling may reach.
    """
    for p in tx_body.iterfind("a:p", NSMAP):
        ppr = p.find("a:pPr", NSMAP)
        level_no = int(ppr.get("lvl", "0")) if ppr is not None else 0
        level = style.levels[min(max(level_no, 0), 8)]
        for child in p:
            local = etree.QName(child).localname
            if local in ("r", "fld", "br"):
                rpr = child.find("a:rPr", NSMAP)
                if rpr is None:
                    rpr = etree.Element(_A + "rPr")
                    child.insert(0, rpr)
                _set_size(rpr, _scaled(_size(rpr, level), scale, min_pt))
            elif local == "endParaRPr":
                _set_size(child, _scaled(_size(child, level), scale, min_pt))
    autofit = tx_body.find("a:bodyPr/a:normAutofit", NSMAP)
    if autofit is not None:
        autofit.attrib.pop("fontScale", None)
        autofit.attrib.pop("lnSpcReduction", None)


def _set_size(rpr: etree._Element, size: float) -> None:
    rpr.set("sz", str(max(100, round(size * 100))))
