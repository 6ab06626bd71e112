"""Hardening 2, item 7: a template that never ends or eats memory fails alone; the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent.batch import BuildOptions, executors
from abmcontent.batch.limits import Limits
from abmcontent.cli import app

from . import fakes
from .conftest import TODAY, build, control, manifest

ACCOUNTS = ["hokuto-logistics", "sakura-mart", "kestrel-outfitters"]
SELECTION = {"accounts": ACCOUNTS, "docs": ["briefing"]}


def _by_account(paths: object) -> set[str]:
    return {str(path).split("/")[1] for path in paths}  # type: ignore[attr-defined]


def test_in_workers_an_endless_loop_and_a_huge_allocation_fail_with_their_reasons(
    workspace: Path, fake_renderers: list[str]
) -> None:
    control(workspace, loop=["sakura-mart"], hog=["hokuto-logistics"])
    options = BuildOptions(
        jobs=2, thumbnails=False, worker_setup=fakes.install,
        limits=Limits(time_s=1.0, memory_mb=1024),
    )  # fmt: skip
    report = build(workspace, options=options, **SELECTION)
    assert _by_account(report.failed) == {"sakura-mart", "hokuto-logistics"}
    assert _by_account(report.built) == {"kestrel-outfitters"}  # the batch went on
    for path, reason in report.failed.items():
        if "/sakura-mart/" in path:
            assert "took longer than the time limit of 1 s per document" in reason
        else:
            assert "needed more than the memory limit of 1024 MiB per worker" in reason
    assert set(manifest(workspace)) == set(report.built)


def test_the_time_limit_applies_in_a_single_process_build(
    workspace: Path, fake_renderers: list[str]
) -> None:
    control(workspace, loop=["sakura-mart"])
    args = ["build", "-w", str(workspace), "--jobs", "1", "--no-thumbnails",
            "--date", TODAY.isoformat(), "--time-limit", "0.5", "--doc", "briefing",
            *[arg for account in ACCOUNTS for arg in ("--account", account)]]  # fmt: skip
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 1, done.output
    assert "took longer than the time limit of 0.5 s" in done.stderr
    assert _by_account(manifest(workspace)) == {"hokuto-logistics", "kestrel-outfitters"}


def test_a_bad_limit_is_wrong_usage(workspace: Path) -> None:
    for option in (["--time-limit", "-1"], ["--memory-limit", "-5"], ["--time-limit", "nan"]):
        done = CliRunner().invoke(app, ["build", "-w", str(workspace), *option])
        assert done.exit_code == 2, (option, done.output)


def test_a_render_stuck_where_no_signal_reaches_is_killed_by_the_build(
    workspace: Path, fake_renderers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(executors, "HARD_GRACE_S", 0.5)
    control(workspace, stuck=["sakura-mart"])
    options = BuildOptions(
        jobs=2, thumbnails=False, worker_setup=fakes.install, limits=Limits(time_s=0.5)
    )
    report = build(workspace, options=options, **SELECTION)
    assert _by_account(report.failed) == {"sakura-mart"}
    for why in report.failed.values():
        assert "took longer than the time limit of 0.5 s" in why and "worker was killed" in why, why
    assert _by_account(report.built) == {"hokuto-logistics", "kestrel-outfitters"}
