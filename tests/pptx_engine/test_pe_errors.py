"""Template problems raise TemplateError naming template, slide, shape and tag; data is data."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pptx.util import Inches

from abmcontent.errors import TemplateError
from abmcontent.pptx_engine import DeckTemplate

from .helpers import add_box, blank_slide, new_prs, render, save, shape_texts


def _one_box(text: str, name: str = "Body") -> object:
    prs = new_prs()
    blank_slide(prs)
    slide = blank_slide(prs)
    add_box(slide, text, name=name)
    return prs


def test_undefined_name_names_slide_shape_and_expression(tmp_path: Path) -> None:
    prs = _one_box("Hi {{ account.nmae }}!")
    with pytest.raises(TemplateError) as info:
        render(prs, tmp_path, {"account": {"name": "Acme"}})
    err = info.value
    assert err.template == "template.pptx"
    assert err.location == "slide 2, shape 'Body'"
    assert err.expression == "{{ account.nmae }}"
    assert "nmae" in err.reason
    assert str(err).startswith("template.pptx, slide 2, shape 'Body': undefined value")


def test_undefined_in_table_cell_and_notes(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    frame = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1))
    frame.name = "Table 4"
    frame.table.cell(1, 0).text = "{{ nope }}"
    with pytest.raises(TemplateError) as info:
        render(prs, tmp_path, {})
    assert info.value.location == "slide 1, shape 'Table 4' cell r2c1"
    prs = new_prs()
    slide = blank_slide(prs)
    slide.notes_slide.notes_text_frame.text = "note {{ missing }}"
    with pytest.raises(TemplateError) as info:
        render(prs, tmp_path, {})
    assert info.value.location == "slide 1 notes"
    assert info.value.expression == "{{ missing }}"


def test_undefined_in_slide_directive(tmp_path: Path) -> None:
    prs = _one_box("x")
    prs.slides[1].notes_slide.notes_text_frame.text = "{%slide for c in acount.items %}"
    with pytest.raises(TemplateError) as info:
        render(prs, tmp_path, {"account": {}})
    assert info.value.location == "slide 2 notes"
    assert "acount" in info.value.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{{ account.name", "never closed"),
        ("{{ account..name }}", "syntax error"),
        ("{% if x %}open", "not closed in the same paragraph"),
        ("{% endif %}", "without a matching"),
        ("{%slide if x %}", "speaker notes"),
        ("a {%p for x in y %} b", "alone in its paragraph"),
    ],
)
def test_malformed_templates_fail_at_load(tmp_path: Path, text: str, reason: str) -> None:
    path = save(_one_box(text), tmp_path)
    with pytest.raises(TemplateError) as info:
        DeckTemplate.load(path)
    assert reason in str(info.value)
    assert info.value.location == "slide 2, shape 'Body'"


def test_unbalanced_paragraph_directive(tmp_path: Path) -> None:
    prs = _one_box("{%p for x in xs %}")
    prs.slides[1].shapes[0].text_frame.add_paragraph().text = "{{ x }}"
    with pytest.raises(TemplateError, match="never closed"):
        DeckTemplate.load(save(prs, tmp_path))


def test_data_is_never_template_code(tmp_path: Path) -> None:
    prs = _one_box("{{ value }}")
    prs.slides[1].notes_slide.notes_text_frame.text = "{{ value }}"
    value = "{{ 7*7 }} {% if true %}x{% endif %} {# c #} <b>&amp; \"q\" 'a' & < >"
    _, result = render(prs, tmp_path, {"value": value})
    assert shape_texts(result.slides[1])["Body"] == value
    assert result.slides[1].notes_slide.notes_text_frame.text == value


def test_xml_illegal_control_characters_are_stripped(tmp_path: Path) -> None:
    prs = _one_box("[{{ value }}]")
    value = "a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1fh\ufffei\ttab"
    out, result = render(prs, tmp_path, {"value": value})
    assert shape_texts(result.slides[1])["Body"] == "[abcdefghi\ttab]"
    slide_xml = zipfile.ZipFile(BytesIO(out.data)).read("ppt/slides/slide2.xml")
    assert b"\x00" not in slide_xml and b"\x01" not in slide_xml


def test_sandbox_blocks_unsafe_access(tmp_path: Path) -> None:
    prs = _one_box("{{ value.__class__.__mro__ }}")
    with pytest.raises(TemplateError) as info:
        render(prs, tmp_path, {"value": "x"})
    assert info.value.location == "slide 2, shape 'Body'"


def test_static_text_with_braces_stays_literal(tmp_path: Path) -> None:
    prs = _one_box("Set {a} and { b } and }} and %} stay")
    _, result = render(prs, tmp_path, {})
    assert shape_texts(result.slides[1])["Body"] == "Set {a} and { b } and }} and %} stay"


def test_not_a_presentation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="not a readable Office file"):
        DeckTemplate.load(bad)


def test_tags_in_chart_text_are_refused_at_load(tmp_path: Path) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs = new_prs()
    slide = blank_slide(prs)
    data = CategoryChartData()
    data.categories = ["a"]
    data.add_series("s", [1])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(4), Inches(3), data
    )
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = "Results for {{ account.name }}"
    with pytest.raises(TemplateError) as info:
        DeckTemplate.load(save(prs, tmp_path))
    assert info.value.location.startswith("slide 1 (/ppt/charts/chart")
    assert info.value.expression == "Results for {{ account.name }}"


def test_tags_in_layouts_are_refused_at_load(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    box.text_frame.text = "{{ footer }}"
    # Move the text box onto the slide's layout.
    slide.slide_layout.shapes._spTree.append(box._element)
    with pytest.raises(TemplateError, match="layouts"):
        DeckTemplate.load(save(prs, tmp_path))
