"""Generate the default Word templates (competitive, case-study, briefing) reproducibly.

    python scripts/make_docx_templates.py [OUTPUT_DIR]   (default: abmcontent/templates)

The templates are ordinary .docx files a marketer can edit in Word: Jinja tags in docxtpl's
syntax in paragraphs and table rows, named styles for everything (no direct formatting), and
brand-neutral colours (abmcontent.renderers.docx.TEMPLATE_COLORS) that the renderer swaps
for the seller's colours. Fonts: Noto Sans for Latin, Noto Sans CJK JP as the East Asian
font; Japanese documents get the CJK family for everything at render time.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from abmcontent.renderers.docx import JAPANESE_FONT, LATIN_FONT, TEMPLATE_COLORS  # noqa: E402

C = TEMPLATE_COLORS
GREY = "4B5563"
LIGHT_GREY = "6B7280"
ZEBRA = "F6F7F9"
RULE = "E5E7EB"


# -- styles -------------------------------------------------------------------------------

def _rgb(hex_value: str) -> RGBColor:
    return RGBColor.from_string(hex_value)


def _border(side: str, color: str, size: int = 8, space: int = 1) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def _para_style(doc, name, *, base="Normal", size=None, bold=None, color=None, before=None,
                after=None, keep_next=False, line=None, ppr_xml="", next_style=None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.italic = False
    if color is not None:
        font.color.rgb = _rgb(color)
    pf = style.paragraph_format
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    pf.keep_with_next = keep_next or None
    pf.widow_control = True
    if next_style:
        style.next_paragraph_style = styles[next_style]
    if ppr_xml:
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{ppr_xml}</w:pBdr>")
                   if ppr_xml.startswith("<w:top") or ppr_xml.startswith("<w:left")
                   or ppr_xml.startswith("<w:bottom") else parse_xml(ppr_xml))
    return style


def _shade(style, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _badge_style(doc, name: str, fill: str, color: str) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.bold = True
    style.font.size = Pt(8)
    style.font.color.rgb = _rgb(color)
    rpr = style.element.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


TABLE_STYLE = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="ABMTable">
  <w:name w:val="ABM Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="264" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/>
    <w:tblBorders>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{C['primary']}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band2Horz">
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ZEBRA}"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


GRID_STYLE = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="ABMGrid">
  <w:name w:val="ABM Grid"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="41"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="264" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="12" w:space="0" w:color="{C['primary']}"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{C['primary_light']}"/></w:tcPr>
</w:style>
"""


def make_styles(doc, compact: bool = False) -> None:
    styles_el = doc.styles.element
    # docDefaults: fonts, language, size
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
        f'w:eastAsia="{JAPANESE_FONT}" w:cs="{LATIN_FONT}"/>'))
    rpr.append(parse_xml(f'<w:color {nsdecls("w")} w:val="{C["text"]}"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="21"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="21"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="ja-JP"/>'))
    # no theme fonts anywhere: the explicit families above must win
    for el in styles_el.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if el.get(qn(attr)) is not None:
                del el.attrib[qn(attr)]
    for el in list(styles_el.iter(qn("w:color"))):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if el.get(qn(attr)) is not None:
                del el.attrib[qn(attr)]

    _para_style(doc, "Normal", size=9 if compact else None, after=2 if compact else 4,
                line=1.3 if compact else 1.5)
    _para_style(doc, "Title", size=20 if compact else 24, bold=True, color=C["text"], before=2,
                after=2, line=1.2)
    title = doc.styles["Title"].element.get_or_add_pPr()
    for child in title.findall(qn("w:pBdr")):
        title.remove(child)
    _para_style(doc, "Subtitle", size=11, bold=False, color="374151", after=0, line=1.3)
    _para_style(doc, "Kicker", size=9, bold=True, color=C["primary"], after=0, line=1.2,
                ppr_xml=_border("top", C["primary"], 18, 8))
    _para_style(doc, "Meta", size=9, color=LIGHT_GREY, after=10, line=1.3)
    _para_style(doc, "Heading 1", size=15.5 if not compact else 11.5, bold=True,
                color=C["primary"], before=9 if compact else 16, after=3 if compact else 6,
                keep_next=True, line=1.25, ppr_xml=_border("bottom", C["primary"], 8, 2))
    _para_style(doc, "Heading 2", size=12.5 if not compact else 10.5, bold=True, color=C["text"],
                before=8 if compact else 10, after=3,
                keep_next=True, line=1.3)
    _para_style(doc, "Heading 3", size=10 if compact else 10.5, bold=True, color=C["primary"],
                before=6 if compact else 7, after=1 if compact else 2, keep_next=True, line=1.3)
    _para_style(doc, "Lead", size=11, after=6, line=1.5)
    _para_style(doc, "Note", size=9, color=GREY, after=2 if compact else 4,
                line=1.25 if compact else 1.4)
    _para_style(doc, "Strong Text", bold=True, after=2, line=1.4)
    _para_style(doc, "Table Text", size=9 if compact else 9.5, after=0, line=1.25)
    _para_style(doc, "Table Strong", base="Table Text", bold=True)
    _para_style(doc, "Table Note", base="Table Text", size=8.5 if compact else 9, color=GREY)
    number = _para_style(doc, "Table Number", base="Table Text")
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _para_style(doc, "Label", size=7.5, bold=True, color=LIGHT_GREY, after=0, line=1.2)
    _para_style(doc, "Spacer", size=4, after=0, line=1.0)
    _para_style(doc, "Story End", size=4, after=14, line=1.0)
    _para_style(doc, "Story Text", size=10, after=2, line=1.35)
    _para_style(doc, "Keep In Mind", size=9, color=C["accent_text"], after=2, line=1.25,
                keep_next=True)
    _para_style(doc, "List Bullet", after=1 if compact else 2, line=1.25 if compact else 1.4)
    _para_style(doc, "Table Bullet", base="List Bullet", size=9.5, after=0, line=1.25)
    summary = _para_style(doc, "Summary", size=10, after=0, line=1.45,
                          ppr_xml=_border("left", C["primary"], 24, 8))
    _shade(summary, C["primary_light"])
    callout = _para_style(doc, "Callout", after=0, line=1.45,
                          ppr_xml=_border("left", C["accent"], 24, 8))
    _shade(callout, C["accent_light"])
    _para_style(doc, "Callout Title", base="Callout", bold=True, color=C["accent_text"],
                before=4, keep_next=True)
    quote = _para_style(doc, "Quote", size=11, color=C["text"], before=4, after=2, line=1.5,
                        ppr_xml=_border("left", C["accent"], 24, 8))
    quote.font.italic = False
    _para_style(doc, "Quote By", size=9, color=GREY, after=8)
    quote_by = doc.styles["Quote By"].element.get_or_add_pPr()
    quote_by.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{_border('left', C['accent'], 24, 8)}"
                              "</w:pBdr>"))
    why = _para_style(doc, "Why", size=10, after=0, line=1.45, keep_next=True)
    _shade(why, C["primary_light"])
    _para_style(doc, "Why Title", base="Why", bold=True, color=C["primary"], keep_next=True)
    _para_style(doc, "Action", size=12.5, bold=True, color=C["primary"], before=4, after=2,
                line=1.3, keep_next=True)
    _para_style(doc, "Figure", size=15.5, bold=True, color=C["primary"], after=0, line=1.2)
    _para_style(doc, "Header Text", size=7.5, color=GREY, after=0, line=1.0)
    _para_style(doc, "Footer Text", size=7.5, color=LIGHT_GREY, after=0, line=1.0)

    _badge_style(doc, "Badge", "EEF0F3", GREY)
    _badge_style(doc, "BadgeDecisionMaker", C["primary"], "FFFFFF")
    _badge_style(doc, "BadgeChampion", "DCF2E3", "17603A")
    _badge_style(doc, "BadgeInfluencer", C["accent_light"], C["accent_text"])
    _badge_style(doc, "BadgeBlocker", "FDE4E1", "A3231A")
    _badge_style(doc, "BadgeUser", "EEF0F3", GREY)
    _badge_style(doc, "BadgeHigh", "FDE4E1", "A3231A")
    _badge_style(doc, "BadgeMedium", C["accent_light"], C["accent_text"])
    _badge_style(doc, "BadgeLow", "EEF0F3", GREY)
    styles_el.append(parse_xml(TABLE_STYLE))
    styles_el.append(parse_xml(GRID_STYLE))


# -- document helpers ---------------------------------------------------------------------

class Builder:
    """Appends paragraphs and tables with Jinja tags to a python-docx document."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.container = doc  # where paragraphs go: the body, or a table cell

    def p(self, text: str, style: str = "Normal"):
        return self.container.add_paragraph(text, style=style)

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl ``{%p %}`` tag (removed at render)."""
        self.container.add_paragraph(text)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def bullets(self, loop: str, item: str, style: str = "List Bullet") -> None:
        self.tag(f"{{%p for {loop} %}}")
        self.p(item, style)
        self.tag("{%p endfor %}")

    def table(self, headers: list[str], loop: str | None, cells: list[str],
              widths: list[float], cell_styles: list[str] | None = None,
              rows: list[list[str]] | None = None) -> None:
        """A table with a header row and, for ``loop``, one row per item (``{%tr %}``)."""
        body_rows = rows or [cells]
        n_rows = 1 + len(body_rows) + (2 if loop else 0)
        table = self.doc.add_table(rows=n_rows, cols=len(headers))
        table.style = self.doc.styles["ABM Table"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        tbl_pr = table._tbl.tblPr
        look = tbl_pr.find(qn("w:tblLook"))
        if look is not None:
            tbl_pr.remove(look)
        tbl_pr.append(parse_xml(
            f'<w:tblLook {nsdecls("w")} w:val="04A0" w:firstRow="1" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'))
        grid = table._tbl.tblGrid
        for col, grid_col in enumerate(grid.findall(qn("w:gridCol"))):
            grid_col.set(qn("w:w"), str(int(widths[col] * 56.7)))
        styles = cell_styles or ["Table Text"] * len(headers)
        for index, row in enumerate(table.rows):
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
            if index == 0:
                tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
            for col, cell in enumerate(row.cells):
                cell.width = Mm(widths[col])
        for col, text in enumerate(headers):
            para = table.rows[0].cells[col].paragraphs[0]
            para.text = text
            para.style = self.doc.styles["Table Text"]
        offset = 1
        if loop:
            table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for {loop} %}}"
            table.rows[-1].cells[0].paragraphs[0].text = "{%tr endfor %}"
            offset = 2
        for r, values in enumerate(body_rows):
            for col, text in enumerate(values):
                para = table.rows[offset + r].cells[col].paragraphs[0]
                para.text = text
                para.style = self.doc.styles[styles[col]]
        self.doc.add_paragraph("", style="Note").paragraph_format.space_after = Pt(2)


RUN = "\u2016"  # separates the runs of a paragraph in _runs
Cell = list[tuple[str, str]]  # the paragraphs of a cell: (text or runs, style)


def _runs(para, text: str) -> None:
    """Add ``text`` to ``para``; RUN separates runs (so ``{{r }}`` tags get their own run)."""
    for part in text.split(RUN):
        if part:
            para.add_run(part)


def grid(b: Builder, header: list[str] | None, loop: str | None, cells: list[Cell],
         widths: list[float], style: str = "ABM Table", spacer: bool = True) -> None:
    """A table whose cells hold several paragraphs (and ``{%p %}`` tags).

    ``header`` (optional) is the repeated header row; ``loop`` makes one row per item.
    """
    doc = b.doc
    n_rows = (1 if header else 0) + 1 + (2 if loop else 0)
    table = doc.add_table(rows=n_rows, cols=len(widths))
    table.style = doc.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        tbl_pr.remove(look)
    tbl_pr.append(parse_xml(
        f'<w:tblLook {nsdecls("w")} w:val="{"04A0" if header else "0400"}" '
        f'w:firstRow="{1 if header else 0}" '
        'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for col, grid_col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid_col.set(qn("w:w"), str(int(widths[col] * 56.7)))
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        if index == 0 and header:
            tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for col, cell in enumerate(row.cells):
            cell.width = Mm(widths[col])
    row_index = 0
    if header:
        for col, text in enumerate(header):
            para = table.rows[0].cells[col].paragraphs[0]
            para.text = text
            para.style = doc.styles["Table Text"]
        row_index = 1
    if loop:
        table.rows[row_index].cells[0].paragraphs[0].text = f"{{%tr for {loop} %}}"
        table.rows[-1].cells[0].paragraphs[0].text = "{%tr endfor %}"
        row_index += 1
    for col, paragraphs in enumerate(cells):
        cell = table.rows[row_index].cells[col]
        for number, (text, para_style) in enumerate(paragraphs):
            para = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            _runs(para, text)
            para.style = doc.styles[para_style]
    if spacer:
        doc.add_paragraph("", style="Spacer")


def columns(doc, count: int, space_mm: float = 6) -> None:
    """End the current section here (one column) and continue in ``count`` columns."""
    body = doc.element.body
    body_sectpr = body.find(qn("w:sectPr"))
    first = deepcopy(body_sectpr)
    para = doc.add_paragraph("", style="Spacer")
    para._p.get_or_add_pPr().append(first)
    kind = body_sectpr.find(qn("w:type"))
    if kind is None:
        kind = parse_xml(f'<w:type {nsdecls("w")}/>')
        body_sectpr.insert(0, kind)
    kind.set(qn("w:val"), "continuous")
    cols = body_sectpr.find(qn("w:cols"))
    if cols is None:
        cols = parse_xml(f'<w:cols {nsdecls("w")}/>')
        body_sectpr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(int(space_mm * 56.7)))


def new_document(title_tag: str, compact: bool = False):
    doc = Document()
    make_styles(doc, compact)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    # the briefing gains a few lines per column: its running header and footer are tiny
    section.top_margin = Mm(20 if compact else 24)
    section.bottom_margin = Mm(17 if compact else 20)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(9)
    section.start_type = WD_SECTION.NEW_PAGE
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header Text"]
    header.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)
    header.add_run("{{r abmcontent.images.account_logo }}")
    header.add_run("  {{ account.name }}\t")
    header.add_run("{{r abmcontent.images.seller_logo }}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer Text"]
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("{{ footer }} · {{ date_text }}\t")
    footer._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" / ")
    footer._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r>'
        "</w:fldSimple>"))
    props = doc.core_properties
    props.title = title_tag
    props.author = "{{ seller.name }}"
    props.subject = "{{ account.name }}"
    # an internal document says so in its properties; a customer document's stay empty
    props.comments = "{{ document.classification }}"
    props.keywords = "{{ document.classification }}"
    props.last_modified_by = ""
    # the empty first paragraph python-docx starts with would print a blank line
    body = doc.element.body
    for para in body.findall(qn("w:p")):
        body.remove(para)
    return doc, Builder(doc)


def cover(b: Builder, kicker: str, subtitle: str | None) -> None:
    b.p(kicker, "Kicker")
    b.p("{{ account.name }}", "Title")
    if subtitle:
        b.p(subtitle, "Subtitle")
    b.p("{{ date_text }} · {{ seller.name }}", "Meta")


# -- the documents ------------------------------------------------------------------------

SEP = "{{ '：' if locale == 'ja' else ': ' }}"
COMMA = "{{ '、' if locale == 'ja' else ', ' }}"
JOIN = "'、' if locale == 'ja' else ', '"
LP = "{{ '（' if locale == 'ja' else ' (' }}"
RP = "{{ '）' if locale == 'ja' else ')' }}"


def competitive(path: Path) -> None:
    """The competitive analysis for one reader at the account (customer-facing)."""
    doc, b = new_document("{{ document.name }} · {{ account.name }}")
    cover(b, "{{ document.name }}", "{{ audience.label }}")
    b.p("{{ strings.executive_summary }}", "Heading 1")
    for condition, label, value in (
        ("challenges", "situation", "{{ challenges[0].title }}"),
        ("analysis.ahead", "ahead_of_industry", "{{ analysis.ahead|join(" + JOIN + ") }}"),
        ("analysis.behind", "behind_industry", "{{ analysis.behind|join(" + JOIN + ") }}"),
        ("analysis.has_options", "options_compared",
         "{{ analysis.options|map(attribute='name')|join(" + JOIN + ") }}"),
        ("persona.priorities", "reader_priorities",
         "{{ persona.priorities[:3]|join(" + JOIN + ") }}"),
    ):
        b.tag(f"{{%p if {condition} %}}")
        b.p(f"{{{{ strings.{label} }}}}", "Summary").runs[0].bold = True
        b.p(value, "Summary")
        b.tag("{%p endif %}")
    b.p("{{ strings.suggested_next_step }}", "Summary").runs[0].bold = True
    b.p("{{ analysis.next_step }}", "Summary").runs[0].bold = True

    b.tag("{%p if market.has_data or account.summary %}")
    b.p("{{ strings.your_market }}", "Heading 1")
    b.p("{{ market.summary or account.summary }}", "Lead")
    for key, heading, headers, cells, widths in (
        ("benchmarks", "benchmarks",
         ["{{ strings.metric }}", "{{ account.name }}", "{{ strings.industry_figure }}",
          "{{ strings.gap }}"],
         [[("{{ row.metric }}", "Table Strong")], [("{{ row.account_text }}", "Table Number")],
          [("{{ row.industry_text }}", "Table Number")], [("{{ row.gap_text }}", "Table Number")]],
         [74, 36, 30, 30]),
        ("rivals", "rivals",
         ["{{ strings.company }}", "{{ strings.positioning }}", "{{ strings.revenue }}",
          "{{ strings.market_share }}"],
         [[("{{ row.name }}", "Table Strong")], [("{{ row.summary }}", "Table Text")],
          [("{{ row.revenue or '—' }}", "Table Number")],
          [("{{ row.share_text or '—' }}", "Table Number")]],
         [44, 76, 28, 22]),
    ):
        b.tag(f"{{%p if market.{key} %}}")
        b.p(f"{{{{ strings.{heading} }}}}", "Heading 2")
        source = ("{{ strings.source }}" + SEP + "{{ row.source }}" + LP + "{{ row.as_of_text }}"
                  + RP)
        first = [*cells[0], (f"{{%p if not market.{key}_source %}}", "Table Text"),
                 (source, "Table Note"), ("{%p endif %}", "Table Text")]
        grid(b, headers, f"row in market.{key}", [first, *cells[1:]], widths, spacer=False)
        b.tag(f"{{%p if market.{key}_source %}}")
        b.p("{{ strings.source }}" + SEP + f"{{{{ market.{key}_source.source }}}}" + LP
            + f"{{{{ market.{key}_source.as_of_text }}}}" + RP, "Note")
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")
    b.tag("{%p endif %}")

    b.tag("{%p if analysis.has_options %}")
    b.p("{{ strings.options_title }}", "Heading 1")
    grid(b, None, "o in analysis.options",
         [[("{{ o.name }}", "Table Strong")], [("{{ o.positioning or '—' }}", "Table Text")]],
         [50, 120])
    b.tag("{%p if analysis.has_comparison %}")
    b.p("{{ strings.comparison_for.format(reader=audience.addressee) }}", "Heading 2")
    grid(b, ["{{ strings.criterion }}", "{{ analysis.compared|join(" + JOIN + ") }}",
             "{{ seller.name }}"],
         "row in analysis.comparison",
         [[("{% if row.for_reader %}● {% endif %}{{ row.label }}", "Table Strong")],
          [("{%p for cell in row.competitors %}", "Table Text"),
           ("{% if analysis.compared|length > 1 %}{{ analysis.compared[loop.index0] }}" + SEP
            + "{% endif %}{{ cell.text if cell else strings.not_stated }}", "Table Text"),
           ("{%p if cell %}", "Table Text"),
           ("{{ strings.source }}" + SEP + "{{ cell.source }}" + LP + "{{ cell.as_of_text }}"
            + RP, "Table Note"),
           ("{%p endif %}", "Table Text"),
           ("{%p endfor %}", "Table Text")],
          [("{{ row.ours.text if row.ours else '—' }}", "Table Text"),
           ("{%p if row.ours %}", "Table Text"),
           ("{{ strings.source }}" + SEP + "{{ row.ours.source }}" + LP
            + "{{ row.ours.as_of_text }}" + RP, "Table Note"),
           ("{%p endif %}", "Table Text")]],
         [36, 67, 67])
    b.p("{{ strings.comparison_note.format(reader=audience.addressee) }}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")

    b.p("{{ strings.meaning_for.format(reader=audience.addressee) }}", "Heading 1")
    b.tag("{%p if analysis.has_points %}")
    b.table(["{{ strings.challenges }}", "{{ strings.product }}", "{{ strings.value_for_you }}"],
            "pt in analysis.points",
            ["{{ pt.challenges|join_nonempty(" + JOIN + ") or '—' }}", "{{ pt.product }}",
             "{{ pt.value }}"],
            [60, 36, 74], ["Table Text", "Table Strong", "Table Text"])
    b.tag("{%p endif %}")
    b.tag("{%p if audience.stakeholder and audience.stakeholder.priorities %}")
    b.p("{{ strings.reader_priorities }}", "Heading 2")
    b.bullets("x in audience.stakeholder.priorities", "{{ x }}")
    b.tag("{%p endif %}")
    b.p("{{ strings.suggested_next_step }}", "Heading 2")
    b.p("{{ analysis.next_step }}", "Action")
    b.tag("{%p if account.contact %}")
    b.p("{{ strings.your_contact }}" + SEP + "{{ account.contact.name }}"
        "{% if account.contact.title %}" + LP + "{{ account.contact.title }}" + RP + "{% endif %}"
        "{% if account.contact.email %} · {{ account.contact.email }}{% endif %}"
        "{% if account.contact.phone %} · {{ account.contact.phone }}{% endif %}", "Note")
    b.tag("{%p endif %}")
    save(doc, path)


def battlecard(path: Path) -> None:
    """The rep's one-pager for an account (internal)."""
    doc, b = new_document(
        "{{ document.name }} · {{ account.name }} · {{ document.classification }}", compact=True)
    kicker = b.p("{{ document.name }}  ", "Kicker")
    kicker.add_run("{{r document.classification|badge('blocker') }}")
    b.p("{{ account.name }}", "Title")
    b.p("{{ date_text }}{% if account.owners.sales %} · {{ strings.owner_sales }} "
        "{{ account.owners.sales }}{% endif %}{% if account.open_pipeline %} · "
        "{{ strings.pipeline_total }} {{ account.open_pipeline }}{% endif %}", "Meta")
    bc = "battlecard"
    b.tag(f"{{%p if {bc}.stale_claims %}}")
    b.p(f"{{{{ strings.stale_summary.format(n={bc}.stale_claims, "
        f"months={bc}.claim_max_age_months) }}}}", "Callout")
    b.tag("{%p endif %}")
    b.tag(f"{{%p if {bc}.has_competitors %}}")
    b.p("{{ strings.vendors_in_deal }}", "Heading 1")
    b.table(["{{ strings.vendor }}", "{{ strings.status }}", "{{ strings.on_this_account }}",
             "{{ strings.positioning }}"], f"c in {bc}.competitors",
            ["{{ c.name }}", "{{ c.status_label }}", "{{ c.notes or '—' }}",
             "{{ c.positioning or '—' }}"],
            [34, 24, 56, 56], ["Table Strong", "Table Text", "Table Text", "Table Text"])
    b.tag(f"{{%p for c in {bc}.competitors %}}")
    b.p("{{ c.name }} · {{ c.status_label }}", "Heading 2")
    for key, label in (("strengths", "strengths"), ("weaknesses", "weaknesses"),
                       ("differentiators", "our_differentiators")):
        b.tag(f"{{%p if c.{key} %}}")
        b.p(f"{{{{ strings.{label} }}}}", "Heading 3")
        b.bullets(f"x in c.{key}", "{{ x }}")
        b.tag("{%p endif %}")
    b.tag("{%p if c.claims %}")
    b.p("{{ strings.sourced_claims }}", "Heading 3")
    side_cells = []
    for side in ("competitor", "ours"):
        side_cells.append([
            (f"{{{{ claim.{side}.text }}}}", "Table Text"),
            (f"{{{{ claim.{side}.source }}}}" + LP + f"{{{{ claim.{side}.as_of_text }}}}" + RP,
             "Table Note"),
            (f"{{%p if claim.{side}.stale %}}", "Table Text"),
            (RUN + f"{{{{r strings.stale_claim.format(n=claim.{side}.age_months)"
             "|badge('blocker') }}", "Table Text"),
            ("{%p endif %}", "Table Text"),
        ])
    grid(b, ["{{ strings.criterion }}", "{{ c.name }}", "{{ seller.name }}"], "claim in c.claims",
         [[("{{ claim.criterion_label }}", "Table Strong")], *side_cells], [34, 68, 68])
    b.tag("{%p endif %}")
    b.tag("{%p if c.objections %}")
    b.p("{{ strings.objections_title }}", "Heading 3")
    b.table(["{{ strings.objection }}", "{{ strings.response }}"], "o in c.objections",
            ["{{ o.objection }}", "{{ o.response }}"], [64, 106])
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    b.tag(f"{{%p if {bc}.has_landmines %}}")
    b.p("{{ strings.landmines }}", "Heading 1")
    b.table(["{{ strings.landmines }}", "{{ strings.vendor }}", "{{ strings.ask }}"],
            f"l in {bc}.landmines", ["{{ l.question }}", "{{ l.competitor }}",
                                     "{{ l.ask or '—' }}"],
            [102, 34, 34], ["Table Text", "Table Text", "Table Strong"])
    b.tag("{%p endif %}")
    b.tag(f"{{%p if {bc}.has_people %}}")
    b.p("{{ strings.people_title }}", "Heading 1")
    b.table(["{{ strings.name }}", "{{ strings.influence }}", "{{ strings.stance }}",
             "{{ strings.lead_with }}", "{{ strings.notes }}"], f"pp in {bc}.people",
            ["{{ pp.name }}\n{{ pp.title }}", "{{ pp.influence_label or '—' }}",
             "{{ pp.stance_label or '—' }}",
             "{{ pp.proof_label }}{% if pp.value %}" + SEP + "{{ pp.value }}{% endif %}"
             "{% if pp.story %}\n{{ strings.story_to_tell }}" + SEP + "{{ pp.story.customer }}"
             "{% if pp.story.headline %} · {{ pp.story.headline }}{% endif %}{% endif %}"
             "{% if pp.tone %}\n{{ strings.how_to_speak }}" + SEP + "{{ pp.tone }}{% endif %}",
             "{{ pp.notes or '—' }}"],
            [32, 22, 18, 62, 36],
            ["Table Strong", "Table Text", "Table Text", "Table Text", "Table Note"])
    b.tag(f"{{%p if {bc}.more_people %}}")
    b.p(f"{{{{ strings.more_people.format(n={bc}.more_people) }}}}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")
    save(doc, path)


def case_study(path: Path) -> None:
    doc, b = new_document("{{ document.name }} · {{ account.name }}")
    cover(b, "{{ document.name }}", "{{ audience.label }}")
    b.tag("{%p if case_studies %}")
    b.p("{{ strings.stories_intro.format(account=account.name) }}", "Lead")
    for name in ("Why", "Quote"):
        doc.styles[name].paragraph_format.line_spacing = 1.3
    doc.styles["Quote"].font.size = Pt(10.5)
    # the quote's rule sits left of the text: inside the story's cell, the text moves right
    for name in ("Quote", "Quote By"):
        doc.styles[name].paragraph_format.left_indent = Pt(12)
    doc.styles["Figure"].font.size = Pt(14)
    doc.styles["Meta"].paragraph_format.space_after = Pt(6)
    doc.styles["Title"].font.size = Pt(20)
    doc.styles["Lead"].paragraph_format.space_after = Pt(2)
    doc.styles["Why"].paragraph_format.line_spacing = 1.25
    doc.styles["Heading 3"].paragraph_format.space_before = Pt(5)
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(8)
    b.tag("{%p for cs in case_studies %}")
    # each story is one table row that may not split: it is kept on one page, short stories
    # share a page, and there are no forced page breaks
    story = doc.add_table(rows=1, cols=1)
    story.alignment = WD_TABLE_ALIGNMENT.LEFT
    story._tbl.tblPr.append(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'))
    story.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    story._tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), str(int(170 * 56.7)))
    cell = story.rows[0].cells[0]
    cell.width = Mm(170)
    empty = cell.paragraphs[0]._p
    b.container = cell
    b.p("{{ cs.customer }}{% if cs.headline_result %}" + SEP
        + "{{ cs.results[0].metric }} {{ cs.headline_result }}{% endif %}", "Heading 1")
    b.p("{{ cs.industry_label }}{% if cs.products %} · {{ strings.products_used }} "
        "{{ cs.products|join(" + JOIN + ") }}{% endif %}", "Note")
    for key, label in (("situation", "situation"), ("solution", "solution_used"),
                       ("outcome", "outcome")):
        b.tag(f"{{%p if cs.{key} %}}")
        b.p(f"{{{{ strings.{label} }}}}", "Heading 3")
        b.p(f"{{{{ cs.{key} }}}}", "Story Text")
        b.tag("{%p endif %}")
    b.tag("{%p if cs.results %}")
    b.p("{{ strings.results }}", "Heading 3")
    b.tag("{%p if abmcontent.charts[cs.id] %}")
    b.p("{{r abmcontent.charts[cs.id] }}", "Story Text")
    b.tag("{%p endif %}")
    b.tag("{%p for r in abmcontent.other_results[cs.id] %}")
    b.p("{{ r.display }}", "Figure")
    b.p("{{ r.metric }}", "Note")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    b.tag("{%p if cs.quote and cs.quote.text %}")
    b.p("{{ '「' if locale == 'ja' else '“' }}{{ cs.quote.text }}"
        "{{ '」' if locale == 'ja' else '”' }}", "Quote")
    b.p("{{ cs.quote.by }}{% if cs.quote.title %}{{ '（' if locale == 'ja' else ', ' }}"
        "{{ cs.quote.title }}{{ '）' if locale == 'ja' else '' }}{% endif %}", "Quote By")
    b.tag("{%p endif %}")
    b.tag("{%p if cs.reasons %}")
    b.p("{{ strings.why_relevant }}", "Why Title")
    b.tag("{%p for x in cs.reasons[:4] %}")  # the four strongest reasons keep a story short
    b.p("{{ '・' if locale == 'ja' else '• ' }}{{ x }}", "Why")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    cell._tc.remove(empty)
    b.container = doc
    b.p("", "Story End")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.p("{{ strings.no_case_studies }}", "Lead")
    b.tag("{%p endif %}")
    save(doc, path)


#: the width of one column of the two-column briefing (mm): (170 - 6) / 2
COL = 82


def briefing(path: Path) -> None:
    """One or two pages read standing in a lobby: the facts up top, then two columns."""
    doc, b = new_document(
        "{{ document.name }} · {{ account.name }} · {{ document.classification }}", compact=True)
    kicker = b.p("{{ document.name }}  ", "Kicker")
    kicker.add_run("{{r document.classification|badge('blocker') }}")
    b.p("{{ account.name }}", "Title")
    b.p("{{ strings.visit_date }}" + SEP + "{{ date_text }}"
        "{% if account.owners.sales %} · {{ strings.owner_sales }} {{ account.owners.sales }}"
        "{% endif %}{% if account.owners.marketing %} · {{ strings.owner_marketing }} "
        "{{ account.owners.marketing }}{% endif %}", "Meta")
    # the snapshot: labelled facts on one light band
    facts = [
        ("industry", "{{ account.industry_label }}{% if account.segment_label %} · "
                     "{{ account.segment_label }}{% endif %}"),
        ("employees", "{{ account.employees_text or '—' }}"),
        ("annual_revenue", "{{ account.annual_revenue or '—' }}"),
        ("headquarters", "{{ account.headquarters or '—' }}"),
        ("tier", "{{ account.tier_label or '—' }}"),
        ("pipeline_total", "{{ account.open_pipeline or '—' }}"),
    ]
    grid(b, None, None,
         [[(f"{{{{ strings.{key} }}}}", "Label"), (value, "Table Strong")] for key, value in facts],
         [30, 25, 27, 36, 26, 26], style="ABM Grid")
    b.tag("{%p if account.summary %}")
    b.p("{{ account.summary }}", "Note")
    b.tag("{%p endif %}")
    columns(doc, 2)

    b.tag("{%p if account.business_goals %}")
    b.p("{{ strings.business_goals }}", "Heading 1")
    b.bullets("g in account.business_goals", "{{ g }}")
    b.tag("{%p endif %}")
    b.tag("{%p if account.challenges %}")
    b.p("{{ strings.challenges }}", "Heading 1")
    b.tag("{%p for ch in account.challenges %}")
    _runs(b.p("", "Strong Text"),
          "{{r ch.impact_label|badge(ch.impact) }}" + RUN + " {{ ch.title }}")
    b.tag("{%p if ch.detail %}")
    b.p("{{ ch.detail }}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")

    b.tag("{%p if briefing.buying_group %}")
    b.p("{{ strings.buying_group }}", "Heading 1")
    grid(b, ["{{ strings.name }}", "{{ strings.priorities }}"], "p in briefing.buying_group", [
        [("{{ p.name }}", "Table Strong"),
         ("{{ p.title or p.role_title }}", "Table Note"),
         ("{{r p.influence_label|badge(p.influence) }}", "Table Text")],
        [("{{ p.priorities|join(" + JOIN + ") or '—' }}", "Table Text"),
         ("{%p if p.last_engagement %}", "Table Text"),
         ("{{ strings.last_engagement }}" + SEP + "{{ p.last_engagement.date_text }} · "
          "{{ p.last_engagement.kind_label }}", "Table Note"),
         ("{%p endif %}", "Table Text")],
    ], [31, COL - 31])
    b.tag("{%p if briefing.more_people %}")
    b.p("{{ strings.more_people.format(n=briefing.more_people) }}", "Table Note")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")

    b.tag("{%p if account.opportunities %}")
    b.p("{{ strings.opportunities }}", "Heading 1")
    grid(b, ["{{ strings.product }}", "{{ strings.stage }}", "{{ strings.value }}"],
         "o in account.opportunities", [
             [("{{ o.product }}", "Table Strong"),
              ("{%p if o.notes %}", "Table Text"),
              ("{{ o.notes }}", "Table Note"),
              ("{%p endif %}", "Table Text")],
             [("{{r o.stage_label|badge('') }}", "Table Text")],
             [("{{ o.value or '—' }}", "Table Number")],
         ], [38, 22, COL - 60])
    b.tag("{%p endif %}")

    b.p("{{ strings.suggested_agenda }} · {{ strings.minutes.format(n=briefing.meeting_minutes) }}",
        "Heading 1")
    # a challenge's detail and an opportunity's value are printed above already
    grid(b, None, "item in briefing.agenda", [
        [("{{ strings.minutes.format(n=item.minutes) }}", "Table Strong")],
        [("{{ item.title }}", "Table Strong"),
         ("{%p if item.detail and item.kind not in ('challenge', 'opportunity') %}",
          "Table Text"),
         ("{{ item.detail }}", "Table Note"),
         ("{%p endif %}", "Table Text")],
    ], [17, COL - 17])

    b.tag("{%p if briefing.has_attendees %}")
    b.p("{{ strings.questions }}", "Heading 1")
    b.tag("{%p for a in briefing.attendees %}")
    _runs(b.p("", "Heading 3"),
          "{{r a.influence_label|badge(a.influence) }}" + RUN + " {{ a.addressee }}"
          "{% if a.title %} · {{ a.title }}{% endif %}")
    # what to keep in mind is read before the questions
    b.tag("{%p if a.watch_out %}")
    b.p("{{ strings.keep_in_mind }}" + SEP + "{{ a.watch_out }}", "Keep In Mind")
    b.tag("{%p endif %}")
    # a large buying group gets the two best questions for those who do not decide
    b.bullets("q in a.questions[:3 if briefing.attendees|length < 5 or a.influence in "
              "('decision_maker', 'champion') else 2]",
              "{{ q }}{% if q in a.landmine_of %}" + LP + "{{ a.landmine_of[q] }}" + RP
              + "{% endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")

    # landmine questions already put to an attendee are printed there, with the competitor
    b.tag("{%p if briefing.more_landmines %}")
    b.p("{{ strings.landmines }}", "Heading 1")
    b.tag("{%p for g in briefing.more_landmines|groupby('competitor') %}")
    b.p("{{ g.grouper }}{% if g.list[0].status_label %} · {{ g.list[0].status_label }}"
        "{% endif %}", "Callout Title")
    b.tag("{%p for l in g.list %}")
    b.p("{{ l.question }}{% if l.ask %}" + LP + "{{ strings.ask }}" + SEP + "{{ l.ask }}" + RP
        + "{% endif %}",
        "Callout")
    b.tag("{%p endfor %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")

    # engagement with a stakeholder is shown in the buying group; the rest is listed here
    b.tag("{%p set loose = account.engagement|rejectattr('stakeholder')|list %}")
    b.tag("{%p if loose %}")
    b.p("{{ strings.engagement }}", "Heading 1")
    b.tag("{%p for e in loose[:4] %}")
    b.p("{{ e.date_text }} · {{ e.kind_label }}{% if e.stakeholder %} · {{ e.stakeholder }}"
        "{% endif %}" + SEP + "{{ e.summary }}", "Note")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    save(doc, path)


def save(doc, path: Path) -> None:
    """Save with fixed timestamps and zip dates, so the same script gives the same bytes."""
    props = doc.core_properties
    import datetime as dt

    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    props.created = fixed
    props.modified = fixed
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>", b"", data)
            out = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            out.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(out, data)
    print(f"wrote {path}")


MAKERS: dict[str, Callable[[Path], None]] = {
    "competitive.docx": competitive,
    "case-study.docx": case_study,
    "briefing.docx": briefing,
    "battlecard.docx": battlecard,
}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "abmcontent" / "templates"
    out.mkdir(parents=True, exist_ok=True)
    for name, make in MAKERS.items():
        make(out / name)


if __name__ == "__main__":
    main()
