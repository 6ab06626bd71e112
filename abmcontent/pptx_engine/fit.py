"""Shrink rendered text that no longer fits its box.

For each word-wrapping text shape whose text came from template tags, the paragraphs are laid
out greedily (words for Latin text, single characters for CJK) with real font metrics from
:mod:`.fonts`; when they are taller than the box, all font sizes of the shape are scaled down
together until they fit, but never below a minimum (12 pt by default). Line height is taken as
1.2 × the largest font size on the line, times the paragraph's line spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .fonts import Measurer, cjk_measurer, measurer_for_family
from .inherit import EMU_PER_PT, NSMAP, Box, LevelStyle, TextStyle, parse_spacing

_A = "{" + NSMAP["a"] + "}"
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef"
)
_TOKEN = re.compile(rf"([{_CJK}])|([^\s{_CJK}]+)?(\s*)")
_BOLD_FACTOR = 1.06
_LINE_FACTOR = 1.2


@dataclass(frozen=True)
class FitTarget:
    """A shape whose text is checked after rendering.

    Attributes:
        shape_id: the ``cNvPr`` id of the shape.
        name: the shape name, for warnings.
        box: the shape's box.
        style: its inherited text properties.
    """

    shape_id: str
    name: str
    box: Box
    style: TextStyle


@dataclass
class _Token:
    width_em: float
    trail_em: float
    size: float
    line_break: bool = False


@dataclass
class _Para:
    tokens: list[_Token]
    end_size: float
    before: float
    after: float
    line_spacing: float
    margin_pt: float
    before_pct: float | None
    after_pct: float | None


@dataclass(frozen=True)
class FitResult:
    """What :func:`fit_shape` did.

    Attributes:
        size_pt: the largest font size after fitting.
        fits: whether the text fits the box now.
    """

    size_pt: float
    fits: bool


def _font_measurer(rpr: etree._Element | None, style: TextStyle) -> Measurer:
    family = style.latin_font
    if rpr is not None:
        latin = rpr.find("a:latin", NSMAP)
        if latin is not None and latin.get("typeface"):
            family = latin.get("typeface", family)
    if family.startswith("+mj"):
        family = style.major_font
    elif family.startswith("+mn"):
        family = style.minor_font
    return measurer_for_family(family)


def _tokens(text: str, size: float, bold: bool, latin: Measurer) -> list[_Token]:
    out: list[_Token] = []
    cjk = None
    factor = _BOLD_FACTOR if bold else 1.0
    for m in _TOKEN.finditer(text):
        char, word, space = m.group(1), m.group(2), m.group(3)
        if char:
            cjk = cjk or cjk_measurer()
            out.append(_Token(cjk.em_width(char) * factor, 0.0, size))
        elif word or space:
            width = latin.em_width(word) * factor if word else 0.0
            trail = latin.em_width(space) if space else 0.0
            if not word and out:
                out[-1].trail_em += trail
            else:
                out.append(_Token(width, trail, size))
    return out


def _paragraphs(tx_body: etree._Element, style: TextStyle) -> list[_Para]:
    paras: list[_Para] = []
    for p in tx_body.iterfind("a:p", NSMAP):
        ppr = p.find("a:pPr", NSMAP)
        level_no = int(ppr.get("lvl", "0")) if ppr is not None else 0
        level: LevelStyle = style.levels[min(max(level_no, 0), 8)]
        before, after, line_spacing = level.space_before, level.space_after, level.line_spacing
        margin = level.margin_left_emu
        if ppr is not None:
            before = parse_spacing(ppr.find("a:spcBef", NSMAP)) or before
            after = parse_spacing(ppr.find("a:spcAft", NSMAP)) or after
            ln = ppr.find("a:lnSpc/a:spcPct", NSMAP)
            if ln is not None:
                line_spacing = int(ln.get("val", "100000")) / 100000
            if ppr.get("marL") is not None:
                margin = int(ppr.get("marL", "0"))
        tokens: list[_Token] = []
        for child in p:
            local = etree.QName(child).localname
            if local == "br":
                rpr = child.find("a:rPr", NSMAP)
                size = _size(rpr, level)
                tokens.append(_Token(0.0, 0.0, size, line_break=True))
            elif local in ("r", "fld"):
                rpr = child.find("a:rPr", NSMAP)
                size = _size(rpr, level)
                bold = level.bold if rpr is None or rpr.get("b") is None else (
                    rpr.get("b") in ("1", "true")
                )
                t = child.find("a:t", NSMAP)
                text = (t.text or "") if t is not None else ""
                tokens.extend(_tokens(text, size, bold, _font_measurer(rpr, style)))
        end = p.find("a:endParaRPr", NSMAP)
        paras.append(
            _Para(
                tokens=tokens,
                end_size=_size(end, level),
                before=before.points or 0.0,
                after=after.points or 0.0,
                line_spacing=line_spacing,
                margin_pt=margin / EMU_PER_PT,
                before_pct=before.percent,
                after_pct=after.percent,
            )
        )
    return paras


def _size(rpr: etree._Element | None, level: LevelStyle) -> float:
    if rpr is not None and rpr.get("sz") is not None:
        return int(rpr.get("sz", "1800")) / 100
    return level.size_pt


def _scaled(size: float, scale: float, min_pt: float) -> float:
    return max(size * scale, min(size, min_pt))


def _height(paras: list[_Para], width: float, scale: float, min_pt: float) -> float:
    total = 0.0
    for index, para in enumerate(paras):
        avail = max(width - para.margin_pt, 1.0)
        lines: list[float] = []
        cur_w = 0.0
        cur_h = 0.0
        for tok in para.tokens:
            size = _scaled(tok.size, scale, min_pt)
            if tok.line_break:
                lines.append(max(cur_h, size))
                cur_w, cur_h = 0.0, 0.0
                continue
            w = tok.width_em * size
            if cur_w > 0 and cur_w + w > avail:
                lines.append(cur_h)
                cur_w, cur_h = 0.0, 0.0
            if w > avail:
                extra = int(w // avail)
                lines.extend([size] * extra)
                w -= extra * avail
            cur_w += w + tok.trail_em * size
            cur_h = max(cur_h, size)
        lines.append(cur_h or _scaled(para.end_size, scale, min_pt))
        first = lines[0]
        before = para.before * 1.0 if para.before_pct is None else para.before_pct * first * 1.2
        after = para.after if para.after_pct is None else para.after_pct * lines[-1] * 1.2
        if index > 0:
            total += before
        total += sum(h * _LINE_FACTOR * para.line_spacing for h in lines) + after
    return total


def _max_size(paras: list[_Para]) -> float:
    sizes = [tok.size for para in paras for tok in para.tokens]
    sizes.extend(para.end_size for para in paras)
    return max(sizes) if sizes else 18.0


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
    left, top, right, bottom = target.style.insets
    width = (target.box.cx - left - right) / EMU_PER_PT
    height = (target.box.cy - top - bottom) / EMU_PER_PT
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
    _apply(tx_body, paras, target.style, new_size / base, min_pt)
    return FitResult(new_size, best is not None)


def _apply(
    tx_body: etree._Element, paras: list[_Para], style: TextStyle, scale: float, min_pt: float
) -> None:
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
