"""PDF reports: reopened with pypdf and poppler, for a Japanese and an English account."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from abmcontent.context import audiences_for, build_context
from abmcontent.errors import TemplateError
from abmcontent.renderers.base import RenderRequest
from abmcontent.renderers.pdf import HtmlPdfRenderer
from abmcontent.renderers.pdf_fetch import FetchRefused, WorkspaceUrlFetcher

from .support import DOCS, contract_workspace, render_request

PAGE_BOUNDS = {
    "competitive": (1, 4), "case-study": (1, 5), "briefing": (1, 2), "battlecard": (1, 3)
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    return contract_workspace(tmp_path_factory.mktemp("ws"))


@pytest.fixture(scope="module")
def renderer() -> HtmlPdfRenderer:
    return HtmlPdfRenderer()


def _request(workspace, account_id: str, doc: str, **overrides) -> RenderRequest:
    return render_request(workspace, account_id, doc, "pdf", **overrides)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _fonts(tmp_path: Path, data: bytes) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("account_id", ["hokuto-logistics", "northwind-health"])
def test_report_opens_with_text_pages_and_embedded_fonts(
    workspace, renderer, tmp_path, account_id, doc
):
    request = _request(workspace, account_id, doc)
    result = renderer.render(request)
    assert result.warnings == []
    reader = PdfReader(io.BytesIO(result.data))
    low, high = PAGE_BOUNDS[doc]
    assert low <= len(reader.pages) <= high
    text = _text(result.data).replace(" ", "")
    context = request.context
    assert context["account"]["name"].replace(" ", "") in text
    assert context["date_text"].replace(" ", "") in text
    assert f"1/{len(reader.pages)}" in text
    fonts = _fonts(tmp_path, result.data)
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    for row in rows:
        assert " yes " in row.split("Identity-H")[-1] or "yes yes" in row, row
    if context["locale"] == "ja":
        assert all("Noto-Sans-CJK-JP" in row for row in rows), fonts
    else:
        assert any("Noto-Sans" in row for row in rows), fonts
    assert len(rows) <= 4, "too many font faces: " + fonts


def test_japanese_text_is_real_text_not_tofu(workspace, renderer):
    result = renderer.render(_request(workspace, "hokuto-logistics", "briefing"))
    text = _text(result.data)
    assert "面談アジェンダ案" in text
    assert "決裁者" in text
    assert "\ufffd" not in text


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    """The sample workspace: its accounts have market data and its battlecards claims."""
    from abmcontent.loading.workspace import load_workspace
    from abmcontent.sample import init_workspace

    return load_workspace(init_workspace(tmp_path_factory.mktemp("sample") / "ws"))


def _flat(text: str) -> str:
    return text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("account_id", ["hokuto-logistics", "brightwater-foods"])
def test_competitive_report_is_an_analysis_for_the_reader(sample, renderer, account_id):
    request = _request(sample, account_id, "competitive")
    context = request.context
    text = _flat(_text(renderer.render(request).data))
    market = context["market"]
    assert market["has_benchmarks"] and market["has_rivals"]
    for row in market["benchmarks"]:
        assert _flat(row["metric"])[:10] in text and _flat(row["source"])[:12] in text
    for rival in market["rivals"]:
        assert _flat(rival["name"]) in text
    analysis = context["analysis"]
    assert analysis["has_comparison"]
    for comp in context["competitors"]:
        assert _flat(comp["name"]) in text
    for row in analysis["comparison"]:
        assert _flat(row["label"]) in text
        for cell in [*row["competitors"], row["ours"]]:
            if cell:
                assert _flat(cell["source"])[:12] in text
    assert _flat(analysis["next_step"]) in text
    # a report for the account is not a battlecard
    full = build_context(
        sample.library,
        sample.accounts[account_id],
        audiences_for(sample.accounts[account_id], "competitive")[0],
        doc="battlecard",
        root=sample.root,
        today=dt.date(2026, 11, 25),
    ).data
    for comp in full["competitors"]:
        assert comp["status_label"] not in text
        for landmine in comp["landmines"]:
            assert _flat(landmine)[:12] not in text
        for objection in comp["objections"]:
            assert _flat(objection["response"])[:12] not in text
    strings = context["strings"]
    for heading in ("why_we_win", "landmines", "proof_focus"):
        assert _flat(strings[heading]) not in text


def test_a_section_without_data_is_left_out_not_printed_empty(workspace, renderer):
    # the contract examples have no market data and no sourced claims
    request = _request(workspace, "northwind-health", "competitive")
    text = _text(renderer.render(request).data).replace("\n", " ")
    strings = request.context["strings"]
    assert not request.context["market"]["has_data"]
    assert strings["benchmarks"] not in text and strings["rivals"] not in text
    assert strings["criterion"] not in text
    reader = request.context["audience"]["addressee"]
    assert strings["meaning_for"].format(reader=reader)[:12] in text


def test_case_study_without_stories_prints_a_message(workspace, renderer):
    request = _request(workspace, "northwind-health", "case-study", case_studies=[])
    result = renderer.render(request)
    text = _text(result.data).replace("\n", " ")
    strings = request.context["strings"]
    assert strings["no_case_studies"][:30] in text
    assert strings["why_relevant"] not in text
    assert strings["results"] not in text
    assert len(PdfReader(io.BytesIO(result.data)).pages) == 1


def test_case_study_has_a_chart_with_the_results(workspace, renderer):
    request = _request(workspace, "northwind-health", "case-study")
    html = renderer.render_html(request)
    story = request.context["case_studies"][0]
    assert "<svg" in html and "<script" not in html
    text = _text(renderer.render(request).data)
    for result in story["results"]:
        assert result["display"] in text


def test_markup_and_template_syntax_in_data_show_literally(workspace, renderer):
    request = _request(workspace, "northwind-health", "briefing")
    account = dict(request.context["account"])
    account["summary"] = "<b>bold</b> {{ 7*7 }} {% raw %} & <script>x</script>"
    request.context["account"] = account
    html = renderer.render_html(request)
    assert "<b>bold</b>" not in html and "<script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; {{ 7*7 }}" in html
    text = _text(renderer.render(request).data).replace("\n", " ")
    assert "<b>bold</b> {{ 7*7 }}" in text
    assert " 49 " not in text


def test_control_characters_in_data_do_not_break_the_pdf(workspace, renderer):
    request = _request(workspace, "northwind-health", "briefing")
    account = dict(request.context["account"])
    account["summary"] = "before\x00\x01\x0b\x1fafter"
    request.context["account"] = account
    text = _text(renderer.render(request).data)
    assert "beforeafter" in text


def test_missing_variable_raises_template_error_with_line(workspace, renderer, tmp_path):
    templates = workspace.root / "templates"
    templates.mkdir(exist_ok=True)
    bad = templates / "broken.html"
    bad.write_text("<html><body>\n<p>ok</p>\n<p>{{ account.nmae }}</p>\n</body></html>\n")
    request = _request(workspace, "northwind-health", "briefing")
    request = RenderRequest(bad, request.context, workspace.root, "templates/broken.html")
    with pytest.raises(TemplateError) as info:
        renderer.render(request)
    error = info.value
    assert error.template == "templates/broken.html"
    assert error.location == "line 3"
    assert "account.nmae" in error.expression
    assert "nmae" in error.reason


def test_syntax_error_is_found_by_check_template(workspace, renderer):
    templates = workspace.root / "templates"
    templates.mkdir(exist_ok=True)
    bad = templates / "syntax.html"
    bad.write_text("<p>\n{% if account.name %}\n<p>never closed</p>\n")
    problems = renderer.check_template(bad, "templates/syntax.html")
    assert len(problems) == 1
    assert "templates/syntax.html" in problems[0] and "syntax error" in problems[0]


def test_packaged_templates_check_clean(renderer):
    from abmcontent.documents import PACKAGE_TEMPLATES

    for doc in DOCS:
        path = PACKAGE_TEMPLATES / f"{doc}.html"
        assert renderer.check_template(path, f"(default) {path.name}") == []


def test_url_fetcher_refuses_everything_outside_templates_and_assets(workspace, tmp_path):
    root = workspace.root
    (root / "templates").mkdir(exist_ok=True)
    inside = root / "templates" / "ok.css"
    inside.write_text("p { color: red }")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    link = root / "assets" / "link.txt"
    if not link.exists():
        link.symlink_to(outside)
    fetcher = WorkspaceUrlFetcher([root / "templates", root / "assets"])
    assert fetcher.fetch(inside.as_uri()).read() == b"p { color: red }"
    for url in [
        "http://example.com/logo.png",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "data:text/plain,hello",
        outside.as_uri(),
        "file:///etc/passwd",
        (root / "templates" / ".." / "account_profiles" / "northwind-health.yaml").as_uri(),
        link.as_uri(),
    ]:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 8


def test_refused_urls_in_a_template_become_warnings(workspace, renderer, tmp_path):
    templates = workspace.root / "templates"
    templates.mkdir(exist_ok=True)
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really")
    page = templates / "remote.html"
    page.write_text(
        "<html><body><p>x</p>"
        '<img src="http://example.com/a.png">'
        f'<img src="{secret.as_uri()}">'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        "</body></html>"
    )
    request = _request(workspace, "northwind-health", "briefing")
    request = RenderRequest(page, request.context, workspace.root, "templates/remote.html")
    result = renderer.render(request)
    joined = "\n".join(result.warnings)
    assert "example.com/a.png" in joined
    assert "secret.png" in joined
    assert "evil.css" in joined
    assert result.data.startswith(b"%PDF")
