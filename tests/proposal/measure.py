"""An independent measurement of deck text, for the fit tests (none of the engine's fit code).

Text is wrapped greedily (Latin words, single CJK characters) with Pillow and the real Noto
fonts, regular or bold as the run says; a line is as tall as its tallest font's ascent plus
descent; paragraph spacing and line spacing are read from the XML.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

from lxml import etree
from PIL import ImageFont
from pptx import Presentation
from pptx.util import Emu

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
PX = 200
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_TOKENS = re.compile(
    r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]|[^\s\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+\s*|\s+"
)
_FILES = {
    ("cjk", False): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("cjk", True): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
    ("latin", False): ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
    ("latin", True): ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
}


@functools.cache
def _font(kind: str, bold: bool) -> ImageFont.FreeTypeFont:
    path, index = _FILES[(kind, bold)]
    return ImageFont.truetype(path, PX, index=index)


def _kind(token: str, latin_face: str) -> str:
    return "cjk" if _CJK.match(token) or "CJK" in latin_face else "latin"


def _emu_pt(value: str | int | None, default: int) -> float:
    return (int(value) if value is not None else default) / 12700


def paragraph_height(p: etree._Element, width_pt: float) -> tuple[float, float, float]:
    """Return (height of the lines, space before, space after) of one paragraph in points."""
    ppr = p.find("a:pPr", NS)
    line_pct = 1.0
    before = after = 0.0
    margin = 0.0
    if ppr is not None:
        pct = ppr.find("a:lnSpc/a:spcPct", NS)
        if pct is not None:
            line_pct = int(pct.get("val")) / 100000
        for tag, setter in (("a:spcBef/a:spcPts", "before"), ("a:spcAft/a:spcPts", "after")):
            el = ppr.find(tag, NS)
            if el is not None:
                value = int(el.get("val")) / 100
                before, after = (value, after) if setter == "before" else (before, value)
        margin = _emu_pt(ppr.get("marL"), 0)
    avail = width_pt - margin
    lines: list[float] = []
    x = 0.0
    tallest = 0.0
    for r in p.iterfind("a:r", NS):
        rpr = r.find("a:rPr", NS)
        size = int(rpr.get("sz", "1800")) / 100 if rpr is not None else 18.0
        bold = rpr is not None and rpr.get("b") in ("1", "true")
        latin = rpr.find("a:latin", NS) if rpr is not None else None
        face = latin.get("typeface", "") if latin is not None else ""
        for token in _TOKENS.findall(r.findtext("a:t", "", NS)):
            font = _font(_kind(token, face), bold)
            ascent, descent = font.getmetrics()
            height = (ascent + descent) / PX * size
            width = font.getlength(token.rstrip()) / PX * size
            full = font.getlength(token) / PX * size
            if x > 0 and x + width > avail:
                lines.append(tallest)
                x, tallest = 0.0, 0.0
            x += full
            tallest = max(tallest, height)
    end = p.find("a:endParaRPr", NS)
    end_size = int(end.get("sz", "1800")) / 100 if end is not None else 18.0
    lines.append(tallest or end_size * 1.448)
    return sum(lines) * line_pct, before, after


def body_height(body: etree._Element, width_pt: float) -> float:
    """Height of a text body's paragraphs in points."""
    total = 0.0
    paras = body.findall("a:p", NS)
    for index, p in enumerate(paras):
        lines, before, after = paragraph_height(p, width_pt)
        total += lines + after + (before if index else 0.0)
    return total


@dataclass
class Overflow:
    """A text that is taller than its box, or a table past the bottom margin."""

    slide: int
    shape: str
    need_pt: float
    have_pt: float


def overflows(data: bytes, bottom_margin_in: float = 0.62) -> list[Overflow]:
    """Every text box and table cell whose text exceeds its box, and every table too low."""
    prs = Presentation(io.BytesIO(data))
    limit = (prs.slide_height - Emu(int(bottom_margin_in * 914400))) / 12700
    found: list[Overflow] = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            el = shape._element
            body = el.find("p:txBody", NS)
            if body is not None and "".join(body.itertext()).strip():
                pr = body.find("a:bodyPr", NS)
                if pr is not None and pr.get("wrap") == "none":
                    continue
                width = (
                    shape.width - int(pr.get("lIns", 91440)) - int(pr.get("rIns", 91440))
                ) / 12700
                height = (
                    shape.height - int(pr.get("tIns", 45720)) - int(pr.get("bIns", 45720))
                ) / 12700
                need = body_height(body, width)
                if need > height * 1.02 + 1:
                    found.append(Overflow(number, shape.name, need, height))
            tbl = el.find(".//a:tbl", NS)
            if tbl is None:
                continue
            widths = [int(c.get("w")) for c in tbl.iterfind("a:tblGrid/a:gridCol", NS)]
            bottom = shape.top / 12700
            for r, tr in enumerate(tbl.iterfind("a:tr", NS)):
                row_h = int(tr.get("h")) / 12700
                for c, tc in enumerate(tr.iterfind("a:tc", NS)):
                    pr = tc.find("a:tcPr", NS)
                    get = pr.get if pr is not None else (lambda _k, d: d)
                    width = (widths[c] - int(get("marL", 91440)) - int(get("marR", 91440))) / 12700
                    margins = (int(get("marT", 45720)) + int(get("marB", 45720))) / 12700
                    need = body_height(tc.find("a:txBody", NS), width) + margins
                    if need > row_h * 1.02 + 1:
                        found.append(
                            Overflow(number, f"{shape.name} r{r + 1}c{c + 1}", need, row_h)
                        )
                bottom += row_h
            if bottom > limit + 1:
                found.append(Overflow(number, f"{shape.name} (bottom)", bottom, limit))
    return found
