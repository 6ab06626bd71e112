"""Pictures and native charts filled from data."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from abmcontent.errors import TemplateError

from .helpers import NS, blank_slide, new_prs, render, save


def _image(path: Path, size: tuple[int, int], color: str = "red") -> Path:
    Image.new("RGB", size, color).save(path)
    return path


def _picture_deck(tmp_path: Path, directive: str, *, in_name: bool = False) -> object:
    placeholder = _image(tmp_path / "placeholder.png", (10, 10), "gray")
    prs = new_prs()
    slide = blank_slide(prs)
    pic = slide.shapes.add_picture(str(placeholder), Inches(1), Inches(1), Inches(4), Inches(4))
    if in_name:
        pic.name = directive
    else:
        pic._element.nvPicPr.cNvPr.set("descr", directive)
    return prs


def _pictures(slide: object) -> list[object]:
    return [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("directive", "in_name"),
    [
        ("image: account.logo", False),
        ("{{ image: account.logo }}", True),
    ],
)
def test_picture_replaced_and_fitted_keeping_aspect(
    tmp_path: Path, directive: str, in_name: bool
) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    _image(assets / "logo.png", (400, 100), "blue")
    prs = _picture_deck(tmp_path, directive, in_name=in_name)
    _, result = render(prs, tmp_path, {"account": {"logo": "logo.png"}}, assets_root=assets)
    pics = _pictures(result.slides[0])
    assert len(pics) == 1
    pic = pics[0]
    assert pic.image.size == (400, 100)
    assert pic.image.content_type == "image/png"
    # 4x4 inch box, 4:1 image -> 4in x 1in, vertically centered.
    assert (pic.width, pic.height) == (Inches(4), Inches(1))
    assert (pic.left, pic.top) == (Inches(1), Inches(1) + Inches(1.5))
    assert "image:" not in pic.name
    assert pic._element.nvPicPr.cNvPr.get("descr") is None


def test_missing_or_none_image_removes_the_picture(tmp_path: Path) -> None:
    prs = _picture_deck(tmp_path, "image: account.logo")
    _, result = render(prs, tmp_path, {"account": {"logo": None}})
    assert _pictures(result.slides[0]) == []
    _, result = render(prs, tmp_path, {"account": {}})
    assert _pictures(result.slides[0]) == []


def test_image_outside_assets_root_is_refused(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    outside = _image(tmp_path / "secret.png", (5, 5))
    prs = _picture_deck(tmp_path, "image: logo")
    for value in ("../secret.png", str(outside)):
        with pytest.raises(TemplateError) as info:
            render(prs, tmp_path, {"logo": value}, assets_root=assets)
        assert "outside the assets folder" in info.value.reason
        assert info.value.location == "slide 1, shape 'Picture 1'"


def test_missing_image_file_is_an_error(tmp_path: Path) -> None:
    prs = _picture_deck(tmp_path, "image: logo")
    with pytest.raises(TemplateError, match="not found"):
        render(prs, tmp_path, {"logo": "nope.png"}, assets_root=tmp_path)


def test_picture_placeholder_is_filled(tmp_path: Path) -> None:
    _image(tmp_path / "photo.jpg", (300, 300), "green")
    prs = new_prs()
    slide = prs.slides.add_slide(prs.slide_layouts[8])  # "Picture with Caption"
    ph = next(p for p in slide.placeholders if p.placeholder_format.type == 18)  # PICTURE
    ph._element.nvSpPr.cNvPr.set("descr", "image: photo")
    box = (ph.left, ph.top, ph.width, ph.height)
    _, result = render(prs, tmp_path, {"photo": "photo.jpg"}, assets_root=tmp_path)
    pics = [
        sh
        for sh in result.slides[0].placeholders
        if sh.shape_type == MSO_SHAPE_TYPE.PLACEHOLDER and sh._element.tag.endswith("}pic")
    ]
    assert len(pics) == 1
    pic = pics[0]
    assert pic.image.content_type == "image/jpeg"
    side = min(box[2], box[3])
    assert abs(pic.width - side) <= 1 and abs(pic.height - side) <= 1
    assert abs((pic.left + pic.width / 2) - (box[0] + box[2] / 2)) <= 1


def _chart_deck(chart_type: XL_CHART_TYPE = XL_CHART_TYPE.COLUMN_CLUSTERED) -> object:
    prs = new_prs()
    slide = blank_slide(prs)
    data = CategoryChartData()
    data.categories = ["a", "b", "c"]
    data.add_series("Old", [1, 2, 3])
    frame = slide.shapes.add_chart(chart_type, Inches(1), Inches(1), Inches(6), Inches(4), data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", "chart: case.results")
    return prs


RESULTS = {
    "categories": ["2023", "2024", "2025", "2026"],
    "series": [
        {"name": "Before", "values": [10, 12.5, None, 9]},
        {"name": "After", "values": [11, 15, 18, 21]},
    ],
}


def test_chart_gets_categories_series_and_a_consistent_workbook(tmp_path: Path) -> None:
    _, result = render(_chart_deck(), tmp_path, {"case": {"results": RESULTS}})
    chart = next(sh for sh in result.slides[0].shapes if sh.has_chart).chart
    plot = chart.plots[0]
    assert list(plot.categories) == ["2023", "2024", "2025", "2026"]
    assert [s.name for s in plot.series] == ["Before", "After"]
    assert list(plot.series[0].values) == [10.0, 12.5, None, 9.0]
    assert list(plot.series[1].values) == [11.0, 15.0, 18.0, 21.0]
    # The embedded workbook holds the same table the chart formulas point at.
    xlsx = chart.part.chart_workbook.xlsx_part.blob
    sheet = etree.fromstring(zipfile.ZipFile(BytesIO(xlsx)).read("xl/worksheets/sheet1.xml"))
    ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    cells = {c.get("r"): "".join(c.itertext()) for c in sheet.iterfind(".//s:c", ns)}
    assert cells["B1"] == "Before" and cells["C1"] == "After"
    assert cells["A2"] == "2023" and cells["A5"] == "2026"
    assert cells["B3"] == "12.5" and "B4" not in cells and cells["C5"] == "21"
    refs = [f.text for f in chart._chartSpace.iter(f"{{{NS['c']}}}f")]
    assert "Sheet1!$A$2:$A$5" in refs and "Sheet1!$C$2:$C$5" in refs
    workbook = zipfile.ZipFile(BytesIO(xlsx)).read("xl/workbook.xml")
    assert b'name="Sheet1"' in workbook


def test_pie_chart_and_none_removes_chart(tmp_path: Path) -> None:
    value = {"categories": ["x", "y"], "series": [{"name": "Share", "values": [30, 70]}]}
    _, result = render(_chart_deck(XL_CHART_TYPE.PIE), tmp_path, {"case": {"results": value}})
    chart = next(sh for sh in result.slides[0].shapes if sh.has_chart).chart
    assert list(chart.plots[0].series[0].values) == [30.0, 70.0]
    _, result = render(_chart_deck(), tmp_path, {"case": {"results": None}})
    assert not any(sh.has_chart for sh in result.slides[0].shapes)


@pytest.mark.parametrize(
    "bad",
    [
        {"categories": ["a"], "series": [{"name": "s", "values": [1, 2]}]},
        {"categories": ["a"], "series": [{"name": "s", "values": ["x"]}]},
        {"categories": [], "series": []},
        ["not", "a", "mapping"],
    ],
)
def test_bad_chart_value_is_a_template_error(tmp_path: Path, bad: object) -> None:
    with pytest.raises(TemplateError) as info:
        render(_chart_deck(), tmp_path, {"case": {"results": bad}})
    assert info.value.location == "slide 1, shape 'Chart 1'"
    assert info.value.expression == "chart: case.results"


def test_image_directive_on_a_text_box_is_refused(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(1), Inches(1))
    box.name = "image: logo"
    with pytest.raises(TemplateError, match="picture"):
        from abmcontent.pptx_engine import DeckTemplate

        DeckTemplate.load(save(prs, tmp_path))
