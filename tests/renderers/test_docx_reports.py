"""DOCX reports: reopened with python-docx, converted by LibreOffice, for ja and en accounts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION

from abmcontent.documents import PACKAGE_TEMPLATES
from abmcontent.errors import TemplateError
from abmcontent.renderers.base import RenderRequest
from abmcontent.renderers.docx import DocxRenderer
from tests.checkout import checkout_env

from .support import DOCS, contract_workspace, render_request


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    return contract_workspace(tmp_path_factory.mktemp("ws"))


@pytest.fixture(scope="module")
def renderer() -> DocxRenderer:
    return DocxRenderer()


def _request(workspace, account_id: str, doc: str, **overrides) -> RenderRequest:
    return render_request(workspace, account_id, doc, "docx", **overrides)


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("account_id", ["hokuto-logistics", "northwind-health"])
def test_report_reopens_with_text_and_tables(workspace, renderer, account_id, doc):
    request = _request(workspace, account_id, doc)
    result = renderer.render(request)
    assert result.warnings == []
    document = docx.Document(io.BytesIO(result.data))
    text = _all_text(document)
    context = request.context
    assert context["account"]["name"] in text
    assert context["date_text"] in text
    assert "{{" not in text and "{%" not in text
    if doc != "case-study":
        assert document.tables, "competitive and briefing reports have tables"
        header = document.tables[0].rows[0]
        assert header.cells[0].text or header.cells[1].text
    # no empty headings: every heading is followed by something before the next heading
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    for name, heading in styles:
        if name.startswith("Heading"):
            assert heading.strip(), "a heading with no text"
    # East Asian font and language follow the locale
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        styles_xml = archive.read("word/styles.xml").decode()
        names = archive.namelist()
    assert 'w:eastAsia="Noto Sans CJK JP"' in styles_xml
    if context["locale"] == "ja":
        assert 'w:ascii="Noto Sans CJK JP"' in styles_xml
    else:
        assert 'w:ascii="Noto Sans"' in styles_xml
    primary = context["seller"]["colors"]["primary"].lstrip("#")
    assert primary in styles_xml
    if context["account"]["logo"]:
        assert any(n.startswith("word/media/abm_image") for n in names)


def test_case_study_has_chart_picture_and_quote(workspace, renderer):
    request = _request(workspace, "hokuto-logistics", "case-study")
    result = renderer.render(request)
    document = docx.Document(io.BytesIO(result.data))
    pictures = document.inline_shapes
    charts = [s for s in pictures if s.width > 4_000_000]
    stories = request.context["case_studies"]
    assert len(charts) == sum(1 for s in stories if s["has_chart"])
    text = _all_text(document)
    for story in stories:
        assert story["customer"] in text
        assert story["quote"]["text"] in text
        assert story["reasons"][0] in text


def test_case_study_without_stories_prints_a_message(workspace, renderer):
    request = _request(workspace, "northwind-health", "case-study", case_studies=[])
    document = docx.Document(io.BytesIO(renderer.render(request).data))
    text = _all_text(document)
    strings = request.context["strings"]
    assert strings["no_case_studies"] in text
    assert strings["why_relevant"] not in text
    assert not any(p.style.name == "Heading 1" for p in document.paragraphs)


def test_briefing_lists_agenda_questions_and_badges(workspace, renderer):
    request = _request(workspace, "northwind-health", "briefing")
    result = renderer.render(request)
    document = docx.Document(io.BytesIO(result.data))
    text = _all_text(document)
    briefing = request.context["briefing"]
    for item in briefing["agenda"]:
        assert item["title"] in text
    for attendee in briefing["attendees"]:
        assert attendee["questions"][0] in text
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert 'w:rStyle w:val="BadgeDecisionMaker"' in body
    assert 'w:rStyle w:val="BadgeBlocker"' in body


def test_briefing_is_two_columns_under_a_labelled_snapshot(workspace, renderer):
    request = _request(workspace, "hokuto-logistics", "briefing")
    result = renderer.render(request)
    document = docx.Document(io.BytesIO(result.data))
    strings = request.context["strings"]
    labels = [cell.text for cell in document.tables[0].rows[0].cells]
    assert labels[0].startswith(strings["industry"]) and strings["annual_revenue"] in labels[2]
    assert [s.start_type for s in document.sections][1:] == [WD_SECTION.CONTINUOUS]
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert re.search(r'<w:cols [^>]*w:num="2"', body)
    # landmine questions put to an attendee name the competitor next to the question
    champion = next(a for a in request.context["briefing"]["attendees"]
                    if a["influence"] == "champion")
    landmine = request.context["briefing"]["landmines"][0]
    assert f"{landmine['question']}（{landmine['competitor']}）" in _all_text(document)
    assert champion["questions"][1] == landmine["question"]


def test_badges_do_not_wrap_and_stay_white_on_dark():
    from abmcontent.renderers.docx import badge

    run = str(badge("Decision maker", "decision_maker"))
    text = re.search(r"<w:t[^>]*>([^<]*)</w:t>", run).group(1)
    assert text == "\u00a0Decision\u00a0maker\u00a0"
    assert 'w:rStyle w:val="BadgeDecisionMaker"/><w:color w:val="FFFFFF"/>' in run
    assert 'w:color' not in str(badge("推進者", "champion"))
    assert str(badge("", "champion")) == ""


def test_case_study_stories_are_kept_whole_without_page_breaks(workspace, renderer):
    request = _request(workspace, "hokuto-logistics", "case-study")
    result = renderer.render(request)
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert 'w:type="page"' not in body
    stories = request.context["case_studies"]
    assert stories
    assert body.count("<w:cantSplit/>") == len(stories)


def test_markup_template_syntax_and_control_characters_in_data(workspace, renderer):
    request = _request(workspace, "northwind-health", "briefing")
    account = dict(request.context["account"])
    account["summary"] = "<b>bold</b> & {{ 7*7 }} {%p if x %}\x00\x07\x0bend"
    request.context["account"] = account
    result = renderer.render(request)
    document = docx.Document(io.BytesIO(result.data))
    text = _all_text(document)
    # as in docxtpl, \a starts a new paragraph; the other control characters are dropped
    assert "<b>bold</b> & {{ 7*7 }} {%p if x %}\nend" in text
    assert "49" not in text


def test_missing_variable_raises_template_error_with_location(workspace, renderer, tmp_path):
    template = tmp_path / "broken.docx"
    doc = docx.Document()
    doc.add_paragraph("Hello")
    doc.add_paragraph("{{ account.name }}")
    table = doc.add_table(rows=2, cols=2)
    table.rows[1].cells[1].text = "{{ account.nmae }}"
    doc.save(template)
    request = _request(workspace, "northwind-health", "briefing")
    request = RenderRequest(template, request.context, workspace.root, "templates/broken.docx")
    with pytest.raises(TemplateError) as info:
        renderer.render(request)
    error = info.value
    assert error.template == "templates/broken.docx"
    assert "table 1, row 2, cell 2" in error.location
    assert error.expression == "{{ account.nmae }}"
    assert "nmae" in error.reason


def test_missing_variable_in_a_paragraph_names_the_paragraph(workspace, renderer, tmp_path):
    template = tmp_path / "para.docx"
    doc = docx.Document()
    doc.add_paragraph("First")
    doc.add_paragraph("Second")
    doc.add_paragraph("Dear {{ persona.nope }}")
    doc.save(template)
    request = _request(workspace, "northwind-health", "briefing")
    request = RenderRequest(template, request.context, workspace.root, "t.docx")
    with pytest.raises(TemplateError) as info:
        renderer.render(request)
    assert info.value.location.startswith("body, paragraph 3")
    assert info.value.expression == "{{ persona.nope }}"


def test_check_template_reports_syntax_errors(renderer, tmp_path):
    template = tmp_path / "syntax.docx"
    doc = docx.Document()
    doc.add_paragraph("{% if account.name %}")
    doc.add_paragraph("never closed")
    doc.save(template)
    problems = renderer.check_template(template, "templates/syntax.docx")
    assert len(problems) == 1 and "templates/syntax.docx" in problems[0]
    for name in DOCS:
        path = PACKAGE_TEMPLATES / f"{name}.docx"
        assert renderer.check_template(path, path.name) == []


def test_logo_outside_the_workspace_is_not_read(workspace, renderer, tmp_path):
    outside = tmp_path / "logo.png"
    shutil.copy(workspace.root / "assets" / "brand" / "sorami.png", outside)
    request = _request(workspace, "hokuto-logistics", "briefing")
    account = dict(request.context["account"])
    account["logo"] = str(outside)
    request.context["account"] = account
    result = renderer.render(request)
    assert any("outside" in w for w in result.warnings)


def test_templates_are_generated_reproducibly(tmp_path):
    script = Path(__file__).resolve().parents[2] / "scripts" / "make_docx_templates.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True,
                   env=checkout_env())
    for name in DOCS:
        assert (tmp_path / f"{name}.docx").read_bytes() == (
            PACKAGE_TEMPLATES / f"{name}.docx").read_bytes(), name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_documents_convert_in_libreoffice(workspace, renderer, tmp_path):
    paths = []
    for account_id in ("hokuto-logistics", "northwind-health"):
        for doc in DOCS:
            path = tmp_path / f"{account_id}-{doc}.docx"
            path.write_bytes(renderer.render(_request(workspace, account_id, doc)).data)
            paths.append(path)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths)],
        check=True, capture_output=True, timeout=300,
    )
    for path in paths:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 5000, pdf
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert re.search(r"\d+ ?/ ?\d+", text), pdf
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                  check=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            if pdf.stem.endswith("-briefing"):
                assert pages <= 2, (pdf, pages)  # read standing in a lobby
            if pdf.stem.endswith("-case-study"):
                assert pages <= 3, (pdf, pages)  # the cover shares its page with a story
