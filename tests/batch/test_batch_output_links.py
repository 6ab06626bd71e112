"""Hardening 2, items 1 and 2: a planted link under output/ and a failed write lose no data."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from abmcontent.batch import build as build_module
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

    monkeypatch.setattr(build_module, "write_atomic", disk_full)
    report = build(workspace, force=True, **SELECTION)
    assert set(report.failed) == set(good)
    assert all("No space left on device" in why and "kept" in why
               for why in report.failed.values())
    assert files(workspace) == good  # every previous document is still there, unchanged
    assert set(manifest(workspace)) == set(good)

    monkeypatch.undo()
    again = build(workspace, force=True, **SELECTION)
    assert not again.failed and set(again.built) == set(good)
