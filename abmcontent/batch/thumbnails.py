"""First-page thumbnails for the index, cached by the document's sha256.

PDFs go straight through ``pdftoppm``; decks and Word files are first converted to PDF by
LibreOffice (remote and linked content off): only their first slide or page, one file at a
time on the long-lived LibreOffice of :mod:`abmcontent.renderers.office_server`, or, when
there is none, many files per ``soffice`` start. A document that also exists as a PDF is
shown from that PDF, never converted again. A thumbnail
is named after the sha256 of the document it shows (``output/.thumbs/<sha256>.png``), so a
build that changes nothing makes none, and one that changes a document makes only that one.
Missing tools or a failed conversion only mean no thumbnail.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path

from abmcontent.errors import RenderError
from abmcontent.layout import OUTPUT_DIR
from abmcontent.outputs import ManifestEntry, output_root, write_atomic

THUMBS_DIR = ".thumbs"
#: longest side of a thumbnail, in pixels
THUMB_SIZE = 360
#: Office files converted per LibreOffice start
CONVERT_CHUNK = 40
TOOL_TIMEOUT_S = 300
#: the format shown when a document exists in several
PREFERRED = ("pdf", "pptx", "docx")


def thumbnail_name(entry: ManifestEntry) -> str:
    """Output-relative path of the thumbnail of ``entry``."""
    return f"{THUMBS_DIR}/{entry.sha256}.png"


def pick_sources(entries: Iterable[ManifestEntry]) -> dict[tuple[str, str, str], ManifestEntry]:
    """For each (account, doc, audience), the file whose first page is shown."""
    chosen: dict[tuple[str, str, str], ManifestEntry] = {}
    for entry in entries:
        key = (entry.account, entry.doc, entry.audience)
        rank = PREFERRED.index(entry.format) if entry.format in PREFERRED else len(PREFERRED)
        current = chosen.get(key)
        if current is None:
            chosen[key] = entry
            continue
        current_rank = (
            PREFERRED.index(current.format) if current.format in PREFERRED else len(PREFERRED)
        )
        if rank < current_rank:
            chosen[key] = entry
    return chosen


def _pdf_to_png(pdf: Path, target: Path) -> bool:
    """Render the first page of ``pdf`` to ``target`` (atomically)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return False
    with tempfile.TemporaryDirectory(prefix="abmcontent-thumb-") as tmp:
        prefix = Path(tmp) / "page"
        command = [
            pdftoppm, "-png", "-f", "1", "-l", "1", "-singlefile",
            "-scale-to", str(THUMB_SIZE), str(pdf), str(prefix),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=TOOL_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
        made = prefix.with_suffix(".png")
        if done.returncode != 0 or not made.is_file():
            return False
        write_atomic(target, made.read_bytes())  # a new temporary file: no link followed
    return True


def _first_page_to_png(source: Path, target: Path) -> None:
    """Convert the first page of one Office file on the long-lived LibreOffice; thumbnail it."""
    from abmcontent.renderers.office_pdf import convert_to_pdf

    try:
        pdf = convert_to_pdf(source.read_bytes(), source.suffix, first_page=True)
    except (RenderError, OSError):
        return
    with tempfile.TemporaryDirectory(prefix="abmcontent-thumb-") as tmp:
        path = Path(tmp) / "first.pdf"
        path.write_bytes(pdf)
        _pdf_to_png(path, target)


def _office_to_png(items: list[tuple[Path, Path]]) -> None:
    """Convert Office files to PDF with one LibreOffice start, then thumbnail each."""
    from abmcontent.renderers.office_pdf import find_soffice, soffice_command

    soffice = find_soffice()
    if soffice is None or not items:
        return
    with tempfile.TemporaryDirectory(prefix="abmcontent-thumbs-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, (source, _) in enumerate(items):
            copy = folder / f"doc{index}{source.suffix}"
            shutil.copyfile(source, copy)
            sources.append(copy)
        command = soffice_command(soffice, folder, sources)
        try:
            subprocess.run(command, capture_output=True, timeout=TOOL_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return
        for copy, (_, target) in zip(sources, items, strict=True):
            pdf = copy.with_suffix(".pdf")
            if pdf.is_file():
                _pdf_to_png(pdf, target)


def _is_real_file(path: Path) -> bool:
    """A regular file that is not a symbolic link."""
    return path.is_file() and not path.is_symlink()


def real_thumbs_dir(workspace_root: Path) -> Path:
    """``output/.thumbs``, refused when it is a symbolic link (never written or emptied through).

    Raises:
        RenderError: the folder is a link; the message names it.
    """
    thumbs = output_root(workspace_root) / THUMBS_DIR
    if thumbs.is_symlink():
        raise RenderError(
            f"{OUTPUT_DIR}/{THUMBS_DIR} is a symbolic link: previews are neither written nor "
            "cleaned through it; remove the link and build again"
        )
    return thumbs


def existing_thumbnails(
    workspace_root: Path, entries: Iterable[ManifestEntry]
) -> dict[tuple[str, str, str], str]:
    """The thumbnails already made, without making any: (account, doc, audience) -> path.

    None when ``output/.thumbs`` is a symbolic link (nothing is shown through it; a build
    that makes previews reports the link).
    """
    out = output_root(workspace_root)
    if (out / THUMBS_DIR).is_symlink():
        return {}
    return {
        key: thumbnail_name(entry)
        for key, entry in pick_sources(entries).items()
        if _is_real_file(out / thumbnail_name(entry))
    }


def _run_conversions(
    pdfs: list[tuple[Path, Path]],
    office: list[tuple[Path, Path]],
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Make the thumbnails of ``pdfs`` and ``office`` files, telling ``progress`` as they come."""
    from abmcontent.renderers import office_server

    # one conversion alone is quicker with a soffice start than with a server coming up
    with office_server.shared_office(enabled=len(office) > 1, instances=workers) as url:
        tasks: list[tuple[Callable[[], object], int]] = [
            (functools.partial(_pdf_to_png, *item), 1) for item in pdfs
        ]
        threads = max(1, workers)
        if office and url is not None and office_server.ready_url() is not None:
            tasks += [(functools.partial(_first_page_to_png, *item), 1) for item in office]
            threads = max(threads, len(url.split()) + 1)
        else:
            chunks = [office[i : i + CONVERT_CHUNK] for i in range(0, len(office), CONVERT_CHUNK)]
            tasks += [(functools.partial(_office_to_png, chunk), len(chunk)) for chunk in chunks]
        total = len(pdfs) + len(office)
        done = 0
        if progress is not None:
            progress(done, total)
        with ThreadPoolExecutor(max_workers=threads) as pool:
            futures: dict[Future[object], int] = {pool.submit(task): size for task, size in tasks}
            for future in as_completed(futures):
                future.result()
                done += futures[future]
                if progress is not None:
                    progress(done, total)


def make_thumbnails(
    workspace_root: Path,
    entries: Iterable[ManifestEntry],
    *,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[tuple[str, str, str], str]:
    """Make the missing thumbnails; return (account, doc, audience) -> output-relative path.

    Thumbnails no document uses any more are deleted. Documents whose thumbnail cannot be
    made (tools missing, conversion failed) are left out of the result.

    Args:
        workspace_root: the workspace folder.
        entries: the manifest's entries.
        workers: conversions at once: LibreOffice servers started (when the build has
            none), or ``soffice`` starts.
        progress: called with (thumbnails made, thumbnails to make) as they are made.
    """
    out = output_root(workspace_root)
    thumbs = real_thumbs_dir(workspace_root)
    chosen = pick_sources(entries)
    pdfs: list[tuple[Path, Path]] = []
    office: list[tuple[Path, Path]] = []
    queued: set[Path] = set()
    for entry in chosen.values():
        target = out / thumbnail_name(entry)
        if target.is_symlink():
            target.unlink()  # a planted link is removed, never written through
        if target.is_file() or target in queued:  # documents of the same content share one
            continue
        source = workspace_root / entry.path
        if not source.is_file():
            continue
        queued.add(target)
        (pdfs if entry.format == "pdf" else office).append((source, target))
    if shutil.which("pdftoppm") and (pdfs or office):
        _run_conversions(pdfs, office, workers, progress)
    result = {
        key: thumbnail_name(entry)
        for key, entry in chosen.items()
        if (out / thumbnail_name(entry)).is_file()
    }
    used = {out / name for name in result.values()}
    if thumbs.is_dir():
        for old in thumbs.iterdir():
            if old not in used:
                with contextlib.suppress(OSError):
                    old.unlink()
    return result
