"""Overflowing text is shrunk to fit, down to a minimum size, with warnings."""

from __future__ import annotations

from pathlib import Path

from pptx.util import Pt

from abmcontent.pptx_engine.fonts import cjk_measurer, measurer_for_family

from .helpers import add_box, blank_slide, new_prs, render

LONG = " ".join(["overflowing"] * 60)


def _sizes(shape: object) -> set[float]:
    return {
        r.font.size.pt
        for p in shape.text_frame.paragraphs  # type: ignore[attr-defined]
        for r in p.runs
    }


def _deck(text_size: int = 24, height: float = 2.0) -> object:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(slide, "{{ body }}", name="Body", width=6, height=height, size=text_size)
    add_box(
        slide, "Static text that is far too long " * 20, name="Static", top=4, height=0.5, size=24
    )
    return prs


def test_short_text_is_left_alone(tmp_path: Path) -> None:
    out, result = render(_deck(), tmp_path, {"body": "Short"})
    assert out.warnings == []
    assert _sizes(result.slides[0].shapes[0]) == {24.0}


def test_long_text_is_shrunk_with_a_warning(tmp_path: Path) -> None:
    text = " ".join(["words"] * 70)
    out, result = render(_deck(), tmp_path, {"body": text})
    sizes = _sizes(result.slides[0].shapes[0])
    assert len(sizes) == 1
    (size,) = sizes
    assert 12 <= size < 24
    assert out.warnings == [f"info: slide 1, shape 'Body': text shrunk to {size:g} pt to fit"]
    # Static text is the author's business: untouched.
    assert _sizes(result.slides[0].shapes[1]) == {24.0}


def test_text_that_cannot_fit_stays_at_minimum_and_warns(tmp_path: Path) -> None:
    out, result = render(_deck(height=0.6), tmp_path, {"body": LONG * 3})
    assert _sizes(result.slides[0].shapes[0]) == {12.0}
    assert out.warnings == ["error: slide 1, shape 'Body': text does not fit even at 12 pt"]


def test_minimum_is_configurable(tmp_path: Path) -> None:
    out, result = render(_deck(height=0.6), tmp_path, {"body": LONG * 3}, min_font_pt=8)
    assert _sizes(result.slides[0].shapes[0]) == {8.0}
    assert out.warnings == ["error: slide 1, shape 'Body': text does not fit even at 8 pt"]


def test_cjk_text_wraps_by_character(tmp_path: Path) -> None:
    # 160 CJK characters at 24 pt in a 6 in (432 pt) wide box: ~18 per line, 9 lines, > 2 in.
    text = "日本語の長い説明文です。" * 14
    out, result = render(_deck(), tmp_path, {"body": text})
    (size,) = _sizes(result.slides[0].shapes[0])
    assert size < 24
    assert out.warnings and "text shrunk to" in out.warnings[0]


def test_cjk_measurer_measures_full_width() -> None:
    cjk = cjk_measurer().em_width("日")
    latin = measurer_for_family("Calibri").em_width("i")
    assert 0.8 <= cjk <= 1.1
    assert latin < 0.5


def test_non_wrapping_shapes_are_not_fitted(tmp_path: Path) -> None:
    prs = new_prs()
    slide = blank_slide(prs)
    box = add_box(slide, "{{ body }}", name="NoWrap", height=0.5, size=24)
    box.text_frame.word_wrap = False
    out, result = render(prs, tmp_path, {"body": LONG})
    assert out.warnings == []
    assert _sizes(result.slides[0].shapes[0]) == {24.0}


def test_inherited_placeholder_size_is_used(tmp_path: Path) -> None:
    prs = new_prs()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "{{ title }}"
    out, result = render(prs, tmp_path, {"title": " ".join(["Title"] * 40)})
    title = result.slides[0].shapes.title
    (size,) = _sizes(title)
    assert size < 44  # the default template's title is 44 pt, inherited from the master
    assert out.warnings and out.warnings[0].startswith("info: slide 1, shape 'Title 1'")
    assert title.text_frame.paragraphs[0].runs[0].font.size == Pt(size)
