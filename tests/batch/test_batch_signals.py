"""Hardening 2, item 16: SIGTERM ends a build like Ctrl+C; after SIGKILL no worker lives on.

Each test runs a real ``abmcontent build`` process (fake renderers, two workers) and signals
it in the middle of its work.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
from pathlib import Path

import psutil

from abmcontent.batch.lifelines import JOURNAL_PREFIX

from .conftest import control, files, manifest
from .processes import fake_command, run, start, wait_for

ACCOUNTS = ["hokuto-logistics", "sakura-mart", "kestrel-outfitters"]
SELECTION = [arg for account in ACCOUNTS for arg in ("--account", account)]


def _documents(root: Path) -> list[Path]:
    out = root / "output"
    return [p for p in out.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx", ".pptx")]


def _journals(pid: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"{JOURNAL_PREFIX}{pid}-*"))


def _gone(processes: list[psutil.Process]) -> bool:
    return not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in processes)


def test_sigterm_saves_what_was_built_and_leaves_no_partial_file(
    workspace: Path, fake_renderers: list[str]
) -> None:
    gate = workspace.parent / "gate"  # never opened: the last account's documents hang
    control(workspace, gate=str(gate), gated=[ACCOUNTS[-1]])
    build = start(fake_command(workspace, "--jobs", "2", *SELECTION))
    try:
        wait_for(lambda: len(_documents(workspace)) >= 2, "two documents to be written")
        workers = psutil.Process(build.pid).children(recursive=True)
        assert workers
        build.send_signal(signal.SIGTERM)
        _, err = build.communicate(timeout=60)
    finally:
        build.kill()
    assert build.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    written = files(workspace)
    recorded = manifest(workspace)  # saved on the way out
    assert recorded and set(recorded) <= set(written)
    for path, entry in recorded.items():
        assert hashlib.sha256(written[path]).hexdigest() == entry["sha256"], path
    assert set(written) == set(recorded)  # no document without its entry
    assert not list((workspace / "output").rglob("*.tmp"))
    assert not (workspace / "output" / ".build.lock").exists()
    wait_for(lambda: _gone(workers), "the workers to end")
    assert not _journals(build.pid)
    control(workspace)
    resumed = run(fake_command(workspace, "--jobs", "2", *SELECTION))
    assert resumed.returncode == 0, resumed.stderr


def test_after_sigkill_the_workers_end_and_the_next_build_cleans_up(
    workspace: Path, fake_renderers: list[str]
) -> None:
    gate = workspace.parent / "gate"  # never opened: both workers are busy when the build dies
    control(workspace, gate=str(gate), gated=ACCOUNTS)
    build = start(fake_command(workspace, "--jobs", "2", *SELECTION))
    try:
        wait_for(lambda: bool(_journals(build.pid)), "the worker pool to start")
        journal = _journals(build.pid)[0]
        wait_for(lambda: len(list(journal.iterdir())) == 2, "both workers to take a job")
        workers = psutil.Process(build.pid).children(recursive=True)
        os.kill(build.pid, signal.SIGKILL)
        build.communicate(timeout=60)
    finally:
        build.kill()
    wait_for(lambda: _gone(workers), "the orphaned workers to end")
    assert _journals(build.pid)  # nothing could remove it: the build was killed
    control(workspace)
    again = run(fake_command(workspace, "--jobs", "2", *SELECTION))
    assert again.returncode == 0, again.stderr  # the dead build's lock holds nothing
    assert not _journals(build.pid)
    assert not list((workspace / "output").rglob("*.tmp"))
