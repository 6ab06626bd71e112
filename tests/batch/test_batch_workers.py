"""Worker processes: parallel builds, a worker killed mid-way, an interrupted build."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from abmcontent.batch import BuildOptions
from abmcontent.pipeline import Job

from . import fakes
from .conftest import TODAY, build, control, files, manifest

ACCOUNTS = ["hokuto-logistics", "sakura-mart", "kestrel-outfitters"]


def pool(**kwargs: object) -> BuildOptions:
    """Two worker processes that use the fake renderer."""
    return BuildOptions(jobs=2, thumbnails=False, worker_setup=fakes.install, **kwargs)  # type: ignore[arg-type]


def _assert_consistent(root: Path) -> None:
    """Every manifest entry matches its file; no temporary file is left."""
    written = files(root)
    for path, entry in manifest(root).items():
        assert hashlib.sha256(written[path]).hexdigest() == entry["sha256"], path
    assert not [p for p in (root / "output").rglob("*.tmp")]


def test_a_pool_build_equals_a_serial_build(workspace: Path, fake_renderers: list[str]) -> None:
    report = build(workspace, accounts=ACCOUNTS, options=pool())
    assert report.ok, report.failed
    assert len(report.worker_peak_rss_kib) == 2  # two long-lived workers did the work
    assert fake_renderers == []  # nothing rendered in this process
    parallel = files(workspace)
    again = build(workspace, accounts=ACCOUNTS, force=True)
    assert sorted(again.built) == sorted(report.built)
    assert files(workspace) == parallel
    _assert_consistent(workspace)


def test_a_killed_worker_fails_only_its_job(workspace: Path, fake_renderers: list[str]) -> None:
    build(workspace, accounts=ACCOUNTS)
    old = files(workspace)
    # every job takes a while, so the other worker is busy with an innocent job each time
    # the killer takes its worker down: only the killer may fail
    control(workspace, kill=["sakura-mart/briefing/account"], sleep=0.15)
    report = build(workspace, accounts=ACCOUNTS, options=pool(force=True))
    killed = sorted(p for p in old if p.startswith("output/sakura-mart/briefing/"))
    assert sorted(report.failed) == killed
    assert all("worker process died" in r for r in report.failed.values())
    assert sorted(report.built) == sorted(set(old) - set(killed))
    now = files(workspace)
    assert not set(killed) & set(now)  # absent, never partial
    _assert_consistent(workspace)


def test_workers_that_cannot_start_fail_every_job_without_hanging(
    workspace: Path, fake_renderers: list[str]
) -> None:
    options = BuildOptions(jobs=2, thumbnails=False, worker_setup=fakes.broken_setup)
    report = build(workspace, accounts=["sakura-mart"], options=options)
    assert report.failed and not report.built
    assert all("set-up failed" in reason for reason in report.failed.values())
    assert not list((workspace / "output").rglob("*.pdf"))


def test_a_worker_killed_once_is_replaced_and_the_job_retried(
    workspace: Path, fake_renderers: list[str]
) -> None:
    control(workspace, kill_once=["kestrel-outfitters"])
    report = build(workspace, accounts=ACCOUNTS, options=pool())
    assert report.ok, report.failed
    assert (workspace / "killed-kestrel-outfitters").exists()  # it did die once
    assert any(p.startswith("output/kestrel-outfitters/") for p in report.built)
    _assert_consistent(workspace)


def test_an_interrupted_build_leaves_old_or_new_complete_files(
    workspace: Path, fake_renderers: list[str]
) -> None:
    first = build(workspace, accounts=ACCOUNTS)
    old = files(workspace)
    later = TODAY + dt.timedelta(days=1)  # every document changes
    seen: list[str] = []

    def stop_after_three(job: Job, status: str) -> None:
        seen.append(job.output)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(workspace, accounts=ACCOUNTS, progress=stop_after_three, today=later)
    _assert_consistent(workspace)
    now = files(workspace)
    assert set(now) == set(old)
    changed = {p for p in now if now[p] != old[p]}
    assert changed == set(seen)  # the three done are new, every other file is the old one
    resumed = build(workspace, accounts=ACCOUNTS, today=later)
    assert not set(resumed.built) & set(seen)  # the work done before the stop is kept
    assert len(resumed.built) + len(resumed.up_to_date) == len(first.built)
    _assert_consistent(workspace)
