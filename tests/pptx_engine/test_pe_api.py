"""Public API: caching, variables, reuse across renders, threads and processes."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

import abmcontent.pptx_engine as engine
from abmcontent.pptx_engine import DeckTemplate, RenderedDeck, load_cached

from .helpers import add_box, blank_slide, check_package, new_prs, reopen, save, shape_texts


def _deck(tmp_path: Path) -> Path:
    prs = new_prs()
    slide = blank_slide(prs)
    add_box(slide, "{{ account.name }} / {{ account['region'] }} / {{ today }}", name="T")
    box = add_box(slide, "{%p for c in account.challenges %}", name="L", top=2)
    box.text_frame.add_paragraph().text = "{{ c.title }} {{ loop.index }}"
    box.text_frame.add_paragraph().text = "{%p endfor %}"
    slide.notes_slide.notes_text_frame.text = "{%slide if account.active %}"
    return save(prs, tmp_path)


def test_public_names() -> None:
    assert set(engine.__all__) >= {"DeckTemplate", "RenderedDeck", "load_cached"}


def test_variables_lists_names_and_dotted_paths(tmp_path: Path) -> None:
    deck = DeckTemplate.load(_deck(tmp_path))
    assert deck.variables() == {
        "account",
        "account.name",
        "account.region",
        "account.challenges",
        "account.active",
        "today",
    }


def test_load_cached_compiles_once_per_file_version(tmp_path: Path) -> None:
    path = _deck(tmp_path)
    first = load_cached(path)
    assert load_cached(path) is first
    assert load_cached(tmp_path / "." / path.name) is first
    prs = new_prs()
    add_box(blank_slide(prs), "changed {{ x }}", name="T")
    prs.save(str(path))
    os.utime(path, ns=(1, 1))
    second = load_cached(path)
    assert second is not first
    assert second.variables() == {"x"}


def _ctx(name: str) -> dict[str, object]:
    return {
        "today": "d",
        "account": {
            "name": name,
            "region": "EU",
            "active": True,
            "challenges": [{"title": f"{name}-{i}"} for i in range(3)],
        },
    }


def test_one_template_renders_many_times_and_in_threads(tmp_path: Path) -> None:
    deck = DeckTemplate.load(_deck(tmp_path))
    names = [f"Acme{i}" for i in range(16)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outs = list(pool.map(lambda n: deck.render(_ctx(n)), names))
    for name, out in zip(names, outs, strict=True):
        check_package(out.data)
        texts = shape_texts(reopen(out.data).slides[0])
        assert texts["T"] == f"{name} / EU / d"
        assert texts["L"] == f"{name}-0 1\n{name}-1 2\n{name}-2 3"
    assert deck.render(_ctx("Acme0")).data == outs[0].data  # deterministic output


def test_template_pickles_for_worker_processes(tmp_path: Path) -> None:
    deck = DeckTemplate.load(_deck(tmp_path))
    clone = pickle.loads(pickle.dumps(deck))
    assert clone.render(_ctx("Z")).data == deck.render(_ctx("Z")).data


def test_rendered_deck_fields(tmp_path: Path) -> None:
    deck = DeckTemplate.load(_deck(tmp_path), name="pitch")
    out = deck.render({**_ctx("A"), "account": {**_ctx("A")["account"], "active": False}})  # type: ignore[dict-item]
    assert isinstance(out, RenderedDeck)
    assert out.slide_count == 0 and out.warnings == []
    check_package(out.data)
    assert deck.name == "pitch"


def _full_template(tmp_path: Path) -> Path:
    Image.new("RGB", (320, 200), "orange").save(tmp_path / "logo.png")
    prs = new_prs()
    s1 = prs.slides.add_slide(prs.slide_layouts[1])
    s1.shapes.title.text = "{{ account.name }} — 日本語タイトル"
    s1.placeholders[1].text = "{{ account.summary }}"
    s2 = blank_slide(prs)
    add_box(s2, "{{ item.title }}", name="T")
    s2.notes_slide.notes_text_frame.text = "{%slide for item in account.items %}"
    pic = s2.shapes.add_picture(
        str(tmp_path / "logo.png"), Inches(5), Inches(2), Inches(3), Inches(3)
    )
    pic.name = "image: item.logo"
    data = CategoryChartData()
    data.categories = ["a"]
    data.add_series("s", [1])
    frame = s2.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, Inches(0.5), Inches(2), Inches(4), Inches(3), data
    )
    frame.name = "chart: item.chart"
    table = s2.shapes.add_table(3, 2, Inches(0.5), Inches(5.5), Inches(8), Inches(1)).table
    table.cell(0, 0).text = "{%tr for r in item.rows %}"
    table.cell(1, 0).text = "{{ r }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    return save(prs, tmp_path)


def _full_context(tmp_path: Path) -> dict[str, object]:
    chart = {"categories": ["Q1", "Q2"], "series": [{"name": "Rev", "values": [1, 2]}]}
    return {
        "account": {
            "name": "Acme & <Sons>",
            "summary": "長い説明文です。" * 40,
            "items": [
                {"title": "First", "logo": "logo.png", "chart": chart, "rows": ["r1", "r2"]},
                {"title": "Second", "logo": None, "chart": chart, "rows": []},
            ],
        }
    }


def test_full_deck_is_consistent(tmp_path: Path) -> None:
    out = DeckTemplate.load(_full_template(tmp_path)).render(
        _full_context(tmp_path), assets_root=tmp_path
    )
    check_package(out.data)
    result = reopen(out.data)
    assert out.slide_count == 3
    assert result.slides[0].shapes.title.text == "Acme & <Sons> — 日本語タイトル"
    names = zipfile.ZipFile(BytesIO(out.data)).namelist()
    assert sum(n.startswith("ppt/charts/chart") for n in names) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_the_output(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = DeckTemplate.load(_full_template(tmp_path)).render(
        _full_context(tmp_path), assets_root=tmp_path
    )
    deck = tmp_path / "out.pptx"
    deck.write_bytes(out.data)
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = pypdf.PdfReader(str(tmp_path / "out.pdf"))
    assert len(pdf.pages) == 3
    assert "Acme & <Sons>" in pdf.pages[0].extract_text()
    assert "First" in pdf.pages[1].extract_text()
    assert "Second" in pdf.pages[2].extract_text()


def test_load_cached_uses_the_name_in_errors(tmp_path: Path) -> None:
    prs = new_prs()
    add_box(blank_slide(prs), "{{ nope }}", name="T")
    path = save(prs, tmp_path)
    deck = load_cached(path, name="decks/pitch.pptx")
    assert deck.name == "decks/pitch.pptx"
    assert load_cached(path, name="decks/pitch.pptx") is deck
    assert load_cached(path).name == "template.pptx"
