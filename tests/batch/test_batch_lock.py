"""Hardening 2, item 3: one build at a time per workspace (output/.build.lock)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from abmcontent.build_lock import LOCK_NAME, BuildLocked, build_lock
from abmcontent.errors import RenderError

from .conftest import build, control, files, manifest
from .processes import fake_command, run, start, wait_for

SELECTION = ["--account", "sakura-mart", "--doc", "briefing"]


def _holder_pid(lock: Path) -> str:
    try:
        return lock.read_text(encoding="ascii").strip()
    except OSError:
        return ""


def test_a_second_build_process_exits_1_while_the_first_runs(
    workspace: Path, fake_renderers: list[str]
) -> None:
    gate = workspace.parent / "gate"
    control(workspace, gate=str(gate), gated=["sakura-mart"])  # the first build waits for it
    lock = workspace / "output" / LOCK_NAME
    first = start(fake_command(workspace, "--jobs", "1", *SELECTION))
    try:
        wait_for(lambda: _holder_pid(lock) == str(first.pid), "the first build to take the lock")
        second = run(fake_command(workspace, "--jobs", "1", *SELECTION))
        gate.touch()
        assert second.returncode == 1, second.stderr
        assert f"a build is running in this workspace (pid {first.pid})" in second.stderr
        assert "Traceback" not in second.stderr
        _, err = first.communicate(timeout=120)
    finally:
        gate.touch()
        first.kill()
    assert first.returncode == 0, err
    # the first build was not disturbed: every document it planned is there and recorded
    written = manifest(workspace)
    assert written and set(written) == set(files(workspace))
    assert not lock.exists()  # released and removed
    control(workspace)
    again = run(fake_command(workspace, "--jobs", "1", *SELECTION))
    assert again.returncode == 0, again.stderr


def test_a_build_in_this_process_is_refused_while_another_thread_holds_the_lock(
    workspace: Path, fake_renderers: list[str]
) -> None:
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with build_lock(workspace):
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(30)
        with pytest.raises(BuildLocked, match=r"a build is running in this workspace \(pid \d+\)"):
            build(workspace, accounts=["sakura-mart"])
    finally:
        release.set()
        holder.join()
    assert not (workspace / "output" / "manifest.json").exists()  # the refused build wrote nothing
    assert build(workspace, accounts=["sakura-mart"]).built


def test_the_lock_is_reentrant_in_one_thread(workspace: Path, fake_renderers: list[str]) -> None:
    with build_lock(workspace):
        report = build(workspace, accounts=["sakura-mart"])  # takes the lock again
        assert report.built
        assert (workspace / "output" / LOCK_NAME).exists()
    assert not (workspace / "output" / LOCK_NAME).exists()


def test_a_link_planted_as_the_lock_file_is_refused_and_its_target_untouched(
    workspace: Path, fake_renderers: list[str]
) -> None:
    target = workspace / "account_profiles" / "sakura-mart.yaml"
    before = target.read_bytes()
    (workspace / "output").mkdir()
    (workspace / "output" / LOCK_NAME).symlink_to(target)
    with pytest.raises(RenderError, match=r"output/\.build\.lock is a symbolic link"):
        build(workspace, accounts=["sakura-mart"])
    assert target.read_bytes() == before


def test_a_dry_run_needs_no_lock(workspace: Path, fake_renderers: list[str]) -> None:
    with build_lock(workspace):
        done: list[object] = []
        thread = threading.Thread(
            target=lambda: done.append(build(workspace, accounts=["sakura-mart"], dry_run=True))
        )
        thread.start()
        thread.join(30)
    assert done and done[0].would_build  # type: ignore[attr-defined]
