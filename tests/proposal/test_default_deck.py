"""The default proposal deck, rendered for every sample account and audience and reopened."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType

from abmcontent.loading.workspace import Workspace
from abmcontent.pipeline import Job

from .conftest import render_deck

TAG = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def all_text(prs: PresentationType) -> list[tuple[int, str]]:
    """(slide number, text) of every text run, table cell and note."""
    found: list[tuple[int, str]] = []
    for number, slide in enumerate(prs.slides, 1):
        for node in slide.shapes._spTree.iter(f"{A}t"):
            found.append((number, node.text or ""))
        if slide.has_notes_slide:
            found.append((number, slide.notes_slide.notes_text_frame.text))
    return found


def test_every_sample_account_and_audience_gets_a_deck(
    sample_ws: Workspace, sample_decks: dict[str, tuple[Job, bytes, list[str]]]
) -> None:
    accounts = {job.account for job, _, _ in sample_decks.values()}
    assert accounts == set(sample_ws.accounts)
    strategic = [a for a in sample_ws.accounts.values() if a.tier == "strategic"]
    for account in strategic:
        audiences = {j.audience.id for j, _, _ in sample_decks.values() if j.account == account.id}
        assert audiences == {s.id for s in account.stakeholders}


def test_decks_reopen_with_no_template_syntax_left(
    sample_decks: dict[str, tuple[Job, bytes, list[str]]],
) -> None:
    for path, (_, data, _) in sample_decks.items():
        prs = Presentation(io.BytesIO(data))
        assert len(prs.slides) >= 5, path  # a brief executive deck has five
        for number, text in all_text(prs):
            assert not TAG.search(text), f"{path} slide {number}: {text!r}"


def test_title_slide_names_the_account_and_the_stakeholder(
    sample_ws: Workspace, sample_decks: dict[str, tuple[Job, bytes, list[str]]]
) -> None:
    for path, (job, data, _) in sample_decks.items():
        account = sample_ws.accounts[job.account]
        cover = " ".join(t for n, t in all_text(Presentation(io.BytesIO(data))) if n == 1)
        name = account.name if account.locale == "ja" else (account.name_en or account.name)
        assert name in cover, path
        if job.audience.kind == "stakeholder":
            person = next(s for s in account.stakeholders if s.id == job.audience.id)
            assert person.name in cover, path


def test_no_empty_slides(sample_decks: dict[str, tuple[Job, bytes, list[str]]]) -> None:
    for path, (_, data, _) in sample_decks.items():
        for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, 1):
            texts = [t for t in (n.text for n in slide.shapes._spTree.iter(f"{A}t")) if t]
            assert len(" ".join(texts)) > 40, f"{path} slide {number} is nearly empty"


def test_japanese_decks_use_a_japanese_font_and_english_decks_a_latin_one(
    sample_ws: Workspace, sample_decks: dict[str, tuple[Job, bytes, list[str]]]
) -> None:
    checked = set()
    for job, data, _ in sample_decks.values():
        locale = sample_ws.accounts[job.account].locale
        if locale in checked:
            continue
        checked.add(locale)
        prs = Presentation(io.BytesIO(data))
        title = next(s for s in prs.slides[2].shapes if s.name == "Title")
        run = title.text_frame.paragraphs[0].runs[0]._r
        ea = run.find(f"{A}rPr/{A}ea").get("typeface")
        latin = run.find(f"{A}rPr/{A}latin").get("typeface")
        assert ea == "Noto Sans CJK JP"
        assert latin == ("Noto Sans CJK JP" if locale == "ja" else "Noto Sans")
    assert checked == {"ja", "en"}


def test_case_study_slides_follow_the_context(
    sample_decks: dict[str, tuple[Job, bytes, list[str]]],
) -> None:
    _, data, _ = sample_decks["output/hokuto-logistics/proposal/takahashi-yumi.pptx"]
    prs = Presentation(io.BytesIO(data))
    customers = [
        s.text_frame.text for slide in prs.slides for s in slide.shapes if s.name == "Customer"
    ]
    # the storyline of the reader tells two stories (one for a brief executive deck)
    assert len(customers) == 2
    assert any("関東フレイト" in c for c in customers)
    charts = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert charts, "story and investment slides keep native charts"
    values = [list(s.chart.plots[0].series[0].values) for s in charts]
    assert [4800.0, 2100.0] in values  # 4,800万円 and 2,100万円 in the investment chart


def another_seller(root: Path) -> None:
    """Swap the library's seller for a different company, colours and logo."""
    seller_path = root / "library" / "seller.yaml"
    seller = yaml.safe_load(seller_path.read_text(encoding="utf-8"))
    seller["company"] = {
        "name": "株式会社ミナトテック",
        "name_en": "Minato Tech Ltd.",
        "tagline": {"ja": "港から店頭まで。", "en": "From port to shelf."},
        "logo": "assets/brand/other.png",
        "colors": {"primary": "#7A1F5C", "accent": "#2BB673", "text": "#111827"},
    }
    shutil.copy(root / "assets" / "logos" / "sakura-mart.png", root / "assets/brand/other.png")
    seller_path.write_text(yaml.safe_dump(seller, allow_unicode=True), encoding="utf-8")


def test_another_sellers_library_makes_decks_in_its_own_name_and_colours(
    sample_ws: Workspace, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(sample_ws.root, root)
    another_seller(root)
    for account, name in (("hokuto-logistics", "ミナトテック"), ("northwind-health", "Minato")):
        prs = Presentation(io.BytesIO(render_deck(root, account)))
        text = " ".join(t for _, t in all_text(prs))
        assert name in text
        assert "Sorami Systems" not in text and "ソラミシステムズ" not in text
        theme = next(
            rel.target_part
            for rel in prs.slide_master.part.rels.values()
            if rel.reltype.endswith("/theme")
        )
        assert b'<a:accent1><a:srgbClr val="7A1F5C"/>' in theme.blob


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_japanese_and_an_english_deck_convert_in_libreoffice(
    sample_decks: dict[str, tuple[Job, bytes, list[str]]], tmp_path: Path
) -> None:
    for key in (
        "output/hokuto-logistics/proposal/ito-daisuke.pptx",
        "output/northwind-health/proposal/coo.pptx",
    ):
        _, data, _ = sample_decks[key]
        source = tmp_path / Path(key).name
        source.write_bytes(data)
        done = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            capture_output=True,
            timeout=240,
            check=False,
        )
        pdf = source.with_suffix(".pdf")
        assert pdf.is_file(), done.stderr
        from pypdf import PdfReader

        reader = PdfReader(pdf)
        assert len(reader.pages) == len(Presentation(io.BytesIO(data)).slides)
        first = reader.pages[0].extract_text()
        assert ("北斗" in first) or ("Northwind" in first)
