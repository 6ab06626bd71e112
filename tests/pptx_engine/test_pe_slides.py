"""Slide directives in speaker notes: repeat and condition whole slides."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from .helpers import NS, add_box, blank_slide, new_prs, render, shape_texts


def _deck() -> object:
    prs = new_prs()
    first = blank_slide(prs)
    add_box(first, "Intro for {{ account.name }}", name="T")
    rep = blank_slide(prs)
    add_box(rep, "Challenge {{ loop.index }} of {{ loop.length }}: {{ c.title }}", name="T")
    rep.notes_slide.notes_text_frame.text = (
        "Before\n{%slide for c in account.challenges %}\n"
        "Explain {{ c.title }} to {{ account.name }}"
    )
    cond = blank_slide(prs)
    add_box(cond, "Banking extras", name="T")
    cond.notes_slide.notes_text_frame.text = "{% slide if account.industry == “bank” %}"
    last = blank_slide(prs)
    add_box(last, "The end", name="T")
    return prs


def test_slide_for_repeats_and_if_keeps(tmp_path: Path) -> None:
    ctx = {
        "account": {
            "name": "Acme",
            "industry": "bank",
            "challenges": [{"title": "Cost"}, {"title": "Speed"}, {"title": "Risk"}],
        }
    }
    out, result = render(_deck(), tmp_path, ctx)
    titles = [shape_texts(s)["T"] for s in result.slides]
    assert titles == [
        "Intro for Acme",
        "Challenge 1 of 3: Cost",
        "Challenge 2 of 3: Speed",
        "Challenge 3 of 3: Risk",
        "Banking extras",
        "The end",
    ]
    assert out.slide_count == 6
    notes = [s.notes_slide.notes_text_frame.text for s in list(result.slides)[1:4]]
    assert notes == [
        "Before\nExplain Cost to Acme",
        "Before\nExplain Speed to Acme",
        "Before\nExplain Risk to Acme",
    ]
    # The directive line of the condition slide is gone too.
    assert result.slides[4].notes_slide.notes_text_frame.text == ""


def test_empty_list_and_false_condition_remove_slides(tmp_path: Path) -> None:
    ctx = {"account": {"name": "Acme", "industry": "retail", "challenges": []}}
    out, result = render(_deck(), tmp_path, ctx)
    assert [shape_texts(s)["T"] for s in result.slides] == ["Intro for Acme", "The end"]
    assert out.slide_count == 2
    names = zipfile.ZipFile(BytesIO(out.data)).namelist()
    # Removed slides take their notes with them.
    assert sum(n.startswith("ppt/notesSlides/notesSlide") for n in names) == 0


def test_repeated_slides_get_their_own_charts(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    data = CategoryChartData()
    data.categories = ["a"]
    data.add_series("s", [1])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(1), Inches(1), Inches(4), Inches(3), data
    )
    frame.name = "chart: item.chart"
    slide.notes_slide.notes_text_frame.text = "{%slide for item in items %}"
    items = [
        {"chart": {"categories": ["x", "y"], "series": [{"name": "A", "values": [1, 2]}]}},
        {"chart": {"categories": ["p"], "series": [{"name": "B", "values": [9]}]}},
    ]
    _, result = render(prs, tmp_path, {"items": items})
    charts = [next(sh for sh in s.shapes if sh.has_chart).chart for s in result.slides]
    assert [list(c.plots[0].categories) for c in charts] == [["x", "y"], ["p"]]
    assert [list(c.plots[0].series[0].values) for c in charts] == [[1.0, 2.0], [9.0]]
    assert charts[0].part.partname != charts[1].part.partname


def test_sections_follow_repeated_and_removed_slides(tmp_path: Path) -> None:
    prs = new_prs()
    specs = (("A", ""), ("B{{ x }}", "{%slide for x in xs %}"), ("C", "{%slide if no %}"))
    for text, notes in specs:
        s = blank_slide(prs)
        add_box(s, text, name="T")
        if notes:
            s.notes_slide.notes_text_frame.text = notes
    ids = [s.slide_id for s in prs.slides]
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    ext_lst = etree.SubElement(prs.part._element, f"{{{NS['p']}}}extLst")
    uri = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
    ext = etree.SubElement(ext_lst, f"{{{NS['p']}}}ext", uri=uri)
    section_lst = etree.SubElement(ext, f"{{{p14}}}sectionLst")
    section = etree.SubElement(
        section_lst, f"{{{p14}}}section", name="All", id="{11111111-2222-3333-4444-555555555555}"
    )
    lst = etree.SubElement(section, f"{{{p14}}}sldIdLst")
    for i in ids:
        etree.SubElement(lst, f"{{{p14}}}sldId", id=str(i))
    out, result = render(prs, tmp_path, {"xs": [1, 2], "no": False})
    pres = etree.fromstring(zipfile.ZipFile(BytesIO(out.data)).read("ppt/presentation.xml"))
    section_ids = [int(e.get("id")) for e in pres.iter(f"{{{p14}}}sldId")]
    assert section_ids == [s.slide_id for s in result.slides]
    assert [shape_texts(s)["T"] for s in result.slides] == ["A", "B1", "B2"]
