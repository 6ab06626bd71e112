"""Nothing is written outside output/, outputs are written atomically, failures leave nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from abmcontent.api import render
from abmcontent.errors import RenderError
from abmcontent.outputs import safe_output_path, write_atomic
from abmcontent.pipeline import plan_jobs

from .conftest import NORTHWIND, edit, load

TODAY = dt.date(2026, 11, 25)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("id", "id: northwind-health", "id: ../../outside"),
        ("stakeholders.0.id", "  - id: dana-whitfield", "  - id: ../../../outside"),
        ("stakeholders.0.id", "  - id: dana-whitfield", "  - id: /tmp/outside"),
        ("stakeholders.0.role", "role: coo", "role: ../coo"),
    ],
)
def test_ids_that_could_reach_a_path_are_refused(
    field: str, old: str, new: str, ws_root: Path
) -> None:
    edit(ws_root, NORTHWIND, old, new)
    ws = load(ws_root)
    assert "northwind-health" in ws.failed_accounts
    assert any(p.file == NORTHWIND and p.field == field for p in ws.errors), ws.errors
    for job in plan_jobs(ws, accounts=["northwind-health"]):
        assert job.output.startswith("output/northwind-health/") and ".." not in job.output


@pytest.mark.parametrize("name", ["..yaml", "Upper Case.yaml", "a%2f..%2fb.yaml", "ü.yaml"])
def test_profile_file_names_that_are_not_slugs_build_nothing_outside_output(
    name: str, ws_root: Path, tmp_path: Path
) -> None:
    (ws_root / "account_profiles" / name).write_text(
        (ws_root / NORTHWIND).read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = _files(tmp_path)
    ws = load(ws_root)
    assert Path(name).stem in ws.failed_accounts
    report = render(ws, Path(name).stem, doc="briefing", formats=["docx"], today=TODAY)
    assert not report.built and report.failed
    assert _files(tmp_path) - before <= {
        f"ws/{p}" for p in _files(ws_root) if p.startswith("output/")
    }
    assert not [p for p in _files(ws_root / "output") if p.endswith(".docx")]


def test_a_symlinked_output_folder_pointing_outside_is_never_written(
    ws_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    (ws_root / "output").mkdir()
    (ws_root / "output" / "northwind-health").symlink_to(outside, target_is_directory=True)
    report = render(ws_root, "northwind-health", doc="briefing", formats=["docx"], today=TODAY)
    assert not report.built
    [(path, reason)] = report.failed.items()
    assert path == "output/northwind-health/briefing/account.docx"
    assert "refusing to write outside output/" in reason
    assert _files(outside) == {"keep.txt"}
    with pytest.raises(RenderError):
        safe_output_path(ws_root, "output/northwind-health/briefing/account.docx")


def test_a_symlinked_output_file_pointing_outside_is_neither_written_nor_deleted(
    ws_root: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.docx"
    victim.write_bytes(b"precious")
    folder = ws_root / "output" / "northwind-health" / "briefing"
    folder.mkdir(parents=True)
    (folder / "account.docx").symlink_to(victim)
    report = render(ws_root, "northwind-health", doc="briefing", formats=["docx"], today=TODAY)
    assert "output/northwind-health/briefing/account.docx" in report.failed
    assert victim.read_bytes() == b"precious"


def test_a_failing_render_leaves_no_partial_or_stale_file(ws_root: Path) -> None:
    first = render(ws_root, "northwind-health", doc="case-study", formats=["docx"], today=TODAY)
    assert first.built and not first.failed
    outputs = [ws_root / p for p in first.built]
    assert all(p.is_file() for p in outputs)
    templates = ws_root / "templates"
    templates.mkdir()
    from abmcontent.documents import PACKAGE_TEMPLATES

    broken = (PACKAGE_TEMPLATES / "case-study.docx").read_bytes()[:2000]  # a truncated zip
    (templates / "case-study.docx").write_bytes(broken)
    second = render(ws_root, "northwind-health", doc="case-study", formats=["docx"], today=TODAY)
    assert not second.built and set(second.failed) == set(first.built)
    assert not any(p.exists() for p in outputs)
    leftovers = [p for p in (ws_root / "output").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    manifest = (ws_root / "output" / "manifest.json").read_text(encoding="utf-8")
    assert "case-study" not in manifest


def test_write_atomic_never_leaves_a_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "output" / "a" / "doc.pdf"
    write_atomic(target, b"old complete file")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new file that never lands")
    assert target.read_bytes() == b"old complete file"
    assert sorted(p.name for p in target.parent.iterdir()) == ["doc.pdf"]


def test_a_tampered_manifest_never_makes_a_build_delete_outside_output(
    ws_root: Path, tmp_path: Path
) -> None:
    import json

    from abmcontent.api import build

    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (ws_root / "output").mkdir()
    entry = {
        "account": "hokuto-logistics", "doc": "briefing", "audience": "old-audience",
        "format": "docx", "path": "output/../../victim.txt", "sha256": "0", "input_hash": "0",
        "warnings": [],
    }
    (ws_root / "output" / "manifest.json").write_text(
        json.dumps({"version": 1, "documents": [entry]}), encoding="utf-8"
    )
    report = build(ws_root, accounts=["hokuto-logistics"], docs=["briefing"], formats=["docx"],
                   jobs=1, thumbnails=False, today=TODAY)
    assert report.built == ["output/hokuto-logistics/briefing/account.docx"]
    assert victim.read_text(encoding="utf-8") == "keep"
