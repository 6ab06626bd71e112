"""Templates that link outside: validate refuses, outputs never carry, LibreOffice never follows.

Attacks: a deck template with a linked picture (``r:link`` to a local HTTP server), a
``file:///etc/passwd`` hyperlink and an allowed https one; a Word template with an attached
template, a linked image and a ``file:`` hyperlink; and LibreOffice fed linked pictures
directly (the second line of defence).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from abmcontent.api import render, validate
from abmcontent.renderers.office_pdf import convert_to_pdf, find_soffice

from .conftest import NORTHWIND
from .office_attacks import (
    deck_with_external_links,
    docx_with_external_links,
    png,
    recording_server,
    tiny_linked_deck,
    tiny_linked_docx,
)

TODAY = dt.date(2026, 11, 25)
ACCOUNT = "northwind-health"


def _external_targets(data: bytes) -> list[str]:
    """Every external relationship target in an Office file."""
    from lxml import etree

    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                root = etree.fromstring(archive.read(name))
                found += [
                    el.get("Target") for el in root if el.get("TargetMode") == "External"
                ]
    return found


def _all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(n).decode("utf-8", "replace")
            for n in archive.namelist()
            if n.endswith((".xml", ".rels"))
        )


def _rendered(root: Path, doc: str, fmt: str, kept: str) -> list[tuple[str, bytes, str]]:
    """Render ``doc`` for every audience; each output keeps only the ``kept`` http(s) link.

    Returns:
        (output path, bytes, all its XML) of each document.
    """
    report = render(root, ACCOUNT, doc=doc, formats=[fmt], today=TODAY)
    assert report.built and not report.failed, report.failed
    found = []
    for path in report.built:
        data = (root / path).read_bytes()
        assert _external_targets(data) == [kept]
        assert any("is removed from the documents" in w for w in report.warnings[path])
        found.append((path, data, _all_xml(data)))
    return found


def test_a_deck_template_with_external_links_fails_validate_and_renders_without_them(
    ws_root: Path,
) -> None:
    assert (ws_root / NORTHWIND).is_file()
    deck_with_external_links(ws_root / "templates/proposal.pptx", "http://127.0.0.1:9/x.png")
    problems = [str(p) for p in validate(ws_root)]
    mine = [p for p in problems if p.startswith("templates/proposal.pptx")]
    assert (
        "templates/proposal.pptx: ppt/slides/slide1.xml, relationship rIdEvil1 (image): "
        "external target 'http://127.0.0.1:9/x.png' is not allowed" in " | ".join(mine)
    ), problems
    assert any("relationship rIdEvil2 (hyperlink): external target 'file:///etc/passwd'" in p
               for p in mine), mine
    assert not any("rIdGood" in p for p in mine), mine
    assert len(mine) == 2, mine

    import pptx

    for path, data, xml in _rendered(ws_root, "proposal", "pptx", "https://example.com/pricing"):
        assert "rIdEvil" not in xml and "/etc/passwd" not in xml and "127.0.0.1" not in xml
        deck = pptx.Presentation(io.BytesIO(data))
        assert any(shape.name == "Linked" for shape in deck.slides[0].shapes), path


def test_a_word_template_with_external_links_fails_validate_and_renders_without_them(
    ws_root: Path,
) -> None:
    docx_with_external_links(ws_root / "templates/briefing.docx", "http://127.0.0.1:9/x.png")
    problems = [str(p) for p in validate(ws_root) if str(p).startswith("templates/briefing")]
    joined = " | ".join(problems)
    assert "templates/briefing.docx: word/settings.xml, relationship rIdTpl " \
        "(attachedTemplate): external target 'file:///tmp/evil.dotm'" in joined, problems
    assert "word/document.xml, relationship rIdEvilImg (image)" in joined
    assert "word/document.xml, relationship rIdEvilLink (hyperlink)" in joined
    assert "rIdGood" not in joined and len(problems) == 3, problems

    import docx

    for path, data, xml in _rendered(ws_root, "briefing", "docx", "http://example.com/"):
        assert "attachedTemplate" not in xml and "evil.dotm" not in xml
        assert docx.Document(io.BytesIO(data)).paragraphs, path


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", [".pptx", ".docx"])
@pytest.mark.parametrize("through", ["soffice", "long-lived LibreOffice"])
def test_libreoffice_never_follows_linked_pictures(
    suffix: str, through: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from abmcontent.renderers import office_server

    monkeypatch.setattr(office_server, "_active_url", None)
    if through == "soffice":
        monkeypatch.setenv(office_server.DISABLE_ENV, "off")
    elif office_server.uno_python() is None:
        pytest.skip("no Python with LibreOffice's uno module")
    outside = tmp_path / "outside" / "secret.png"
    outside.parent.mkdir()
    outside.write_bytes(png((0, 255, 0)))
    make = tiny_linked_deck if suffix == ".pptx" else tiny_linked_docx
    with recording_server() as (base, hits), office_server.shared_office() as url:
        assert (url is None) == (through == "soffice")
        data = make([f"{base}/linked.png", outside.as_uri()])
        pdf = convert_to_pdf(data, suffix)
        assert office_server.ready_url() == url  # the server converted it, when there was one
    assert hits == []
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert [image.name for page in reader.pages for image in page.images] == []


def test_the_http_server_of_these_tests_does_record_requests() -> None:
    """The recording server works, so an empty hit list above means no request was made."""
    import urllib.request

    with (
        recording_server() as (base, hits),
        urllib.request.urlopen(f"{base}/probe.png", timeout=10) as answer,
    ):
        assert answer.read() == png((0, 0, 255))
    assert hits == ["GET /probe.png"]
