"""The Dask path: the same jobs on a local cluster; workers return bytes, we write."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import build, control, files, manifest

if importlib.util.find_spec("distributed") is None:  # the extra is not installed
    pytest.skip("the 'distributed' extra is not installed", allow_module_level=True)
import distributed  # installed but broken must fail, not skip

ACCOUNTS = ["hokuto-logistics", "sakura-mart"]


@pytest.fixture
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_a_dask_build_writes_the_same_documents_as_a_local_one(
    workspace: Path, fake_renderers: list[str], scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    control(workspace, fail=["sakura-mart/briefing/account"])
    monkeypatch.setenv("ABM_FAKE_CONTROL", str(workspace / "fake-control.json"))
    report = build(workspace, accounts=ACCOUNTS, scheduler=scheduler)
    assert list(report.failed) == [
        p for p in report.failed if p.startswith("output/sakura-mart/briefing/")
    ]
    assert report.failed and all("fake failure" in r for r in report.failed.values())
    remote = files(workspace)
    assert set(remote) == set(manifest(workspace)) and remote
    again = build(workspace, accounts=ACCOUNTS, scheduler=scheduler)
    assert again.built == [] and set(again.up_to_date) == set(remote)
    monkeypatch.delenv("ABM_FAKE_CONTROL")
    (workspace / "fake-control.json").unlink()
    local = build(workspace, accounts=ACCOUNTS, force=True)
    assert set(local.built) == set(remote) | set(report.failed)
    assert {p: files(workspace)[p] for p in remote} == remote
