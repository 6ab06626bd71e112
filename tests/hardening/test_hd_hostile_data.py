"""Hostile data reaches every format as plain text, and documents always reopen.

Each test edits a copy of the contract workspace, renders one document per (doc, format)
in-process (pdf decks need LibreOffice and are left out) and reopens it with python-pptx,
python-docx or pypdf.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import (
    HOKUTO,
    NORTHWIND,
    document_text,
    edit,
    load,
    one_job_per_format,
    pdf_pages,
    pdftotext_words,
    render_job,
)

#: every XML-illegal C0 control, DEL, NEL, the Unicode separators and non-characters
CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + (
    "\x7f\x85\u2028\u2029\ufffe\uffff\r"
)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _yaml_escaped(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (every control character escaped)."""
    out = []
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029\ufffe\uffff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _inject(root: Path, value: str) -> None:
    """Put ``value`` into texts of a profile and of the library that every document shows."""
    quoted = _yaml_escaped(value)
    edit(root, NORTHWIND, "name: Northwind Health Partners", f"name: {quoted}")
    edit(root, NORTHWIND, "title: Recurring stock-outs of critical consumables", f"title: {quoted}")
    edit(root, NORTHWIND, "priorities: [Payback under 18 months]", f"priorities: [{quoted}]")
    edit(
        root,
        NORTHWIND,
        "notes: Burned by a failed WMS migration in 2023; wants a phased rollout.",
        f"notes: {quoted}",
    )
    edit(root, NORTHWIND, 'Attended "Forecasting for healthcare supply chains"', quoted)
    edit(root, "library/seller.yaml", "name: Sorami Forecast", f"name: {quoted}")
    edit(
        root,
        "library/case_studies/lakeside-clinics.yaml",
        "{metric: {en: Stock-out rate}",
        f"{{metric: {{en: {quoted}}}",
    )


def test_control_characters_are_removed_and_every_document_reopens(ws_root: Path) -> None:
    _inject(ws_root, f"Alpha{CONTROLS}Omega")
    ws = load(ws_root)
    assert not ws.errors, ws.errors
    jobs = one_job_per_format(ws, "northwind-health", audience="coo")
    assert {(j.doc, j.format) for j in jobs} >= {("proposal", "pptx"), ("briefing", "pdf")}
    for job in jobs:
        data, _ = render_job(ws, job)
        text = document_text(data, job.format)
        assert "Alpha" in text and "Omega" in text, job.label
        assert not _ILLEGAL.search(text), (job.label, _ILLEGAL.findall(text))


def test_raw_control_characters_in_a_file_are_refused_with_file_and_line(ws_root: Path) -> None:
    """Unescaped control characters are not YAML: the file is reported, never rendered."""
    path = ws_root / NORTHWIND
    path.write_bytes(path.read_bytes().replace(b"Columbus, Ohio", b"Colum\x01bus, Ohio"))
    ws = load(ws_root)
    [problem] = [p for p in ws.errors if p.file == NORTHWIND]
    assert problem.line == 7 and "malformed YAML" in problem.reason
    assert "northwind-health" in ws.failed_accounts


MARKUP = ["<b>x</b>", "{{ 7*7 }}", "{% raw %}", "&amp;", "]]>", "<![CDATA[", "{#", "'\"&lt;"]


def test_markup_and_template_syntax_in_data_appear_as_typed(ws_root: Path) -> None:
    _inject(ws_root, " ".join(MARKUP))
    ws = load(ws_root)
    assert not ws.errors, ws.errors
    for job in one_job_per_format(ws, "northwind-health", audience="coo"):
        data, _ = render_job(ws, job)
        text = document_text(data, job.format)
        flat = re.sub(r"\s+", " ", text)
        for item in MARKUP:
            assert item in flat, (job.label, item)
        assert "<b>x</b> 49" not in flat and "<b>x</b> {{ 7*7 }}" in flat, job.label


LONG_TITLE = ("A very long challenge title that keeps going " * 8)[:300]


def _long_detail(unbroken: int) -> str:
    token = "https://hokuto.example/" + "a" * unbroken + " " if unbroken else ""
    text = "Dispatch is re-planned by hand every morning across both sites, " + token
    text += "and the planners copy the same figures between three systems. " * 40
    return text[:2000]


@pytest.mark.parametrize(
    "unbroken",
    [
        0,
        120,
    ],
    ids=["words", "unbroken-url"],
)
def test_long_texts_are_shrunk_or_wrapped_never_off_the_page(
    unbroken: int, ws_root: Path, tmp_path: Path
) -> None:
    detail = _long_detail(unbroken)
    assert len(LONG_TITLE) == 300 and len(detail) == 2000
    edit(ws_root, NORTHWIND, "title: Recurring stock-outs of critical consumables",
         f"title: {LONG_TITLE}")
    edit(
        ws_root,
        NORTHWIND,
        "detail: 3.8% of order lines were short-shipped last quarter, mostly during flu season "
        "peaks.",
        f"detail: {detail}",
    )
    ws = load(ws_root)
    assert not ws.errors, ws.errors
    off_page: list[tuple[str, str]] = []
    for job in one_job_per_format(ws, "northwind-health", audience="coo"):
        if unbroken and job.format != "pdf":
            continue
        data, warnings = render_job(ws, job)
        assert document_text(data, job.format), job.label
        if job.format == "pptx":
            fitted = [w for w in warnings if "shrunk" in w or "does not fit" in w]
            assert any("slide 3" in w for w in fitted), warnings
        if job.format == "pdf":
            pdf = tmp_path / f"{job.doc}.pdf"
            pdf.write_bytes(data)
            words = pdftotext_words(pdf)
            assert words, job.label
            tolerance = 0.5
            off_page += [
                (job.label, w[7]) for w in words
                if w[3] < -tolerance or w[4] < -tolerance
                or w[5] > w[1] + tolerance or w[6] > w[2] + tolerance
            ]
            assert pdf_pages(data) <= 12, job.label
    assert not off_page, off_page[:5]


def _many_stakeholders(root: Path, count: int) -> None:
    people = "".join(
        f"  - id: person-{i}\n    name: Person Number {i}\n    title: Vice President {i}\n"
        f"    role: {['coo', 'cfo', 'cio'][i % 3]}\n"
        f"    influence: {['influencer', 'champion', 'user', 'decision_maker'][i % 4]}\n"
        f"    priorities: [Priority one for {i}, Priority two]\n"
        f"    notes: Notes about person {i}.\n"
        for i in range(count)
    )
    path = root / NORTHWIND
    text = path.read_text(encoding="utf-8")
    start, end = text.index("stakeholders:\n"), text.index("opportunities:")
    text = text[:start] + "stakeholders:\n" + people + text[end:]
    text = text.replace("tier: lite", "tier: strategic")
    text = text.replace("stakeholder: dana-whitfield", "stakeholder: person-1")
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def big_account(ws_root: Path) -> Path:
    _many_stakeholders(ws_root, 100)
    return ws_root


def test_a_hundred_stakeholders_render_everywhere_with_a_bounded_deck(big_account: Path) -> None:
    import io

    import pptx

    ws = load(big_account)
    assert not ws.errors, ws.errors
    assert len(ws.accounts["northwind-health"].stakeholders) == 100
    for job in one_job_per_format(ws, "northwind-health", audience="person-7"):
        if job.doc == "briefing" and job.format == "pdf":
            continue  # see test_the_briefing_of_a_hundred_stakeholders_stays_short
        data, _ = render_job(ws, job)
        text = document_text(data, job.format)
        assert "Person Number 7" in text, job.label
        if job.format == "pptx":
            deck = pptx.Presentation(io.BytesIO(data))
            rows = [
                len(shape.table.rows)
                for slide in deck.slides
                for shape in slide.shapes
                if shape.has_table
            ]
            assert rows and max(rows) <= 12, rows
            assert len(deck.slides) <= 20
        if job.format == "pdf":
            assert pdf_pages(data) <= 8, (job.label, pdf_pages(data))


def test_the_briefing_of_a_hundred_stakeholders_stays_short(big_account: Path) -> None:
    ws = load(big_account)
    [job] = [j for j in one_job_per_format(ws, "northwind-health")
             if (j.doc, j.format) == ("briefing", "pdf")]
    data, _ = render_job(ws, job)
    assert pdf_pages(data) <= 6


def test_hokuto_japanese_control_and_markup_mix(ws_root: Path) -> None:
    """Japanese text with markup, controls and emoji in the strategic (ja) account."""
    value = "北斗<b>物流</b>\x07{{ x }}🚚\u202eعربي\u0301"
    edit(ws_root, HOKUTO, "headquarters: 東京都江東区", f"headquarters: {_yaml_escaped(value)}")
    edit(ws_root, HOKUTO, "name: 北斗ロジスティクス株式会社",
         f"name: {_yaml_escaped('北斗' + value)}")
    ws = load(ws_root)
    assert not ws.errors, ws.errors
    for job in one_job_per_format(ws, "hokuto-logistics", audience="sato-kenichi"):
        data, _ = render_job(ws, job)
        text = document_text(data, job.format)
        if job.format != "pdf":  # pypdf's text of RTL and combining marks is not reliable
            assert "<b>物流</b>" in text and "{{ x }}" in text, job.label
        assert "\x07" not in text
