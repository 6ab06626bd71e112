"""Previews and PDF decks of real builds, through the long-lived LibreOffice and without it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from abmcontent.batch.progress import PlainProgress
from abmcontent.batch.thumbnails import THUMB_SIZE, make_thumbnails
from abmcontent.batch.work import WorkerConfig, init_worker
from abmcontent.errors import RenderError
from abmcontent.outputs import Manifest
from abmcontent.pipeline import Job
from abmcontent.renderers import office_server
from abmcontent.renderers.office_pdf import find_soffice

from .conftest import TODAY, build
from .fakes import minimal_pdf

pytestmark = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice and poppler are not installed",
)
needs_server = pytest.mark.skipif(
    office_server.uno_python() is None, reason="no Python with LibreOffice's uno module"
)


class Recorder:
    """A build progress that remembers the preview phase."""

    def __init__(self) -> None:
        self.previews_seen: list[tuple[int, int]] = []
        self.finished = False

    def start(self, to_build: int, up_to_date: int, failed: int) -> None:
        """Nothing to record."""
        del to_build, up_to_date, failed

    def update(self, job: Job, status: str) -> None:
        """Nothing to record."""
        del job, status

    def previews(self, done: int, total: int) -> None:
        """Record one step of the preview phase."""
        assert not self.finished, "previews come before the end of the build"
        self.previews_seen.append((done, total))

    def finish(self) -> None:
        """Record the end."""
        self.finished = True


def _conversions(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Count the conversions sent to a server in this process (value: first page only)."""
    calls: list[bool] = []
    real = office_server.convert_on

    def counting(url: str, data: bytes, *, first_page: bool = False) -> bytes:
        calls.append(first_page)
        return real(url, data, first_page=first_page)

    monkeypatch.setattr(office_server, "convert_on", counting)
    return calls


def _check_thumbnails(workspace: Path, expected: int) -> None:
    from PIL import Image

    thumbs = sorted((workspace / "output/.thumbs").glob("*.png"))
    assert len(thumbs) == expected
    for thumb in thumbs:
        with Image.open(thumb) as image:
            assert max(image.size) == THUMB_SIZE
            low, high = image.convert("L").getextrema()
            assert high - low > 64  # a drawn page, not a blank


@needs_server
def test_previews_of_a_build_go_to_one_libreoffice_one_page_each(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _conversions(monkeypatch)
    progress = Recorder()
    report = build(
        workspace, accounts=["kestrel-outfitters"], docs=["proposal"], formats=["pptx"],
        thumbnails=True, progress=progress,
    )  # fmt: skip
    assert len(report.built) == 3 and not report.failed
    assert calls == [True, True, True]  # one first-slide conversion per deck, on the server
    assert progress.previews_seen[0] == (0, 3) and progress.previews_seen[-1] == (3, 3)
    assert progress.finished
    _check_thumbnails(workspace, 3)
    assert office_server.active_url() is None  # the build stopped its server


def test_without_the_server_previews_are_made_by_soffice_starts(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(office_server.DISABLE_ENV, "off")
    calls = _conversions(monkeypatch)
    progress = Recorder()
    build(
        workspace, accounts=["kestrel-outfitters"], docs=["proposal"], formats=["pptx"],
        thumbnails=True, progress=progress,
    )  # fmt: skip
    assert calls == []
    assert progress.previews_seen[-1] == (3, 3)
    _check_thumbnails(workspace, 3)


def no_cold_soffice() -> None:
    """Worker set-up: a conversion that falls back to a soffice start fails its job."""
    from abmcontent.renderers import office_pdf

    def refuse(data: bytes, suffix: str) -> bytes:
        raise RenderError("a soffice start was used instead of the build's LibreOffice")

    office_pdf.convert_with_soffice = refuse  # type: ignore[assignment]


@needs_server
@pytest.mark.parametrize("jobs", [1, 2])
def test_pdf_decks_convert_on_the_server_in_workers_too(
    workspace: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf
    from pptx import Presentation

    from abmcontent.api import build as api_build
    from abmcontent.batch import BuildOptions
    from abmcontent.renderers import office_pdf

    build(workspace, accounts=["kestrel-outfitters"], docs=["proposal"], formats=["pptx"])
    if jobs == 1:
        monkeypatch.setattr(office_pdf, "convert_with_soffice", None)  # fails if called
    options = BuildOptions(jobs=jobs, thumbnails=False, worker_setup=no_cold_soffice)
    report = api_build(
        workspace, accounts=["kestrel-outfitters"], docs=["proposal"], formats=["pdf"],
        today=TODAY, options=options,
    )  # fmt: skip
    assert len(report.built) == 3 and not report.failed, report.failed
    for audience in ("cmo", "coo", "cfo"):
        folder = workspace / "output/kestrel-outfitters/proposal"
        pdf = pypdf.PdfReader(io.BytesIO((folder / f"{audience}.pdf").read_bytes()))
        slides = Presentation(str(folder / f"{audience}.pptx")).slides
        assert len(pdf.pages) == len(slides)
        first_title = slides[0].shapes.title.text if slides[0].shapes.title else ""
        text = " ".join((pdf.pages[0].extract_text() or "").split())
        assert " ".join(first_title.split())[:20] in text


@needs_server
def test_a_lone_pdf_deck_of_an_isolated_build_converts_on_the_server_around_it(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web's case: its job holds a server; one deck, rendered in a worker process."""
    import pypdf

    from abmcontent.api import render
    from abmcontent.batch import BuildOptions

    monkeypatch.setattr(office_server, "_active_url", None)
    options = BuildOptions(jobs=1, isolate=True, worker_setup=no_cold_soffice)
    with office_server.shared_office() as address:
        assert address is not None
        report = render(
            workspace, "kestrel-outfitters", doc="proposal", audience="cmo", formats=["pdf"],
            today=TODAY, options=options,
        )  # fmt: skip
        assert report.built == ["output/kestrel-outfitters/proposal/cmo.pdf"], report.failed
        assert office_server.active_url() == address  # the build left the server running
    pdf = workspace / "output/kestrel-outfitters/proposal/cmo.pdf"
    assert len(pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages) > 1


def test_a_worker_converts_on_the_server_it_is_given(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office_server, "_active_url", None)
    init_worker(WorkerConfig(str(workspace), dt.date(2026, 4, 1), office_url="http://127.0.0.1:9"))
    assert office_server.active_url() == "http://127.0.0.1:9"


def test_a_deck_that_is_also_a_pdf_is_previewed_from_the_pdf_without_converting(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(workspace, accounts=["kestrel-outfitters"], docs=["proposal"], formats=["pptx"])
    # the PDF twin of each deck: any PDF does, the point is that the deck is not converted
    for audience in ("cmo", "coo", "cfo"):
        pdf = workspace / f"output/kestrel-outfitters/proposal/{audience}.pdf"
        pdf.write_bytes(minimal_pdf(audience))
    entries = list(Manifest(workspace).entries.values())
    pdf_entries = [
        dataclasses.replace(
            entry, format="pdf", path=entry.path[:-4] + "pdf", sha256=entry.sha256 + "-pdf"
        )
        for entry in entries
    ]

    def no_conversion(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a document with a PDF must not be converted")

    monkeypatch.setattr("abmcontent.renderers.office_pdf.convert_to_pdf", no_conversion)
    monkeypatch.setattr("abmcontent.batch.thumbnails._office_to_png", no_conversion)
    made = make_thumbnails(workspace, [*entries, *pdf_entries])
    assert len(made) == 3 and all(name.endswith("-pdf.png") for name in made.values())


def test_plain_progress_prints_the_preview_phase() -> None:
    out = io.StringIO()
    progress = PlainProgress(out)
    progress.start(2, 0, 0)
    for done in range(3):
        progress.previews(done, 2)
    progress.finish()
    assert out.getvalue().splitlines()[1:] == ["Previews 1/2", "Previews 2/2"]
