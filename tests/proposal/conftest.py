"""Fixtures for the default proposal deck: a sample workspace and its rendered decks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.pipeline import Job, plan_jobs, prepare_job, render_prepared
from abmcontent.sample import init_workspace

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def sample_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = init_workspace(tmp_path_factory.mktemp("sample") / "ws")
    return load_workspace(root)


@pytest.fixture(scope="session")
def sample_decks(sample_ws: Workspace) -> dict[str, tuple[Job, bytes, list[str]]]:
    """Every proposal deck of the sample workspace, by output path."""
    decks: dict[str, tuple[Job, bytes, list[str]]] = {}
    for job in plan_jobs(sample_ws, docs=["proposal"]):
        rendered = render_prepared(sample_ws, prepare_job(sample_ws, job, today=TODAY))
        decks[job.output] = (job, rendered.data, rendered.warnings)
    return decks


def render_deck(ws_root: Path, account: str, audience: str | None = None) -> bytes:
    """Render one proposal deck of the workspace at ``ws_root``."""
    ws = load_workspace(ws_root)
    job = plan_jobs(ws, accounts=[account], docs=["proposal"], audience=audience)[0]
    return render_prepared(ws, prepare_job(ws, job, today=TODAY)).data
