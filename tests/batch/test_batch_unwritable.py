"""Hardening 2, item 17: a read-only, forbidden or full output folder is a clear error, exit 1.

Tests run as root, where ``chmod`` blocks nothing, so the operating system's refusals are
made by wrapping the ``os`` functions that create, replace and delete files under
``output/``: they fail as a read-only file system (or a full disk, or a missing
permission) would, with the same ``errno``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from abmcontent import outputs
from abmcontent.batch import index_html
from abmcontent.cli import app

from .conftest import TODAY, build, files, manifest

ARGS = ["--jobs", "1", "--no-thumbnails", "--date", TODAY.isoformat(), "--account", "sakura-mart"]
REASONS = {
    errno.EROFS: "Read-only file system",
    errno.EACCES: "Permission denied",
    errno.ENOSPC: "No space left on device",
}


def cli_build(root: Path) -> Any:
    return CliRunner().invoke(app, ["build", "-w", str(root), *ARGS])


def refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """Every os call that would change something under ``folder`` fails with ``code``."""
    inside = str(folder)

    def wrap(name: str, path_args: int) -> None:
        real: Callable[..., Any] = getattr(os, name)

        def refused(*args: Any, **kwargs: Any) -> Any:
            paths = [os.fspath(a) for a in args[:path_args] if isinstance(a, (str, os.PathLike))]
            writes = name != "open" or (len(args) > 1 and args[1] & (os.O_WRONLY | os.O_RDWR))
            if writes and any(str(p).startswith(inside) for p in paths):
                raise OSError(code, os.strerror(code), str(paths[0]))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, refused)

    for name, count in [("open", 1), ("mkdir", 1), ("unlink", 1), ("rmdir", 1),
                        ("replace", 2), ("rename", 2)]:
        wrap(name, count)


@pytest.mark.parametrize("code", sorted(REASONS))
def test_an_unwritable_output_folder_is_a_clear_error(
    workspace: Path, fake_renderers: list[str], monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    assert cli_build(workspace).exit_code == 0
    before = files(workspace)
    refuse_under(monkeypatch, workspace / "output", code)
    done = cli_build(workspace)
    monkeypatch.undo()
    assert done.exit_code == 1, done.output
    assert f"output/.build.lock: {REASONS[code]}" in done.stderr
    assert "internal error" not in done.output and "Traceback" not in done.output
    assert files(workspace) == before  # nothing lost


def test_an_index_that_cannot_be_written_still_gives_the_summary(
    workspace: Path, fake_renderers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(index_html, "write_atomic", disk_full)
    done = cli_build(workspace)
    assert done.exit_code == 1, done.output
    assert "built" in done.stdout and "failed" in done.stdout  # the summary line
    assert "FAILED      output/index.html: cannot write the index:" in done.stderr
    assert "index.html: No space left on device" in done.stderr
    assert "internal error" not in done.output
    assert manifest(workspace)  # the documents and their manifest are there


def test_a_manifest_that_cannot_be_saved_is_reported_and_nothing_lost(
    workspace: Path, fake_renderers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(workspace, accounts=["sakura-mart"])
    real = outputs.write_atomic

    def read_only_manifest(path: Path, data: bytes) -> None:
        if path.name == outputs.MANIFEST_NAME:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        real(path, data)

    monkeypatch.setattr(outputs, "write_atomic", read_only_manifest)
    report = build(workspace, accounts=["sakura-mart"], force=True)
    monkeypatch.undo()
    reason = report.failed["output/manifest.json"]
    assert "cannot save the manifest" in reason and "Read-only file system" in reason
    assert set(report.built) == set(first.built)
    again = build(workspace, accounts=["sakura-mart"])  # the old manifest: checked again
    assert not again.failed and set(manifest(workspace)) == set(first.built)
