"""Office->PDF through the long-lived LibreOffice (unoserver) and through a soffice start.

Every conversion here is real: the PDFs are reopened and their pages and text checked, for
both paths, so the fallback is known to give the same document as the server.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from abmcontent.errors import RenderError
from abmcontent.renderers import office_server
from abmcontent.renderers.office_pdf import convert_to_pdf, convert_with_soffice, find_soffice
from abmcontent.renderers.office_trim import first_slide_only

pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
needs_server = pytest.mark.skipif(
    office_server.uno_python() is None, reason="no Python with LibreOffice's uno module"
)
PAGES = ["Alpha opening page", "Bravo middle page", "Charlie closing page"]


def deck(titles: list[str]) -> bytes:
    """A real deck with one titled slide per entry of ``titles``."""
    from pptx import Presentation

    presentation = Presentation()
    for title in titles:
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])
        slide.shapes.title.text = title
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def word(titles: list[str]) -> bytes:
    """A real Word file with one page per entry of ``titles``."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for index, title in enumerate(titles):
        paragraph = document.add_paragraph(title)
        if index < len(titles) - 1:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page of ``pdf``, whitespace squeezed."""
    import pypdf

    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def server() -> Iterator[office_server.OfficeServer]:
    """One running server for the module's tests."""
    started = office_server.start_server()
    assert started is not None, "LibreOffice, a uno Python and unoserver are here: it must start"
    try:
        assert office_server.wait_ready(started.url, office_server.READY_TIMEOUT_S)
        yield started
    finally:
        started.stop()


@pytest.fixture
def on_server(server: office_server.OfficeServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """This process converts on the module's server for the test."""
    monkeypatch.setattr(office_server, "_active_url", server.url)
    return server.url


def _free_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@needs_server
@pytest.mark.parametrize(("suffix", "make"), [(".pptx", deck), (".docx", word)])
def test_the_server_and_soffice_make_the_same_pages(
    suffix: str, make: object, on_server: str
) -> None:
    assert callable(make)
    data = make(PAGES)
    through_server = page_texts(convert_to_pdf(data, suffix))
    through_soffice = page_texts(convert_with_soffice(data, suffix))
    assert len(through_server) == len(through_soffice) == 3
    for texts in (through_server, through_soffice):
        for title, text in zip(PAGES, texts, strict=True):
            assert title in text, texts


@needs_server
@pytest.mark.parametrize(("suffix", "make"), [(".pptx", deck), (".docx", word)])
def test_a_preview_conversion_exports_the_first_page_only(
    suffix: str, make: object, on_server: str
) -> None:
    assert callable(make)
    texts = page_texts(convert_to_pdf(make(PAGES), suffix, first_page=True))
    assert len(texts) == 1 and PAGES[0] in texts[0] and PAGES[1] not in texts[0], texts


def test_a_preview_of_a_deck_without_a_server_is_its_first_slide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office_server, "_active_url", None)
    texts = page_texts(convert_to_pdf(deck(PAGES), ".pptx", first_page=True))
    assert len(texts) == 1 and PAGES[0] in texts[0], texts


def test_a_deck_cut_to_its_first_slide_keeps_that_slide_alone() -> None:
    from pptx import Presentation

    cut = Presentation(io.BytesIO(first_slide_only(deck(PAGES))))
    assert [slide.shapes.title.text for slide in cut.slides] == [PAGES[0]]
    names = [part.partname for part in cut.part.package.iter_parts()]
    assert sum("/slides/slide" in name for name in names) == 1, names
    with pytest.raises(ValueError, match="not a presentation"):
        first_slide_only(b"not a zip")


@needs_server
def test_an_unreachable_server_falls_back_to_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    url = _free_url()  # nothing listens there
    monkeypatch.setattr(office_server, "_active_url", url)
    monkeypatch.setattr(office_server, "READY_TIMEOUT_S", 1.0)
    monkeypatch.setattr(office_server, "_ready", {})
    texts = page_texts(convert_to_pdf(deck(PAGES), ".pptx"))
    assert len(texts) == 3 and PAGES[2] in texts[2]
    assert office_server.ready_url() is None  # not asked again


@needs_server
def test_a_document_the_server_cannot_read_is_a_clear_error(on_server: str) -> None:
    broken = b"PK\x03\x04 a zip that ends here"
    with pytest.raises(office_server.OfficeServerError, match="could not convert"):
        office_server.convert_on(on_server, broken, first_page=False)
    with pytest.raises(RenderError, match="LibreOffice could not convert the document"):
        convert_to_pdf(broken, ".docx")  # the server fails it, then soffice does too
    with pytest.raises(RenderError, match="LibreOffice could not convert the document"):
        convert_to_pdf(broken, ".pptx", first_page=True)


@needs_server
def test_shared_office_starts_one_server_reuses_it_inside_and_stops_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office_server, "_active_url", None)
    with office_server.shared_office() as url:
        assert url is not None and office_server.active_url() == url
        with office_server.shared_office() as inner:
            assert inner == url  # nested blocks share the server
        assert office_server.ready_url() == url
        texts = page_texts(convert_to_pdf(word(PAGES), ".docx"))
        assert len(texts) == 3
    assert office_server.active_url() is None
    assert not office_server.wait_ready(url, 1.0)  # stopped: nothing answers any more


def test_without_a_uno_python_or_when_turned_off_nothing_starts_and_soffice_converts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office_server, "_active_url", None)
    monkeypatch.setattr(office_server, "uno_python", lambda: None)
    with office_server.shared_office() as url:
        assert url is None
        assert len(page_texts(convert_to_pdf(deck(PAGES[:2]), ".pptx"))) == 2
    monkeypatch.undo()
    monkeypatch.setattr(office_server, "_active_url", None)
    monkeypatch.setenv(office_server.DISABLE_ENV, "off")
    with office_server.shared_office() as url:
        assert url is None


def test_a_missing_unoserver_package_means_no_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib.metadata

    def missing(name: str) -> object:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", missing)
    assert office_server.lend_unoserver(tmp_path / "lent") is None
    server = office_server.OfficeServer(find_soffice() or "soffice", "/usr/bin/python3")
    assert server.start() is False and not server.alive()


@needs_server
def test_two_servers_share_the_conversions_of_concurrent_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    monkeypatch.setattr(office_server, "_active_url", None)
    with office_server.shared_office(instances=2) as address:
        assert address is not None
        urls = address.split()
        assert len(set(urls)) == 2
        held: list[str | None] = []
        pages: list[int] = []
        both_held = threading.Barrier(2, timeout=120)

        def convert_while_holding() -> None:
            with office_server.lease() as url:
                held.append(url)
                both_held.wait()  # the two leases are held at once: they must differ
                if url is not None:
                    pages.append(len(page_texts(office_server.convert_on(url, deck(PAGES)))))

        threads = [threading.Thread(target=convert_while_holding) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(held) == 2 and set(held) == set(urls)
        assert pages == [3, 3]
    for url in urls:
        assert not office_server.wait_ready(url, 1.0)
