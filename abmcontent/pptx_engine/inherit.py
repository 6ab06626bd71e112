"""Resolve what a slide shape inherits from its layout, master, theme and presentation.

Placeholders often carry no position or font size of their own: the slide layout and the slide
master supply them. The engine needs the effective box (to fit pictures and text) and the
effective paragraph properties per outline level (to measure text), so this module walks the
same chain PowerPoint does, best effort:

shape ``lstStyle`` → layout placeholder (matched by ``idx``) → master placeholder (matched by
type) → master ``txStyles`` (title/body/other) → presentation ``defaultTextStyle`` → 18 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from .opc import RT_SLIDE_LAYOUT, RT_SLIDE_MASTER, RT_THEME, OpcPackage, parse_xml
from .xmltext import A_NS

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"a": A_NS, "p": P_NS, "r": R_NS}

EMU_PER_PT = 12700
_RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)
_TITLE_TYPES = {"title", "ctrTitle"}
_SAME_TYPES = {"title", "dt", "ftr", "sldNum", "hdr"}


@dataclass(frozen=True)
class Box:
    """A shape's position and size in EMU."""

    x: int
    y: int
    cx: int
    cy: int


@dataclass(frozen=True)
class Spacing:
    """Paragraph spacing: either absolute points or a percentage of the line (1.0 = 100%)."""

    points: float | None = None
    percent: float | None = None

    def in_points(self, font_pt: float) -> float:
        """Return the spacing in points for a given font size.

        Args:
            font_pt: the font size of the line.

        Returns:
            The spacing in points.
        """
        if self.points is not None:
            return self.points
        if self.percent is not None:
            return self.percent * font_pt * 1.2
        return 0.0


@dataclass(frozen=True)
class LevelStyle:
    """Effective paragraph properties of one outline level."""

    size_pt: float = 18.0
    bold: bool = False
    space_before: Spacing = Spacing()
    space_after: Spacing = Spacing()
    line_spacing: float = 1.0
    margin_left_emu: int = 0


@dataclass(frozen=True)
class TextStyle:
    """What text measuring needs to know about a shape."""

    levels: tuple[LevelStyle, ...]
    wrap: bool
    insets: tuple[int, int, int, int]
    latin_font: str
    major_font: str
    minor_font: str


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def shape_placeholder(shape: etree._Element) -> tuple[str, str] | None:
    """Return ``(type, idx)`` of a placeholder shape, or ``None`` for ordinary shapes.

    Args:
        shape: a ``p:sp``, ``p:pic`` or ``p:graphicFrame``.

    Returns:
        The placeholder type (``obj`` when omitted) and idx (``"0"`` when omitted).
    """
    ph = shape.find("./*/p:nvPr/p:ph", NSMAP)
    if ph is None:
        return None
    return ph.get("type", "obj"), ph.get("idx", "0")


def _xfrm_box(shape: etree._Element) -> Box | None:
    xfrm = shape.find("./p:spPr/a:xfrm", NSMAP)
    if xfrm is None:
        xfrm = shape.find("./p:xfrm", NSMAP)
    if xfrm is None:
        return None
    off = xfrm.find("a:off", NSMAP)
    ext = xfrm.find("a:ext", NSMAP)
    if off is None or ext is None:
        return None
    return Box(
        int(off.get("x", "0")),
        int(off.get("y", "0")),
        int(ext.get("cx", "0")),
        int(ext.get("cy", "0")),
    )


def _level_props(style: etree._Element | None, level: int) -> dict[str, object]:
    """Read the properties an ``a:lvlNpPr`` element sets explicitly."""
    props: dict[str, object] = {}
    if style is None:
        return props
    lvl = style.find(f"a:lvl{level + 1}pPr", NSMAP)
    if lvl is None:
        return props
    if lvl.get("marL") is not None:
        props["margin_left_emu"] = int(lvl.get("marL", "0"))
    rpr = lvl.find("a:defRPr", NSMAP)
    if rpr is not None:
        if rpr.get("sz") is not None:
            props["size_pt"] = int(rpr.get("sz", "1800")) / 100
        if rpr.get("b") is not None:
            props["bold"] = rpr.get("b") in ("1", "true")
    for name, key in (("a:spcBef", "space_before"), ("a:spcAft", "space_after")):
        spacing = parse_spacing(lvl.find(name, NSMAP))
        if spacing is not None:
            props[key] = spacing
    ln = lvl.find("a:lnSpc/a:spcPct", NSMAP)
    if ln is not None:
        props["line_spacing"] = int(ln.get("val", "100000")) / 100000
    return props


def parse_spacing(el: etree._Element | None) -> Spacing | None:
    """Parse an ``a:spcBef``/``a:spcAft`` element.

    Args:
        el: the element, or ``None``.

    Returns:
        The spacing, or ``None`` when the element is absent or empty.
    """
    if el is None:
        return None
    pts = el.find("a:spcPts", NSMAP)
    if pts is not None:
        return Spacing(points=int(pts.get("val", "0")) / 100)
    pct = el.find("a:spcPct", NSMAP)
    if pct is not None:
        return Spacing(percent=int(pct.get("val", "0")) / 100000)
    return None


class Inheritance:
    """Effective geometry and text properties of the shapes of one slide."""

    def __init__(self, pkg: OpcPackage, slide_partname: str, cache: dict[str, etree._Element]):
        """Prepare the chain for one slide.

        Args:
            pkg: the package.
            slide_partname: the slide part.
            cache: parsed parts shared between slides (layouts, masters, themes).
        """
        self._cache = cache
        self._pkg = pkg
        layout_name = pkg.related(slide_partname, RT_SLIDE_LAYOUT)
        self.layout = self._parsed(layout_name)
        master_name = pkg.related(layout_name, RT_SLIDE_MASTER) if layout_name else None
        self.master = self._parsed(master_name)
        theme_name = pkg.related(master_name, RT_THEME) if master_name else None
        theme = self._parsed(theme_name)
        self.major_font = self._theme_font(theme, "majorFont")
        self.minor_font = self._theme_font(theme, "minorFont")
        pres = self._parsed(pkg.related("/", _RT_OFFICE_DOCUMENT))
        self.default_style = pres.find("p:defaultTextStyle", NSMAP) if pres is not None else None

    def _parsed(self, partname: str | None) -> etree._Element | None:
        if partname is None or partname not in self._pkg.parts:
            return None
        if partname not in self._cache:
            self._cache[partname] = parse_xml(self._pkg.parts[partname])
        return self._cache[partname]

    @staticmethod
    def _theme_font(theme: etree._Element | None, which: str) -> str:
        if theme is None:
            return "Calibri"
        latin = theme.find(f".//a:fontScheme/a:{which}/a:latin", NSMAP)
        return latin.get("typeface", "Calibri") if latin is not None else "Calibri"

    def _layout_ph(self, ph: tuple[str, str]) -> etree._Element | None:
        return _find_ph(self.layout, ph, by_idx=True)

    def _master_ph(self, ph: tuple[str, str]) -> etree._Element | None:
        ph_type = ph[0] if ph[0] in _SAME_TYPES else "body"
        if ph[0] == "ctrTitle":
            ph_type = "title"
        return _find_ph(self.master, (ph_type, ph[1]), by_idx=False)

    def box(self, shape: etree._Element) -> Box | None:
        """Return the effective box of a shape.

        Args:
            shape: a slide shape element.

        Returns:
            Its box, or ``None`` when neither it nor a placeholder it inherits from has one.
        """
        own = _xfrm_box(shape)
        if own is not None:
            return own
        ph = shape_placeholder(shape)
        if ph is None:
            return None
        for base in (self._layout_ph(ph), self._master_ph(ph)):
            if base is not None:
                found = _xfrm_box(base)
                if found is not None:
                    return found
        return None

    def table_style(self) -> TextStyle:
        """Return the text properties table cells inherit (the master's other-text style).

        Returns:
            The style, with PowerPoint's default cell insets.
        """
        chain: list[etree._Element | None] = []
        if self.master is not None:
            chain.append(self.master.find("p:txStyles/p:otherStyle", NSMAP))
        chain.append(self.default_style)
        levels = _levels(chain)
        return TextStyle(
            levels=tuple(levels),
            wrap=True,
            insets=_DEFAULT_INSETS,
            latin_font=self.minor_font,
            major_font=self.major_font,
            minor_font=self.minor_font,
        )

    def slide_size(self) -> tuple[int, int]:
        """Return the slide width and height in EMU (4:3 PowerPoint default when unset)."""
        pres = self._parsed(self._pkg.related("/", _RT_OFFICE_DOCUMENT))
        size = pres.find("p:sldSz", NSMAP) if pres is not None else None
        if size is None:
            return 9144000, 6858000
        return int(size.get("cx", "9144000")), int(size.get("cy", "6858000"))

    def text_style(self, shape: etree._Element) -> TextStyle:
        """Return the effective text properties of a shape.

        Args:
            shape: a ``p:sp`` element.

        Returns:
            Its text style.
        """
        ph = shape_placeholder(shape)
        chain: list[etree._Element | None] = [shape.find("p:txBody/a:lstStyle", NSMAP)]
        bodies: list[etree._Element | None] = [shape.find("p:txBody/a:bodyPr", NSMAP)]
        if ph is not None:
            for base in (self._layout_ph(ph), self._master_ph(ph)):
                if base is not None:
                    chain.append(base.find("p:txBody/a:lstStyle", NSMAP))
                    bodies.append(base.find("p:txBody/a:bodyPr", NSMAP))
            if self.master is not None:
                which = (
                    "titleStyle"
                    if ph[0] in _TITLE_TYPES
                    else ("otherStyle" if ph[0] in _SAME_TYPES else "bodyStyle")
                )
                chain.append(self.master.find(f"p:txStyles/p:{which}", NSMAP))
        chain.append(self.default_style)
        levels = _levels(chain)
        wrap = True
        insets = list(_DEFAULT_INSETS)
        found_wrap = False
        for idx, attr in enumerate(("lIns", "tIns", "rIns", "bIns")):
            for body in bodies:
                if body is not None and body.get(attr) is not None:
                    insets[idx] = int(body.get(attr, "0"))
                    break
        for body in bodies:
            if body is not None and body.get("wrap") is not None and not found_wrap:
                wrap = body.get("wrap") != "none"
                found_wrap = True
        is_title = ph is not None and ph[0] in _TITLE_TYPES
        return TextStyle(
            levels=tuple(levels),
            wrap=wrap,
            insets=(insets[0], insets[1], insets[2], insets[3]),
            latin_font=self.major_font if is_title else self.minor_font,
            major_font=self.major_font,
            minor_font=self.minor_font,
        )


def _levels(chain: list[etree._Element | None]) -> list[LevelStyle]:
    """The nine outline levels, each merged from the style chain (first entry wins)."""
    levels: list[LevelStyle] = []
    for level in range(9):
        merged: dict[str, object] = {}
        for style in reversed(chain):
            merged.update(_level_props(style, level))
        levels.append(LevelStyle(**merged))  # type: ignore[arg-type]
    return levels


def _find_ph(
    root: etree._Element | None, ph: tuple[str, str], *, by_idx: bool
) -> etree._Element | None:
    if root is None:
        return None
    fallback: etree._Element | None = None
    for el in root.iterfind(".//p:cSld/p:spTree/*", NSMAP):
        mine = shape_placeholder(el)
        if mine is None:
            continue
        if by_idx and mine[1] == ph[1] and ph[1] != "0":
            return el
        if mine[0] == ph[0] and fallback is None:
            fallback = el
    return fallback
