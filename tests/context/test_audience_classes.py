"""Customer and internal documents: definitions, validate's rule, labels, badges, properties."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from abmcontent.documents import DOCUMENTS, customer_documents, internal_documents
from abmcontent.models.field_table import all_rows, markdown
from abmcontent.sample import init_workspace
from tests.checkout import COMMAND, REPO_ROOT, checkout_env


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, env=checkout_env(), cwd=cwd,
        check=False,
    )


def test_every_document_says_what_it_is() -> None:
    assert customer_documents() == ["proposal", "competitive", "case-study"]
    assert internal_documents() == ["briefing", "battlecard"]
    for spec in DOCUMENTS.values():
        assert spec.names["ja"] and spec.names["en"]
        assert set(spec.default_formats) <= set(spec.formats)
        expected_rule = "account" if spec.internal else "reader"
        assert spec.audience_rule == expected_rule


def test_the_field_table_in_the_docs_is_generated_from_the_models() -> None:
    committed = (REPO_ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert committed == markdown(), "run: python -m abmcontent.models.field_table > docs/fields.md"
    rows = {(r.file, r.path): r for r in all_rows()}
    profile = "account_profiles/<id>.yaml"
    for path in ("stakeholders[].influence", "stakeholders[].notes", "competitors[].status",
                 "competitors[].notes", "engagement[]", "owners", "opportunities[].stage"):
        assert rows[(profile, path)].audience == "internal", path
    battlecards = "library/competitors/<id>.yaml"
    for path in ("landmines", "objections[]", "objections[].response"):
        assert rows[(battlecards, path)].audience == "internal"
    assert rows[("library/personas.yaml", "<key>.tone")].audience == "internal"
    assert rows[(profile, "market.rivals[].source")].audience == "customer"
    assert all(r.reason for r in rows.values())


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return init_workspace(tmp_path / "ws")


def test_validate_rejects_a_customer_template_that_prints_an_internal_field(
    sample: Path,
) -> None:
    base = (sample / "templates" / "competitive.html").read_text(encoding="utf-8")
    lines = base.splitlines()
    at = next(i for i, line in enumerate(lines) if "{% block content %}" in line) + 1
    lines.insert(at, "<p>{{ audience.stakeholder.notes }}</p>")
    (sample / "templates" / "competitive.html").write_text("\n".join(lines), encoding="utf-8")
    result = _cli("validate", "--workspace", str(sample))
    assert result.returncode == 1, result.stdout + result.stderr
    expected = (
        f"templates/competitive.html:{at + 1}: uses internal field 'audience.stakeholder.notes'"
    )
    assert expected in result.stderr, result.stderr
    # the same line in the internal battlecard is fine
    card = (sample / "templates" / "battlecard.html").read_text(encoding="utf-8")
    card = card.replace("{% block content %}", "{% block content %}{{ account.owners.sales }}")
    (sample / "templates" / "battlecard.html").write_text(card, encoding="utf-8")
    again = _cli("validate", "--workspace", str(sample))
    assert "battlecard.html" not in again.stderr


def test_validate_names_the_slide_and_shape_of_an_internal_field_in_a_deck(sample: Path) -> None:
    path = sample / "templates" / "proposal.ja.pptx"
    deck = Presentation(str(path))
    slide = deck.slides[1]
    box = slide.shapes.add_textbox(0, 0, 914400, 914400)
    box.name = "Leak"
    box.text_frame.text = "{{ persona.tone }}"
    deck.save(str(path))
    result = _cli("validate", "--workspace", str(sample))
    assert result.returncode == 1
    assert (
        "templates/proposal.ja.pptx: slide 2, shape 'Leak': uses internal field 'persona.tone'"
        in result.stderr
    ), result.stderr


def test_validate_notes_the_fields_that_would_fill_a_section(sample: Path) -> None:
    profile = sample / "account_profiles" / "tsumugi-online.yaml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("market:")
    end = text.index("competitors:")
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    quiet = _cli("validate", "--workspace", str(sample))
    assert quiet.returncode == 0
    assert re.search(r"OK: 0 error\(s\), 0 warning\(s\), 1 note\(s\)", quiet.stdout)
    verbose = _cli("validate", "--workspace", str(sample), "--verbose")
    assert (
        "account_profiles/tsumugi-online.yaml: market: info: the competitive analysis leaves "
        "out where the account stands in its market: add market.rivals or market.benchmarks"
    ) in verbose.stdout


def test_a_stale_claim_is_reported_and_flagged_in_the_battlecard(sample: Path) -> None:
    card = sample / "library" / "competitors" / "routemax.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("as_of: 2026-02-28", "as_of: 2025-01-31", 1), encoding="utf-8")
    result = _cli("validate", "--workspace", str(sample), "--date", "2026-11-25")
    assert result.returncode == 0
    assert re.search(
        r"library/competitors/routemax\.yaml:\d+: claims\.0\.competitor\.as_of: warning: claim "
        r"dated 2025-01-31 is 21 months old", result.stdout
    ), result.stdout
    built = _cli("render", "hokuto-logistics", "--doc", "battlecard", "--format", "pdf",
                 "--date", "2026-11-25", "--workspace", str(sample))
    assert built.returncode == 0, built.stderr
    pdf = sample / "output" / "hokuto-logistics" / "battlecard" / "account.pdf"
    page_text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages).replace(" ", "")
    assert "要更新：21か月前の情報" in page_text
    assert "1件の比較情報が12か月より古くなっています" in page_text


def test_internal_documents_are_labelled_and_customer_ones_are_not(sample: Path) -> None:
    result = _cli("render", "hokuto-logistics", "--doc", "briefing", "--workspace", str(sample))
    assert result.returncode == 0, result.stderr
    assert "output/hokuto-logistics/briefing/account.pdf  [internal: do not forward]" in (
        result.stdout
    )
    pdf = PdfReader(str(sample / "output/hokuto-logistics/briefing/account.pdf"))
    text = "".join(p.extract_text() for p in pdf.pages).replace(" ", "")
    assert "社内用・社外秘" in text and "様向け" not in text
    assert pdf.metadata is not None and "社内用・社外秘" in str(pdf.metadata.get("/Keywords"))
    docx = sample / "output/hokuto-logistics/briefing/account.docx"
    with zipfile.ZipFile(docx) as package:
        core = package.read("docProps/core.xml").decode()
        footer = "".join(
            package.read(n).decode() for n in package.namelist() if "footer" in n
        )
    assert "<cp:keywords>社内用・社外秘</cp:keywords>" in core
    assert "社内用・社外秘" in footer
    customer = _cli("render", "hokuto-logistics", "--doc", "proposal", "--for",
                    "takahashi-yumi", "--workspace", str(sample))
    assert customer.returncode == 0, customer.stderr
    assert "[internal" not in customer.stdout
    deck = sample / "output/hokuto-logistics/proposal/takahashi-yumi.pptx"
    with zipfile.ZipFile(deck) as package:
        core = package.read("docProps/core.xml").decode()
    props = Presentation(str(deck)).core_properties
    assert props.title == "ご提案書 · 北斗ロジスティクス株式会社"
    assert props.author == "ソラミシステムズ株式会社"
    assert props.keywords == "" and props.comments == ""
    assert "python-pptx" not in core and "abmcontent" not in core


def test_the_strategic_deck_has_no_influence_labels_or_internal_notes(sample: Path) -> None:
    result = _cli("render", "hokuto-logistics", "--doc", "proposal", "--workspace", str(sample))
    assert result.returncode == 0, result.stderr
    labels = ("決裁者", "推進者", "懸念者", "影響者", "影響力", "現行ベンダー", "比較検討中")
    for deck_path in (sample / "output/hokuto-logistics/proposal").glob("*.pptx"):
        deck = Presentation(str(deck_path))
        for slide in deck.slides:
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            for shape in slide.shapes:
                if shape.has_table:
                    texts += [c.text for row in shape.table.rows for c in row.cells]
            if slide.has_notes_slide:
                texts.append(slide.notes_slide.notes_text_frame.text)
            joined = "\n".join(texts)
            for word in labels:
                assert word not in joined, (deck_path.name, word)
            assert "東北6拠点で5年前から利用" not in joined  # the competitor's status note
            assert "デモに強い関心" not in joined  # a stakeholder note


def test_the_index_and_the_web_show_the_audience_class(sample: Path) -> None:
    from abmcontent.api import build

    report = build(sample, accounts=["tsumugi-online"], jobs=1, thumbnails=False)
    assert report.ok, report.failed
    index = (sample / "output" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="card[^"]*">(.*?)</article>', index, re.S)
    assert cards
    for card in cards:
        doc = re.search(r'<div class="doc">([^<]+)<span class="class (\w+)">', card)
        assert doc, card
        spec = next(s for s in DOCUMENTS.values() if s.name("en") == doc.group(1))
        assert doc.group(2) == spec.audience_class
        assert ("do not forward" in card) == spec.internal

    from tests.web.conftest import make_client

    client = make_client(sample)
    page = client.get("/accounts/tsumugi-online/documents")
    assert page.status_code == 200, page.text
    html = page.text
    for spec in DOCUMENTS.values():
        section = html[html.index(f'id="doc-{spec.id}"'):]
        section = section[: section.index("</section>")]
        assert f'data-audience-class="{spec.audience_class}"' in html
        assert ("Internal — do not forward: never send" in section) == spec.internal
    download = client.get("/download/tsumugi-online/battlecard/account.pdf")
    assert download.status_code == 200
    assert download.headers["x-abmcontent-audience"] == "internal"
    assert "INTERNAL-do-not-forward" in download.headers["content-disposition"]
    customer = client.get("/download/tsumugi-online/proposal/account.pptx")
    assert customer.headers["x-abmcontent-audience"] == "customer"
    assert "INTERNAL" not in customer.headers["content-disposition"]


def test_help_lists_every_document_with_its_class() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "abmcontent", "render", "--help"], capture_output=True,
        text=True, env={**checkout_env(), "COLUMNS": "200"}, check=False,
    )
    flat = " ".join(result.stdout.split())
    for spec in DOCUMENTS.values():
        assert f"{spec.id} ({spec.audience_class})" in flat, flat


def test_pdf_reports_of_customers_say_prepared_for(sample: Path) -> None:
    result = _cli("render", "brightwater-foods", "--doc", "competitive", "--for",
                  "margaret-cole", "--format", "pdf", "--workspace", str(sample))
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(io.BytesIO(
        (sample / "output/brightwater-foods/competitive/margaret-cole.pdf").read_bytes()
    ))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Prepared for Brightwater Foods" in text
    assert "Internal" not in text
    assert pdf.metadata is not None and not pdf.metadata.get("/Keywords")
