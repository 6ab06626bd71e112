"""Generate the default proposal deck templates (abmcontent/templates/proposal.{ja,en}.pptx).

Run: python scripts/make_default_deck.py [--out DIR]

The decks are ordinary PowerPoint files with Jinja tags and abmcontent directives, so a
marketer can open and restyle them. Brand colours are the theme's accent 1 (primary) and
accent 2 (accent) and text colour dk1: the renderer sets them from library/seller.yaml, so
nothing here names a seller. Everything is laid out on a 12-column grid with 0.6 in margins.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "abmcontent" / "templates"

SLIDE_W = Inches(13.333)
SLIDE_H = Inches(7.5)
MARGIN = Inches(0.6)
GUTTER = Inches(0.25)
CONTENT_W = SLIDE_W - 2 * MARGIN
COL = (CONTENT_W - 11 * GUTTER) / 12
GREY = RGBColor(0x6B, 0x72, 0x80)
LIGHT = RGBColor(0xF3, 0xF4, 0xF6)
RULE = RGBColor(0xD1, 0xD5, 0xDB)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
FOOTER_PT = 12  # the design guide: nothing on a slide under 12 pt (notes excepted)

FONTS = {
    "ja": {"latin": "Noto Sans CJK JP", "ea": "Noto Sans CJK JP"},
    "en": {"latin": "Noto Sans", "ea": "Noto Sans CJK JP"},
}


def col_x(index: int) -> int:
    """Left edge of grid column ``index`` (0-11)."""
    return int(MARGIN + index * (COL + GUTTER))


def span_w(columns: int) -> int:
    """Width of ``columns`` grid columns with their gutters."""
    return int(columns * COL + (columns - 1) * GUTTER)


@dataclass(frozen=True)
class Words:
    """The deck's fixed words in one language (titles carry the takeaway)."""

    cover_kicker: str
    agenda_title: str
    heard_title: str
    heard_note: str
    goals_title: str
    solution_title: str
    solution_headers: list[str]
    story_title: str
    story_labels: list[str]
    story_why: str
    story_chart_title: str
    comp_title: str
    comp_headers: list[str]
    comp_right: str
    invest_title: str
    invest_left: str
    invest_right: str
    group_title: str
    group_headers: list[str]
    role_title: str
    role_left: str
    role_right: str
    next_title: str
    next_steps: list[str]
    contact: str
    deploy_title: str
    deploy_steps: list[tuple[str, str]]
    story_figures: str


WORDS = {
    "en": Words(
        cover_kicker="Proposal",
        agenda_title="Today: from your priorities to a first result in one quarter",
        heard_title="Top priority{% if audience.kind != 'account' %} for "
        "{{ audience.addressee }}{% endif %}: {{ challenges[0].title }}",
        heard_note="Impact",
        goals_title="{{ account.name }} has set clear goals for the next three years",
        solution_title="{{ solutions[:3] | map(attribute='name') | words('en') }} "
        "{{ 'answers' if solutions[:3] | length == 1 else 'answer' }} your top challenges",
        solution_headers=["Solution", "Answers", "What it means for you"],
        story_title="{{ cs.title or cs.outcome }}",
        story_labels=["Situation", "Solution", "Outcome"],
        story_why="Why this story: {{ cs.reason }}",
        story_chart_title="Improvement (%)",
        comp_title="Where we differ from {{ comp.name }}",
        comp_headers=["What you compare", "{{ comp.name }}", "{{ seller.name }}"],
        comp_right="What we do differently",
        invest_title="{{ account.open_pipeline }} invested, with returns our customers measured",
        invest_left="Investment by solution",
        invest_right="Expected return",
        group_title="What matters to each of the {{ account.stakeholders | length }} of you",
        group_headers=["Name", "Title", "Role", "Priorities"],
        role_title="What matters to the {{ persona.title | lower }}",
        role_left="Priorities",
        role_right="How we will prove it",
        next_title="Next step: {{ persona.call_to_action }}",
        next_steps=[
            "{{ persona.call_to_action }}",
            "Agree the success measures with {{ audience.addressee }}",
            "A plan for the first quarter, shared with the buying group",
        ],
        deploy_title="{{ solutions[0].name }} goes live step by step, without stopping operations",
        deploy_steps=[
            ("Agree the baseline", "Today's figures and the targets for your first priority"),
            ("Pilot on one site", "Live where the gain is easiest to measure, with results "
             "every week"),
            ("Roll out", "Site by site once the pilot meets the target, with the same team"),
        ],
        story_figures="{% for r in cs.results[:3] %}{{ r.display }} {{ r.metric }}"
        "{% if not loop.last %}  ·  {% endif %}{% endfor %}",
        contact="{% if account.contact %}Your contact: {{ account.contact.name }}"
        "{% if account.contact.title %}, {{ account.contact.title }}{% endif %}"
        "{% if account.contact.email %} · {{ account.contact.email }}{% endif %}{% endif %}",
    ),
    "ja": Words(
        cover_kicker="ご提案書",
        agenda_title="本日のご説明：貴社の優先課題から、最初の成果までの道筋",
        heard_title="{% if audience.kind != 'account' %}{{ audience.addressee }}にとって{% endif %}"
        "最優先の課題は「{{ challenges[0].title }}」",
        heard_note="影響度",
        goals_title="{{ account.name }}様が目指す姿",
        solution_title="{{ solutions[:3] | map(attribute='name') | words('ja') }}"
        "で優先課題を解決します",
        solution_headers=["ソリューション", "対応する課題", "貴社にとっての効果"],
        story_title="{{ cs.title or cs.outcome }}",
        story_labels=["課題", "解決策", "成果"],
        story_why="ご紹介する理由：{{ cs.reason }}",
        story_chart_title="改善率（%）",
        comp_title="{{ comp.name }}との違い",
        comp_headers=["比較の観点", "{{ comp.name }}", "{{ seller.name }}"],
        comp_right="当社の差別化ポイント",
        invest_title="投資額{{ account.open_pipeline }}に対し、導入企業が実証した効果",
        invest_left="ソリューション別の投資額",
        invest_right="期待される効果",
        group_title="ご検討に関わる{{ account.stakeholders | length }}名の皆様の関心事",
        group_headers=["氏名", "役職", "役割", "関心事"],
        role_title="{{ persona.title }}の皆様が重視されること",
        role_left="関心事",
        role_right="効果の示し方",
        next_title="次のステップ：{{ persona.call_to_action }}",
        next_steps=[
            "{{ persona.call_to_action }}",
            "{{ audience.addressee }}と成功指標を合意",
            "最初の四半期の計画を関係者の皆様と共有",
        ],
        deploy_title="{{ solutions[0].name }}は業務を止めずに段階的に導入します",
        deploy_steps=[
            ("現状値と目標の合意", "最優先の課題について、現状値と目標値を合意します"),
            ("1拠点でのパイロット", "効果を測りやすい拠点で稼働し、毎週成果を共有します"),
            ("順次展開", "パイロットで目標を達成した後、同じ体制で拠点ごとに展開します"),
        ],
        story_figures="{% for r in cs.results[:3] %}{{ r.metric }} {{ r.display }}"
        "{% if not loop.last %}  ·  {% endif %}{% endfor %}",
        contact="{% if account.contact %}担当：{{ account.contact.name }}"
        "{% if account.contact.title %}（{{ account.contact.title }}）{% endif %}"
        "{% if account.contact.email %} · {{ account.contact.email }}{% endif %}{% endif %}",
    ),
}


# --------------------------------------------------------------------------- helpers


def set_fonts(run_or_para_rpr: etree._Element, locale: str) -> None:
    """Give a run-properties element the deck's Latin and East Asian typefaces."""
    for tag in ("a:latin", "a:ea"):
        for old in run_or_para_rpr.findall(qn(tag)):
            run_or_para_rpr.remove(old)
    fonts = FONTS[locale]
    latin = etree.SubElement(run_or_para_rpr, qn("a:latin"))
    latin.set("typeface", fonts["latin"])
    ea = etree.SubElement(run_or_para_rpr, qn("a:ea"))
    ea.set("typeface", fonts["ea"])


def add_text(
    slide,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: list[str],
    *,
    locale: str,
    size: int = 18,
    bold: bool = False,
    color: RGBColor | MSO_THEME_COLOR | None = None,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    name: str | None = None,
    space_after: int = 6,
    line_spacing: float | None = 1.1,
):
    """Add a word-wrapping text box with one run per paragraph."""
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.margin_top = frame.margin_bottom = Inches(0.03)
    for index, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        para.alignment = align
        para.space_after = Pt(space_after)
        if line_spacing:
            para.line_spacing = line_spacing
        run = para.add_run()
        run.text = text
        style_run(run, locale, size=size, bold=bold, color=color)
    return box


def style_run(run, locale: str, *, size: int, bold: bool = False, color=None) -> None:
    """Size, weight, colour and typefaces of one run."""
    run.font.size = Pt(size)
    run.font.bold = bold
    if isinstance(color, RGBColor):
        run.font.color.rgb = color
    elif color is not None:
        run.font.color.theme_color = color
    set_fonts(run._r.get_or_add_rPr(), locale)


def add_rect(slide, left, top, width, height, *, fill, name: str | None = None,
             shape=MSO_SHAPE.RECTANGLE):
    """A flat filled shape without outline."""
    rect = slide.shapes.add_shape(shape, left, top, width, height)
    if name:
        rect.name = name
    rect.shadow.inherit = False
    if isinstance(fill, RGBColor):
        rect.fill.solid()
        rect.fill.fore_color.rgb = fill
    else:
        rect.fill.solid()
        rect.fill.fore_color.theme_color = fill
    rect.line.fill.background()
    return rect


def add_title(slide, text: str, locale: str) -> None:
    """The takeaway title with a short primary-coloured bar to its left."""
    add_rect(slide, MARGIN, Inches(0.55), Inches(0.08), Inches(0.62),
             fill=MSO_THEME_COLOR.ACCENT_1, name="Title bar")
    add_text(slide, MARGIN + Inches(0.25), Inches(0.3), CONTENT_W - Inches(0.25), Inches(1.1),
             [text], locale=locale, size=28, bold=True, color=MSO_THEME_COLOR.TEXT_1,
             anchor=MSO_ANCHOR.MIDDLE, name="Title", line_spacing=1.0, space_after=0)


def add_footer(slide, locale: str) -> None:
    """Footer: "Prepared for ... · Confidential", the date, the seller and the slide number."""
    add_rect(slide, MARGIN, SLIDE_H - Inches(0.62), CONTENT_W, Emu(9525), fill=RULE,
             name="Footer rule")
    footer = add_text(slide, MARGIN, SLIDE_H - Inches(0.55), span_w(8), Inches(0.35),
             ["{{ footer }}  ·  {{ date_text }}"], locale=locale, size=FOOTER_PT, color=GREY,
             name="Footer", space_after=0)
    # an account name too long for the footer is reported as a warning, not a failed deck
    footer._element.nvSpPr.cNvPr.set("descr", "overflow: allow")
    box = add_text(slide, col_x(8), SLIDE_H - Inches(0.55), span_w(4), Inches(0.35),
                   ["{{ seller.name }}   "], locale=locale, size=FOOTER_PT, color=GREY,
                   align=PP_ALIGN.RIGHT, name="Footer right", space_after=0)
    para = box.text_frame.paragraphs[0]
    field = etree.SubElement(para._p, qn("a:fld"))
    field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    field.set("type", "slidenum")
    rpr = etree.SubElement(field, qn("a:rPr"))
    rpr.set("lang", "en-US" if locale == "en" else "ja-JP")
    rpr.set("sz", str(FOOTER_PT * 100))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", "6B7280")
    set_fonts(rpr, locale)
    etree.SubElement(field, qn("a:t")).text = "‹#›"
    end = para._p.find(qn("a:endParaRPr"))
    if end is not None:
        para._p.remove(end)
        para._p.append(end)


def set_notes(slide, lines: list[str]) -> None:
    """Speaker notes: directives first, then talking points."""
    frame = slide.notes_slide.notes_text_frame
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line


def placeholder_png(width: int, height: int) -> io.BytesIO:
    """A transparent placeholder image with the box's aspect ratio."""
    image = Image.new("RGBA", (width, height), (229, 231, 235, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def add_picture_slot(slide, name: str, left, top, width, height):
    """A picture the renderer replaces with an image from the context (kept in its box)."""
    pic = slide.shapes.add_picture(
        placeholder_png(int(width / 9525 / 4), int(height / 9525 / 4)), left, top, width, height
    )
    pic.name = name
    pic._element.nvPicPr.cNvPr.set("descr", name)
    return pic


def add_bar_chart(slide, name: str, left, top, width, height, locale: str, *,
                  number_format: str = "0", horizontal: bool = True):
    """A flat bar chart in the primary colour, values labelled, no gridlines."""
    data = CategoryChartData()
    data.categories = ["A", "B", "C"]
    data.add_series("%", (30, 20, 10))
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(kind, left, top, width, height, data)
    frame.name = name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", name)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(14)
    chart.font.name = FONTS[locale]["latin"]
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(14)
    labels.font.bold = True
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    category_axis = chart.category_axis
    category_axis.format.line.color.rgb = RULE
    category_axis.tick_labels.font.size = Pt(14)
    category_axis.tick_labels.font.color.rgb = RGBColor(0x37, 0x41, 0x51)
    if horizontal:
        category_axis.reverse_order = True
    return frame


def style_table(table, locale: str, header_size: int = 14, body_size: int = 14) -> None:
    """Header row in the primary colour with white text, light zebra rows, no heavy borders."""
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            cell.margin_left = cell.margin_right = Inches(0.1)
            cell.margin_top = cell.margin_bottom = Inches(0.05)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    style_run(run, locale, size=header_size if r == 0 else body_size,
                              bold=r == 0,
                              color=WHITE if r == 0 else MSO_THEME_COLOR.TEXT_1)
    tbl_pr = table._tbl.tblPr
    tbl_pr.set("bandRow", "1")
    tbl_pr.set("firstRow", "1")
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style.text = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # "Medium Style 2 - Accent 1"


def cell_text(cell, text: str) -> None:
    """Set a table cell to one run of ``text``."""
    frame = cell.text_frame
    frame.word_wrap = True
    frame.paragraphs[0].text = ""
    run = frame.paragraphs[0].add_run()
    run.text = text


def loop_table(slide, name: str, top, headers: list[str], cells: list[str], loop: str,
               widths: list[int], locale: str, *, size: int = 14, row_height: int = 548640):
    """A table: header row, then one row repeated by ``{%tr for %}`` / ``{%tr endfor %}``."""
    frame = slide.shapes.add_table(4, len(headers), col_x(0), top, span_w(12),
                                   Inches(0.5) + row_height)
    frame.name = name
    table = frame.table
    for index, width in enumerate(widths):
        table.columns[index].width = int(width)
    for c, text in enumerate(headers):
        cell_text(table.cell(0, c), text)
    cell_text(table.cell(1, 0), f"{{%tr for {loop} %}}")
    for c, text in enumerate(cells):
        cell_text(table.cell(2, c), text)
    cell_text(table.cell(3, 0), "{%tr endfor %}")
    table.rows[0].height = Inches(0.5)
    table.rows[2].height = int(row_height)
    style_table(table, locale, header_size=size, body_size=size)
    return frame


# --------------------------------------------------------------------------- slides


def blank(prs):
    """A new slide on the blank layout."""
    return prs.slides.add_slide(prs.slide_layouts[6])


def cover(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_rect(slide, 0, 0, Inches(0.35), SLIDE_H, fill=MSO_THEME_COLOR.ACCENT_1, name="Brand band")
    add_picture_slot(slide, "image: account.logo", col_x(0), Inches(0.7), Inches(3.2),
                     Inches(1.28))
    add_picture_slot(slide, "image: seller.logo", col_x(9) + Inches(0.4), Inches(0.75),
                     Inches(2.6), Inches(1.04))
    add_text(slide, col_x(0), Inches(2.45), span_w(10), Inches(0.6), [w.cover_kicker],
             locale=locale, size=18, bold=True, color=MSO_THEME_COLOR.ACCENT_1, name="Kicker")
    add_text(slide, col_x(0), Inches(3.05), span_w(11), Inches(1.5), ["{{ account.name }}"],
             locale=locale, size=40, bold=True, color=MSO_THEME_COLOR.TEXT_1,
             name="Account name", anchor=MSO_ANCHOR.TOP, line_spacing=1.0)
    add_rect(slide, col_x(0), Inches(4.65), Inches(1.2), Inches(0.06),
             fill=MSO_THEME_COLOR.ACCENT_2, name="Accent rule")
    add_text(slide, col_x(0), Inches(4.85), span_w(10), Inches(0.9), ["{{ audience.label }}"],
             locale=locale, size=20, color=MSO_THEME_COLOR.TEXT_1, name="Audience")
    add_text(slide, col_x(0), Inches(5.9), span_w(8), Inches(0.8),
             ["{{ date_text }}", "{{ seller.name }} · {{ seller.tagline }}"],
             locale=locale, size=14, color=GREY, name="Date and seller", space_after=2)
    set_notes(slide, ["{{ account.summary }}"])


def agenda(prs, w: Words, locale: str) -> None:
    """The agenda: the sections of this reader's storyline, numbered (none in a brief deck)."""
    slide = blank(prs)
    add_title(slide, w.agenda_title, locale)
    box = slide.shapes.add_textbox(col_x(1), Inches(1.7), span_w(10), Inches(4.8))
    box.name = "Agenda"
    frame = box.text_frame
    frame.word_wrap = True
    lines = ["{%p for item in storyline.agenda %}", "", "{%p endfor %}"]
    for index, text in enumerate(lines):
        para = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        para.space_after = Pt(14)
        if text:
            run = para.add_run()
            run.text = text
            style_run(run, locale, size=12)
            continue
        number = para.add_run()
        number.text = "{{ '%02d' | format(loop.index) }}"
        style_run(number, locale, size=22, bold=True, color=MSO_THEME_COLOR.ACCENT_1)
        title = para.add_run()
        title.text = "    {{ item.title }}"
        style_run(title, locale, size=22, color=MSO_THEME_COLOR.TEXT_1)
    add_footer(slide, locale)
    set_notes(slide, ["{%slide if storyline.has_agenda %}",
                      "{% for item in storyline.agenda %}{{ item.title }}. {% endfor %}"])


def numbered_panels(slide, steps: list[tuple[str | None, str]], locale: str, *,
                    highlight: int, height: int, number_size: int, body_top: int,
                    body_size: int) -> None:
    """Three numbered panels side by side (a step's number, optional title, text).

    The panel at index `highlight` is filled with the accent colour; deployment and next
    steps both draw their steps with it, each with its own sizes.
    """
    for index, (head, body) in enumerate(steps):
        left = col_x(index * 4)
        marked = index == highlight
        add_rect(slide, left, Inches(1.9), span_w(4), height,
                 fill=MSO_THEME_COLOR.ACCENT_1 if marked else LIGHT,
                 name=f"Step {index + 1} panel")
        color = WHITE if marked else MSO_THEME_COLOR.TEXT_1
        inner_left, inner_w = left + Inches(0.3), span_w(4) - Inches(0.6)
        add_text(slide, inner_left, Inches(2.1), inner_w, Inches(0.7 if head else 0.8),
                 [f"{index + 1:02d}"], locale=locale, size=number_size, bold=True,
                 color=WHITE if marked else MSO_THEME_COLOR.ACCENT_1,
                 name=f"Step {index + 1} number", space_after=0)
        if head:
            add_text(slide, inner_left, Inches(2.85), inner_w, Inches(0.7),
                     [head], locale=locale, size=20, bold=True, color=color,
                     name=f"Step {index + 1} title", space_after=0)
        add_text(slide, inner_left, body_top, inner_w, Inches(1.8),
                 [body], locale=locale, size=body_size, bold=marked and not head,
                 color=color, name=f"Step {index + 1}")


def deployment(prs, w: Words, locale: str, early: bool) -> None:
    """How we would roll it out: three steps, pilot first (operational and technical readers)."""
    slide = blank(prs)
    add_title(slide, w.deploy_title, locale)
    numbered_panels(slide, list(w.deploy_steps), locale, highlight=1, height=Inches(3.6),
                    number_size=28, body_top=Inches(3.6), body_size=16)
    add_footer(slide, locale)
    place = "storyline.early.deployment" if early else "not storyline.early.deployment"
    set_notes(slide, [f"{{%slide if storyline.show.deployment and {place} %}}",
                      "{% for s in solutions[:3] %}{{ s.name }}: {{ s.value }}. {% endfor %}"])


def business_case(prs, w: Words, locale: str, early: bool) -> None:
    """The business case: what the problem costs, the investment, payback, 3-year total cost.

    Every figure is computed from the profile (abmcontent.context.business_case); the slide
    prints how each loss is counted, and the notes hold the full derivation with its fields.
    """
    slide = blank(prs)
    add_title(slide, "{{ business_case.headline }}", locale)
    figures = (
        ("annual_loss", "{{ business_case.annual_loss.text }}"),
        ("investment", "{{ business_case.investment.text }}"),
        ("payback", "{{ business_case.payback.text if business_case.payback.available "
                    "else '—' }}"),
    )
    for index, (key, value) in enumerate(figures):
        top = Inches(1.65) + index * Inches(1.45)
        add_rect(slide, col_x(0), top, span_w(4), Inches(1.3),
                 fill=MSO_THEME_COLOR.ACCENT_1 if key == "payback" else LIGHT,
                 name=f"Figure {index + 1} panel")
        color = WHITE if key == "payback" else MSO_THEME_COLOR.ACCENT_1
        add_text(slide, col_x(0) + Inches(0.25), top + Inches(0.1), span_w(4) - Inches(0.5),
                 Inches(0.7), [value], locale=locale, size=28, bold=True, color=color,
                 name=f"Figure {index + 1}", space_after=0)
        add_text(slide, col_x(0) + Inches(0.25), top + Inches(0.78), span_w(4) - Inches(0.5),
                 Inches(0.45), [f"{{{{ business_case.{key}.label }}}}"], locale=locale, size=14,
                 color=WHITE if key == "payback" else GREY, name=f"Figure {index + 1} label",
                 space_after=0)
    unit_open, unit_close = ("（", "）") if locale == "ja" else (" (", ")")
    add_text(slide, col_x(5), Inches(1.6), span_w(7), Inches(0.4),
             ["{{ business_case.tco.label }}" + unit_open + "{{ business_case.tco.unit }}"
              + unit_close], locale=locale, size=16, bold=True, color=GREY,
             name="Chart heading", space_after=0)
    add_bar_chart(slide, "chart: business_case.tco.chart", col_x(5), Inches(2.05), span_w(7),
                  Inches(2.9), locale, number_format="#,##0" if locale == "ja" else "#,##0.0#")
    sep = "：" if locale == "ja" else ": "
    add_text(slide, col_x(5), Inches(5.05), span_w(7), Inches(1.3),
             ["{% for i in business_case.annual_loss['items'] %}{{ i.title }}" + sep
              + "{{ i.rate_text }}{% if not loop.last %}{{ '。' if locale == 'ja' else '. ' }}"
              "{% endif %}{% endfor %}"],
             locale=locale, size=12, color=GREY, name="Assumptions", space_after=0)
    add_footer(slide, locale)
    place = "storyline.early.business_case" if early else "not storyline.early.business_case"
    set_notes(slide, [f"{{%slide if storyline.show.business_case and {place} %}}",
                      "{% for f in business_case.footnotes %}{{ f }} {% endfor %}"])


def heard(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_title(slide, w.heard_title, locale)
    box = slide.shapes.add_textbox(col_x(0), Inches(1.6), span_w(12), Inches(4.9))
    box.name = "Challenges"
    frame = box.text_frame
    frame.word_wrap = True
    lines = [
        ("{%p for c in challenges[:4] %}", 12, False, None),
        ("{{ c.title }}  [{{ strings.impact }}: {{ c.impact_label }}]", 22, True,
         MSO_THEME_COLOR.TEXT_1),
        ("{{ c.detail }}", 18, False, GREY),
        ("{%p endfor %}", 12, False, None),
    ]
    for index, (text, size, bold, color) in enumerate(lines):
        para = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        para.space_after = Pt(6 if bold else 22)
        run = para.add_run()
        run.text = text
        style_run(run, locale, size=size, bold=bold, color=color)
    add_footer(slide, locale)
    set_notes(slide, ["{%slide if storyline.show.situation %}",
                      "{% for c in challenges %}{{ c.title }}: {{ c.detail }} {% endfor %}"])


def goals(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_title(slide, w.goals_title, locale)
    box = slide.shapes.add_textbox(col_x(0), Inches(1.7), span_w(12), Inches(4.8))
    box.name = "Goals"
    frame = box.text_frame
    frame.word_wrap = True
    for index, text in enumerate(["{%p for g in account.business_goals[:5] %}", "{{ g }}",
                                  "{%p endfor %}"]):
        para = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        para.space_after = Pt(16)
        if text == "{{ g }}":
            ppr = para._p.get_or_add_pPr()
            ppr.set("marL", str(Inches(0.45)))
            ppr.set("indent", str(-Inches(0.45)))
            color = etree.SubElement(ppr, qn("a:buClr"))
            etree.SubElement(color, qn("a:schemeClr")).set("val", "accent1")
            etree.SubElement(ppr, qn("a:buSzPct")).set("val", "120000")
            etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
            etree.SubElement(ppr, qn("a:buChar")).set("char", "■")
        run = para.add_run()
        run.text = text
        style_run(run, locale, size=22, color=MSO_THEME_COLOR.TEXT_1)
    add_footer(slide, locale)
    set_notes(slide, ["{%slide if storyline.show.goals %}", "{{ account.summary }}"])


def solution(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_title(slide, w.solution_title, locale)
    sep = "', '" if locale == "en" else "'、'"
    loop_table(
        slide, "Solutions", Inches(1.7), w.solution_headers,
        ["{{ s.name }}", f"{{{{ s.challenges | join({sep}) }}}}", "{{ s.value }}"],
        "s in solutions[:4]", [span_w(3), span_w(4), span_w(5) + 2 * GUTTER], locale,
        size=15, row_height=Inches(0.9),
    )
    add_footer(slide, locale)
    set_notes(slide, ["{%slide if storyline.show.solution %}",
                      "{% for s in solutions %}{{ s.name }}: {{ s.summary }}. {% endfor %}"])


def story(prs, w: Words, locale: str, with_chart: bool) -> None:
    slide = blank(prs)
    add_title(slide, w.story_title, locale)
    add_text(slide, col_x(0), Inches(1.45), span_w(12), Inches(0.4),
             ["{{ cs.customer }} · {{ cs.industry_label }}"], locale=locale, size=14, bold=True,
             color=MSO_THEME_COLOR.ACCENT_1, name="Customer", space_after=0)
    text_cols = 7 if with_chart else 12
    box = slide.shapes.add_textbox(col_x(0), Inches(1.95), span_w(text_cols), Inches(3.05))
    box.name = "Story"
    frame = box.text_frame
    frame.word_wrap = True
    entries = []
    for label, key in zip(w.story_labels, ("situation", "solution", "outcome"), strict=True):
        entries.append((label, 14, True, MSO_THEME_COLOR.ACCENT_1, 2))
        entries.append((f"{{{{ cs.{key} }}}}", 16, False, MSO_THEME_COLOR.TEXT_1, 10))
    for index, (text, size, bold, color, after) in enumerate(entries):
        para = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        para.space_after = Pt(after)
        run = para.add_run()
        run.text = text
        style_run(run, locale, size=size, bold=bold, color=color)
    if with_chart:
        add_text(slide, col_x(7) + Inches(0.2), Inches(1.95), span_w(5), Inches(0.4),
                 [w.story_chart_title], locale=locale, size=14, bold=True, color=GREY,
                 name="Chart title", space_after=0)
        add_bar_chart(slide, "chart: cs.results_chart", col_x(7) + Inches(0.2), Inches(2.35),
                      span_w(5) - Inches(0.2), Inches(2.65), locale, number_format='General"%"')
    quote_bg = add_rect(slide, col_x(0), Inches(5.1), span_w(12), Inches(1.55),
                        fill=LIGHT, name="Quote background")
    quote_bg.text_frame.text = ""
    add_text(slide, col_x(0) + Inches(0.2), Inches(5.15), span_w(12) - Inches(0.4), Inches(0.75),
             ["{% if cs.quote %}“{{ cs.quote.text }}” — {{ cs.quote.by }}{% if cs.quote.title %}"
              ", {{ cs.quote.title }}{% endif %}{% else %}" + w.story_figures + "{% endif %}"],
             locale=locale, size=14, color=MSO_THEME_COLOR.TEXT_1, name="Quote", space_after=0)
    add_text(slide, col_x(0) + Inches(0.2), Inches(5.9), span_w(12) - Inches(0.4), Inches(0.7),
             [w.story_why], locale=locale, size=12, color=GREY, name="Why", space_after=0)
    add_footer(slide, locale)
    condition = "cs.has_chart" if with_chart else "not cs.has_chart"
    set_notes(slide, [f"{{%slide for cs in case_studies if {condition} "
                      "and cs.id in storyline.story_ids %}",
                      "{{ cs.reasons | join(' / ') }}"])


def competition(prs, w: Words, locale: str, early: bool) -> None:
    """A sourced comparison with one competitor, on the criteria the library has claims for.

    Each claim is printed with its source and date underneath, in grey.
    """
    slide = blank(prs)
    add_title(slide, w.comp_title, locale)
    add_text(slide, col_x(0), Inches(1.45), span_w(12), Inches(0.45),
             ["{{ comp.positioning }}"], locale=locale, size=14, color=GREY,
             name="Positioning", space_after=0)
    frame = loop_table(
        slide, "Comparison", Inches(2.0), w.comp_headers,
        ["{{ c.criterion_label }}", "{{ c.competitor.text }}", "{{ c.ours.text }}"],
        "c in comp.claims[:3]", [span_w(3), span_w(4) + GUTTER // 2, span_w(5) + GUTTER // 2],
        locale, size=14, row_height=Inches(0.9),
    )
    lp, rp = ("（", "）") if locale == "ja" else (" (", ")")
    for col, side in ((1, "competitor"), (2, "ours")):
        cell = frame.table.cell(2, col)
        para = cell.text_frame.add_paragraph()
        run = para.add_run()
        run.text = f"{{{{ c.{side}.source }}}}{lp}{{{{ c.{side}.as_of_text }}}}{rp}"
        style_run(run, locale, size=12, color=GREY)
    add_footer(slide, locale)
    place = "storyline.early.comparison" if early else "not storyline.early.comparison"
    set_notes(slide, [f"{{%slide for comp in competitors if comp.claims and "
                      f"storyline.show.comparison and {place} %}}",
                      "{% for c in comp.claims %}{{ c.criterion_label }}: {{ c.competitor.text }}"
                      " / {{ c.ours.text }}. {% endfor %}"])


def differentiators(prs, w: Words, locale: str, early: bool) -> None:
    """What we do differently from a competitor the library has no sourced claims about."""
    slide = blank(prs)
    add_title(slide, w.comp_title, locale)
    add_text(slide, col_x(0), Inches(1.45), span_w(12), Inches(0.45),
             ["{{ comp.positioning }}"], locale=locale, size=14, color=GREY,
             name="Positioning", space_after=0)
    add_rect(slide, col_x(0), Inches(2.0), span_w(12), Inches(4.3),
             fill=MSO_THEME_COLOR.ACCENT_1, name="Panel")
    box = slide.shapes.add_textbox(col_x(0) + Inches(0.3), Inches(2.15),
                                   span_w(12) - Inches(0.6), Inches(4.0))
    box.name = "Differentiators"
    frame = box.text_frame
    frame.word_wrap = True
    lines = [(w.comp_right, 18, True), ("{%p for x in comp.differentiators[:5] %}", 12, False),
             ("{{ x }}", 18, False), ("{%p endfor %}", 12, False)]
    for j, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
        para.space_after = Pt(10)
        if text == "{{ x }}":
            ppr = para._p.get_or_add_pPr()
            ppr.set("marL", str(Inches(0.3)))
            ppr.set("indent", str(-Inches(0.3)))
            etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
            etree.SubElement(ppr, qn("a:buChar")).set("char", "•")
        run = para.add_run()
        run.text = text
        style_run(run, locale, size=size, bold=bold, color=WHITE)
    add_footer(slide, locale)
    place = "storyline.early.comparison" if early else "not storyline.early.comparison"
    set_notes(slide, ["{%slide for comp in competitors if not comp.claims and "
                      f"comp.differentiators and storyline.show.comparison and {place} %}}",
                      "{{ comp.positioning }} {% for x in comp.differentiators %}{{ x }} "
                      "{% endfor %}"])


def investment(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_title(slide, w.invest_title, locale)
    add_text(slide, col_x(0), Inches(1.6), span_w(6), Inches(0.4),
             [w.invest_left + " ({{ investment_unit }})"],
             locale=locale, size=16, bold=True, color=GREY, name="Left heading", space_after=0)
    add_bar_chart(slide, "chart: investment_chart", col_x(0), Inches(2.05), span_w(6),
                  Inches(4.1), locale, number_format="#,##0" if locale == "ja" else "General",
                  horizontal=False)
    add_text(slide, col_x(7), Inches(1.6), span_w(5), Inches(0.4), [w.invest_right],
             locale=locale, size=16, bold=True, color=GREY, name="Right heading", space_after=0)
    box = slide.shapes.add_textbox(col_x(7), Inches(2.1), span_w(5), Inches(4.1))
    box.name = "Returns"
    frame = box.text_frame
    frame.word_wrap = True
    lines = [("{%p for s in solutions[:3] %}", 12, False, None),
             ("{{ s.name }}", 16, True, MSO_THEME_COLOR.ACCENT_1),
             ("{{ s.value }}", 18, False, MSO_THEME_COLOR.TEXT_1),
             ("{%p endfor %}", 12, False, None)]
    for j, (text, size, bold, color) in enumerate(lines):
        para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
        para.space_after = Pt(2 if bold else 16)
        run = para.add_run()
        run.text = text
        style_run(run, locale, size=size, bold=bold, color=color)
    add_footer(slide, locale)
    set_notes(slide, ["{%slide if storyline.show.investment %}",
                      "{% for o in account.opportunities %}{{ o.product }}: {{ o.value }} "
                      "{% endfor %}"])


def buying_group(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_title(slide, w.group_title, locale)
    sep = "', '" if locale == "en" else "'、'"
    loop_table(
        slide, "Buying group", Inches(1.7), w.group_headers,
        ["{{ p.name }}", "{{ p.title }}", "{{ p.role_title }}",
         f"{{{{ p.priorities[:2] | join({sep}) }}}}"],
        "p in account.stakeholders[:7]",
        [span_w(2), span_w(3), span_w(2), span_w(5) + 3 * GUTTER], locale,
        size=13, row_height=Inches(0.55),
    )
    add_footer(slide, locale)
    set_notes(slide, ['{%slide if storyline.show.people and audience.kind == "stakeholder" '
                      'and account.stakeholders %}',
                      "{% for p in account.stakeholders %}{{ p.name }}: "
                      f"{{{{ p.priorities | join({sep}) }}}} "
                      "{% endfor %}"])


def role_page(prs, w: Words, locale: str) -> None:
    slide = blank(prs)
    add_title(slide, w.role_title, locale)
    for index, (head, body) in enumerate(((w.role_left, "persona.priorities"),
                                          (w.role_right, "proof"))):
        left = col_x(0) if index == 0 else col_x(6)
        add_rect(slide, left, Inches(1.7), span_w(6), Inches(4.6),
                 fill=LIGHT if index == 0 else MSO_THEME_COLOR.ACCENT_1, name=f"Panel {index}")
        color = MSO_THEME_COLOR.TEXT_1 if index == 0 else WHITE
        box = slide.shapes.add_textbox(left + Inches(0.3), Inches(1.9), span_w(6) - Inches(0.6),
                                       Inches(4.2))
        box.name = f"Column {index + 1}"
        frame = box.text_frame
        frame.word_wrap = True
        if body == "proof":
            lines = [(head, 18, True), ("{{ persona.proof_label }}", 22, True),
                     ("{%p for s in solutions[:3] %}", 12, False), ("{{ s.value }}", 16, False),
                     ("{%p endfor %}", 12, False)]
        else:
            lines = [(head, 18, True), ("{%p for x in persona.priorities[:5] %}", 12, False),
                     ("{{ x }}", 20, False), ("{%p endfor %}", 12, False)]
        for j, (text, size, bold) in enumerate(lines):
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.space_after = Pt(12)
            run = para.add_run()
            run.text = text
            style_run(run, locale, size=size, bold=bold, color=color)
    add_footer(slide, locale)
    set_notes(slide, ['{%slide if storyline.show.people and (audience.kind != "stakeholder" '
                      'or not account.stakeholders) %}',
                      "{{ persona.proof_label }}: {% for s in solutions[:3] %}{{ s.name }} — "
                      "{{ s.value }} {% endfor %}"])


def next_steps(prs, w: Words, locale: str) -> None:
    """What happens next: three numbered steps, the first highlighted, and the contact."""
    slide = blank(prs)
    add_title(slide, w.next_title, locale)
    numbered_panels(slide, [(None, step) for step in w.next_steps], locale, highlight=0,
                    height=Inches(3.1), number_size=32, body_top=Inches(3.0), body_size=18)
    add_text(slide, col_x(0), Inches(5.4), span_w(12), Inches(0.8), [w.contact],
             locale=locale, size=16, color=GREY, name="Contact")
    add_footer(slide, locale)


def set_theme(prs, locale: str) -> None:
    """Neutral theme colours (the renderer sets the brand ones) and the deck's typefaces."""
    master = prs.slide_master
    theme_part = next(rel.target_part for rel in master.part.rels.values()
                      if rel.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    scheme = theme.find(".//a:clrScheme", ns)
    scheme.set("name", "abmcontent")
    for tag, value in (("dk1", "1F2937"), ("lt1", "FFFFFF"), ("dk2", "374151"),
                       ("lt2", "F3F4F6"), ("accent1", "0B4F8A"), ("accent2", "F29F05")):
        slot = scheme.find(f"a:{tag}", ns)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr")).set("val", value)
    fonts = theme.find(".//a:fontScheme", ns)
    for group in ("a:majorFont", "a:minorFont"):
        node = fonts.find(group, ns)
        node.find("a:latin", ns).set("typeface", FONTS[locale]["latin"])
        node.find("a:ea", ns).set("typeface", FONTS[locale]["ea"])
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)


def build(locale: str) -> Presentation:
    """The whole deck for ``locale``."""
    prs = Presentation()
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H
    set_theme(prs, locale)
    w = WORDS[locale]
    cover(prs, w, locale)
    agenda(prs, w, locale)
    business_case(prs, w, locale, early=True)
    heard(prs, w, locale)
    goals(prs, w, locale)
    business_case(prs, w, locale, early=False)
    solution(prs, w, locale)
    competition(prs, w, locale, early=True)
    differentiators(prs, w, locale, early=True)
    investment(prs, w, locale)
    deployment(prs, w, locale, early=True)
    story(prs, w, locale, with_chart=True)
    story(prs, w, locale, with_chart=False)
    competition(prs, w, locale, early=False)
    differentiators(prs, w, locale, early=False)
    deployment(prs, w, locale, early=False)
    buying_group(prs, w, locale)
    role_page(prs, w, locale)
    next_steps(prs, w, locale)
    core = prs.core_properties
    core.title = "Proposal"
    core.author = "abmcontent"
    core.comments = ""
    core.last_modified_by = "abmcontent"
    core.revision = 1
    return prs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for locale in ("en", "ja"):
        target = args.out / f"proposal.{locale}.pptx"
        build(locale).save(target)
        print(f"wrote {target}")
    # the language-neutral default is the English deck
    (args.out / "proposal.pptx").write_bytes((args.out / "proposal.en.pptx").read_bytes())


if __name__ == "__main__":
    main()
