"""Hardening 2, item 15: a corrupt or hand-edited output/manifest.json is set aside and rebuilt."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.manifest_check import parse_manifest

from .conftest import TODAY, build, files, manifest

SELECTION: dict[str, Any] = {"accounts": ["sakura-mart"], "docs": ["briefing"]}

Edit = Callable[[dict[str, Any]], Any]


def _set(field: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> Any:
        data["documents"][0][field] = value
        return data

    return edit


#: (what is wrong, how the good manifest is edited, the field the notice names)
TAMPERING: list[tuple[str, Edit, str]] = [
    ("a list at the top", lambda data: data["documents"], "the file"),
    ("documents is a mapping", lambda data: {**data, "documents": {"a": 1}}, "documents"),
    ("nested path", _set("path", {"path": ["output/x"]}), "documents.0.path"),
    ("forged sha256", _set("sha256", "../../../../forged"), "documents.0.sha256"),
    ("size as text", _set("size", "12"), "documents.0.size"),
    ("size as a boolean", _set("size", True), "documents.0.size"),
    ("path elsewhere", _set("path", "output/../../victim.txt"), "documents.0"),
    ("source outside", _set("sources", ["../../etc/passwd"]), "documents.0.sources.0"),
    ("absolute source", _set("sources", ["/dev/zero"]), "documents.0.sources.0"),
    ("account not a slug", _set("account", "../x"), "documents.0.account"),
    ("warnings not text", _set("warnings", [{"x": 1}]), "documents.0.warnings.0"),
]


@pytest.mark.parametrize(("why", "edit", "where"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_a_tampered_manifest_is_set_aside_and_the_documents_rebuilt(
    workspace: Path, fake_renderers: list[str], why: str, edit: Edit, where: str
) -> None:
    first = build(workspace, **SELECTION)
    good = files(workspace)
    path = workspace / "output" / "manifest.json"
    bad = json.dumps(edit(json.loads(path.read_text(encoding="utf-8")))).encode()
    path.write_bytes(bad)
    outside = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()
               and "output" not in p.relative_to(workspace).parts}
    report = build(workspace, **SELECTION)
    assert not report.failed
    assert sorted(report.built) == sorted(first.built)  # nothing trusted: all checked again
    assert [n for n in report.notices if n.startswith(f"output/manifest.json: {where}")], (
        report.notices)
    assert (workspace / "output" / "manifest.json.bad").read_bytes() == bad
    documents = {k: v for k, v in files(workspace).items() if not k.endswith(".bad")}
    assert set(manifest(workspace)) == set(good) and documents == good
    assert {p: p.read_bytes() for p in outside} == outside  # nothing outside output/ touched


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no pdftoppm")
def test_a_forged_sha256_never_names_a_preview_outside_output(
    workspace: Path, fake_renderers: list[str]
) -> None:
    selection = {**SELECTION, "formats": ["pdf"], "thumbnails": True}
    build(workspace, **selection)
    path = workspace / "output" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][0]["sha256"] = "../../../escaped"
    path.write_text(json.dumps(data), encoding="utf-8")
    pictures = set(workspace.parent.rglob("*.png"))
    report = build(workspace, **selection)
    assert report.notices and not report.failed
    made = set(workspace.parent.rglob("*.png")) - pictures
    thumbs = workspace / "output" / ".thumbs"
    assert all(p.parent == thumbs for p in made)
    assert not (workspace.parent / "escaped.png").exists()


@pytest.mark.parametrize(
    "data",
    [b"{not json", b"\xff\xfe garbage", b"[" * 100_000 + b"]" * 100_000, b'{"documents": 1}'],
    ids=["not json", "not utf-8", "deeply nested", "documents a number"],
)
def test_unreadable_manifests_give_a_reason_never_an_exception(data: bytes) -> None:
    documents, problem = parse_manifest(data)
    assert documents == [] and problem


def test_a_good_manifest_passes_the_check(workspace: Path, fake_renderers: list[str]) -> None:
    build(workspace, **SELECTION)
    data = (workspace / "output" / "manifest.json").read_bytes()
    documents, problem = parse_manifest(data)
    assert problem is None and [d["path"] for d in documents] == sorted(manifest(workspace))
    again = build(workspace, **SELECTION)
    assert again.up_to_date and not again.built and not again.notices


def test_the_command_reports_a_corrupt_manifest_and_exits_0(
    workspace: Path, fake_renderers: list[str]
) -> None:
    (workspace / "output").mkdir()
    (workspace / "output" / "manifest.json").write_text('{"documents": [[[[]]]]}', "utf-8")
    args = ["build", "-w", str(workspace), "--jobs", "1", "--no-thumbnails",
            "--date", TODAY.isoformat(), "--account", "sakura-mart"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "note: output/manifest.json: documents.0" in done.stderr
    assert "Traceback" not in done.output
