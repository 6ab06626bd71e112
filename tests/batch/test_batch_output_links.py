"""Hardening 2, items 1 and 2: a planted link under output/ and a failed write lose no data."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from abmcontent.batch import writer as writer_module
from abmcontent.errors import RenderError

from .conftest import build, files, manifest

SELECTION = {"accounts": ["sakura-mart"], "docs": ["briefing"], "formats": ["pdf"]}


def test_a_thumbs_link_to_the_profiles_deletes_nothing_and_writes_nothing_there(
    workspace: Path, fake_renderers: list[str]
) -> None:
    profiles = workspace / "account_profiles"
    before = {p.name: p.read_bytes() for p in profiles.iterdir()}
    (workspace / "output").mkdir(exist_ok=True)
    (workspace / "output" / ".thumbs").symlink_to(Path("..") / "account_profiles")
    with pytest.raises(RenderError, match=r"output/\.thumbs is a symbolic link"):
        build(workspace, thumbnails=True, **SELECTION)
    assert {p.name: p.read_bytes() for p in profiles.iterdir()} == before  # nothing deleted
    # the documents themselves were still built and recorded
    assert any(path.startswith("output/sakura-mart/briefing/") for path in manifest(workspace))


def test_a_failed_write_keeps_the_last_good_document(
    workspace: Path, fake_renderers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(workspace, **SELECTION)
    good = files(workspace)
    assert good

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(writer_module, "write_atomic", disk_full)
    report = build(workspace, force=True, **SELECTION)
    assert set(report.failed) == set(good)
    assert all("No space left on device" in why and "kept" in why
               for why in report.failed.values())
    assert files(workspace) == good  # every previous document is still there, unchanged
    assert set(manifest(workspace)) == set(good)

    monkeypatch.undo()
    again = build(workspace, force=True, **SELECTION)
    assert not again.failed and set(again.built) == set(good)


def _victim(workspace: Path) -> tuple[Path, bytes]:
    """A user file outside output/ that a planted link points to, and its bytes."""
    target = workspace / "account_profiles" / "sakura-mart.yaml"
    return target, target.read_bytes()


def _plant(workspace: Path, relative: str, target: Path) -> Path:
    link = workspace / "output" / relative
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def test_a_manifest_link_is_neither_read_nor_written_through(
    workspace: Path, fake_renderers: list[str]
) -> None:
    victim, before = _victim(workspace)
    link = _plant(workspace, "manifest.json", victim)
    report = build(workspace, **SELECTION)
    assert not report.failed and report.built
    assert victim.read_bytes() == before
    assert not link.is_symlink() and set(manifest(workspace)) == set(report.built)
    aside = workspace / "output" / "manifest.json.bad"
    assert aside.is_symlink() and aside.resolve() == victim.resolve()  # the link, set aside
    assert any("symbolic link" in note and "manifest.json" in note for note in report.notices)


def test_an_index_link_is_replaced_not_written_through(
    workspace: Path, fake_renderers: list[str]
) -> None:
    victim, before = _victim(workspace)
    link = _plant(workspace, "index.html", victim)
    report = build(workspace, **SELECTION)
    assert report.index == link and not link.is_symlink()
    assert "<html" in link.read_text(encoding="utf-8")
    assert victim.read_bytes() == before


def test_a_document_path_planted_as_a_link_is_refused_never_up_to_date(
    workspace: Path, fake_renderers: list[str]
) -> None:
    report = build(workspace, **SELECTION)
    path = workspace / report.built[0]
    victim, before = _victim(workspace)
    path.unlink()
    path.symlink_to(victim)
    again = build(workspace, **SELECTION)
    assert report.built[0] not in again.up_to_date  # a link is never trusted as the document
    assert "refusing to write outside output/" in again.failed[report.built[0]]
    assert victim.read_bytes() == before


def test_the_snapshot_is_never_read_or_written_through_a_link(
    workspace: Path, fake_renderers: list[str], tmp_path: Path
) -> None:
    from abmcontent import build_snapshot

    build(workspace, **SELECTION)
    inputs = build_snapshot.InputState("digest", racy=False)
    assert build_snapshot.save(workspace, inputs, build_snapshot.NoOpResult(1, None))
    elsewhere = tmp_path / "forged-snapshot.json"
    snapshot = build_snapshot.snapshot_path(workspace)
    snapshot.rename(elsewhere)
    snapshot.symlink_to(elsewhere)
    forged = elsewhere.read_bytes()
    assert build_snapshot.check(workspace, inputs) is None  # a link is not a snapshot
    assert build_snapshot.save(workspace, inputs, build_snapshot.NoOpResult(2, None))
    assert not snapshot.is_symlink() and elsewhere.read_bytes() == forged


def test_temporary_file_clean_up_does_not_follow_a_linked_folder(workspace: Path) -> None:
    from abmcontent.outputs import remove_temporary_files

    outside = workspace / "assets" / ".keep.tmp"
    outside.write_text("user file", encoding="utf-8")
    _plant(workspace, "linked", workspace / "assets")
    stray = workspace / "output" / "acme" / ".doc.pdf.abc.tmp"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"half")
    assert remove_temporary_files(workspace / "output") == [stray]
    assert outside.read_text(encoding="utf-8") == "user file"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no pdftoppm")
def test_a_link_planted_at_a_preview_staging_name_is_not_written_through(
    workspace: Path, fake_renderers: list[str]
) -> None:
    from abmcontent.batch.thumbnails import make_thumbnails
    from abmcontent.outputs import Manifest

    build(workspace, **SELECTION)
    entries = list(Manifest(workspace).entries.values())
    victim, before = _victim(workspace)
    for entry in entries:  # the fixed staging name an earlier version wrote through
        _plant(workspace, f".thumbs/.{entry.sha256}.png.tmp", victim)
    made = make_thumbnails(workspace, entries)
    assert made and victim.read_bytes() == before
    for name in made.values():
        png = workspace / "output" / name
        assert not png.is_symlink() and png.read_bytes().startswith(b"\x89PNG")
