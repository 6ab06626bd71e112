"""Fixtures of the batch suite: a sample workspace and fake renderers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from abmcontent.api import BuildReport
from abmcontent.api import build as api_build
from abmcontent.renderers import base
from abmcontent.sample import init_workspace

from . import fakes

TODAY = dt.date(2026, 4, 1)


@pytest.fixture
def fake_renderers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every renderer is the fake one, in this process; yields the list of renders done."""
    monkeypatch.setattr(base, "BUILTIN_RENDERERS", dict(base.BUILTIN_RENDERERS))
    monkeypatch.setattr(base, "_INSTANCES", {})
    fakes.install()
    fakes.CALLS.clear()
    yield fakes.CALLS
    fakes.CALLS.clear()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh copy of the sample workspace."""
    return init_workspace(tmp_path / "ws")


def control(root: Path, **settings: Any) -> None:
    """Steer the fake renderer (see fakes.py)."""
    (root / fakes.CONTROL).write_text(json.dumps(settings), encoding="utf-8")


def build(root: Path, **kwargs: Any) -> BuildReport:
    """A build with test defaults: in-process, no thumbnails, a fixed date."""
    kwargs.setdefault("jobs", 1)
    kwargs.setdefault("thumbnails", False)
    kwargs.setdefault("today", TODAY)
    return api_build(root, **kwargs)


def manifest(root: Path) -> dict[str, dict[str, Any]]:
    """The manifest's documents by path."""
    data = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    return {doc["path"]: doc for doc in data["documents"]}


def files(root: Path) -> dict[str, bytes]:
    """Every document file under output/ (not the manifest, index or thumbnails)."""
    out = root / "output"
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file()
        and p.name not in ("manifest.json", "index.html")
        and ".thumbs" not in p.parts
    }
