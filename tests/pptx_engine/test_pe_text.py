"""Tags in text: shapes, placeholders, groups, tables, notes, split runs, quotes, loops."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from abmcontent.pptx_engine.xmltext import find_tags, merge_tag_runs

from .helpers import NS, add_box, blank_slide, new_prs, render, set_runs, shape_texts


def test_expressions_in_shapes_placeholders_groups_tables_and_notes(tmp_path: Path) -> None:
    prs = new_prs()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Proposal for {{ account.name }}"
    slide.placeholders[1].text = "Industry: {{ account.industry | upper }}"
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
    inner.name = "Grouped"
    inner.text_frame.text = "In group: {{ account.name }}"
    table = slide.shapes.add_table(2, 2, Inches(5), Inches(5), Inches(4), Inches(1)).table
    table.cell(1, 1).text = "{{ account.employees }} people"
    slide.notes_slide.notes_text_frame.text = "Say hello to {{ account.contact }}"
    out, result = render(
        prs,
        tmp_path,
        {"account": {"name": "Acme", "industry": "retail", "employees": 1200, "contact": "Jane"}},
    )
    s = result.slides[0]
    assert s.shapes.title.text == "Proposal for Acme"
    assert s.placeholders[1].text == "Industry: RETAIL"
    grouped = next(sh for sh in s.shapes if sh.shape_type == 6)
    assert grouped.shapes[0].text_frame.text == "In group: Acme"
    tbl = next(sh for sh in s.shapes if sh.has_table).table
    assert tbl.cell(1, 1).text == "1200 people"
    assert s.notes_slide.notes_text_frame.text == "Say hello to Jane"
    assert out.slide_count == 1 and out.warnings == []


def test_tag_split_over_runs_keeps_first_run_formatting(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    box = add_box(slide, name="Body")
    para = box.text_frame.paragraphs[0]
    set_runs(
        para,
        [
            ("Dear ", {"italic": True}),
            ("{{ acc", {"bold": True}),
            ("ount.na", {"bold": False}),
            ("me }}, ", {"underline": True}),
            ("welcome", {"size": Pt(20)}),
        ],
    )
    _, result = render(prs, tmp_path, {"account": {"name": "Acme"}})
    runs = result.slides[0].shapes[0].text_frame.paragraphs[0].runs
    assert [r.text for r in runs] == ["Dear ", "Acme", ", ", "welcome"]
    assert runs[0].font.italic is True
    assert runs[1].font.bold is True  # the run holding the tag start wins
    assert runs[2].font.underline is True  # text after the tag keeps its own run
    assert runs[3].font.size == Pt(20)


def test_merge_tag_runs_unit() -> None:
    p = etree.fromstring(
        f'<a:p xmlns:a="{NS["a"]}"><a:r><a:t>x {{</a:t></a:r><a:r><a:t>{{ y</a:t></a:r>'
        "<a:r><a:t> }</a:t></a:r><a:r><a:t>} z</a:t></a:r></a:p>"
    )
    merge_tag_runs(p)
    assert [t.text for t in p.iterfind(".//a:t", NS)] == ["x {{ y }}", " z"]


def test_find_tags_skips_closers_inside_strings() -> None:
    spans = find_tags('a {{ "}}" ~ x }} b {% if y %}c{% endif %}{# #} }')
    assert [s.opener for s in spans] == ["{{", "{%", "{%", "{#"]


def test_curly_quotes_and_comments(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(slide, "{{ “Hello” ~ ‘ ’ ~ name }}{# internal note #}!", name="Quotes")
    add_box(slide, "{# only a comment #}", name="Comment", top=3)
    _, result = render(prs, tmp_path, {"name": "Ann"})
    texts = shape_texts(result.slides[0])
    assert texts["Quotes"] == "Hello Ann!"
    assert texts["Comment"] == ""


def test_inline_if_and_for_within_a_paragraph(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(
        slide,
        "{% if vip %}VIP {% endif %}{% for t in tags %}{{ t }}{% if not loop.last %}, "
        "{% endif %}{% endfor %}",
        name="Inline",
    )
    _, result = render(prs, tmp_path, {"vip": True, "tags": ["a", "b", "c"]})
    assert shape_texts(result.slides[0])["Inline"] == "VIP a, b, c"


def test_paragraph_loop_repeats_paragraphs_with_formatting(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    box = add_box(slide, "Challenges:", name="List", height=4)
    tf = box.text_frame
    tf.add_paragraph().text = "{%p for c in challenges %}"
    item = tf.add_paragraph()
    item.level = 1
    set_runs(item, [("{{ loop.index }}. ", {"bold": True}), ("{{ c }}", {})])
    item.runs[1].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    tf.add_paragraph().text = "{%p endfor %}"
    tf.add_paragraph().text = "{%p if extra %}"
    tf.add_paragraph().text = "Extra line"
    tf.add_paragraph().text = "{%p else %}"
    tf.add_paragraph().text = "No extra"
    tf.add_paragraph().text = "{%p endif %}"
    _, result = render(prs, tmp_path, {"challenges": ["Cost", "Speed", "Risk"], "extra": False})
    paras = result.slides[0].shapes[0].text_frame.paragraphs
    assert [p.text for p in paras] == ["Challenges:", "1. Cost", "2. Speed", "3. Risk", "No extra"]
    for p in paras[1:4]:
        assert p.level == 1
        assert p.runs[0].font.bold is True
        assert p.runs[1].font.color.rgb == RGBColor(0xFF, 0x00, 0x00)


def test_empty_paragraph_loop_leaves_a_valid_text_body(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    box = add_box(slide, "{%p for c in items %}", name="OnlyLoop")
    box.text_frame.add_paragraph().text = "{{ c }}"
    box.text_frame.add_paragraph().text = "{%p endfor %}"
    table = slide.shapes.add_table(1, 1, Inches(1), Inches(3), Inches(3), Inches(1)).table
    cell_tf = table.cell(0, 0).text_frame
    cell_tf.text = "{%p if show %}"
    cell_tf.add_paragraph().text = "shown"
    cell_tf.add_paragraph().text = "{%p endif %}"
    # render() runs check_package, which asserts every text body keeps a paragraph.
    _, result = render(prs, tmp_path, {"items": [], "show": False})
    s = result.slides[0]
    assert shape_texts(s)["OnlyLoop"] == ""
    _, result = render(prs, tmp_path, {"items": ["x", "y"], "show": True})
    s = result.slides[0]
    assert shape_texts(s)["OnlyLoop"] == "x\ny"
    tbl = next(sh for sh in s.shapes if sh.has_table).table
    assert tbl.cell(0, 0).text == "shown"


def test_line_breaks_inside_paragraph_survive(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(slide, "{{ a }}\vsecond {{ b }}", name="Br")
    _, result = render(prs, tmp_path, {"a": "first", "b": "line"})
    p = result.slides[0].shapes[0].text_frame.paragraphs[0]
    assert p._p.find("a:br", NS) is not None
    assert p.text == "first\vsecond line"


def test_numbers_none_and_filters(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(slide, "[{{ n }}|{{ f }}|{{ missing_ok }}|{{ items | join_nonempty }}]", name="V")
    _, result = render(
        prs, tmp_path, {"n": 3, "f": 2.5, "missing_ok": None, "items": ["a", "", None, "b"]}
    )
    assert shape_texts(result.slides[0])["V"] == "[3|2.5||a, b]"


def test_dotted_names_prefer_keys_over_dict_methods(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(
        slide,
        "{% for v in s.values %}{{ v }}{% endfor %}/{{ s.items | length }}/{{ s.keys }}",
        name="K",
    )
    _, result = render(prs, tmp_path, {"s": {"values": [1, 2], "items": [0, 0, 0], "keys": "k"}})
    assert shape_texts(result.slides[0])["K"] == "12/3/k"
