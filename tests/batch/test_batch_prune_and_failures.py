"""Pruning within the selection, and failures that never stop the other documents."""

from __future__ import annotations

import re
from pathlib import Path

from abmcontent.outputs import write_atomic

from .conftest import build, control, files, manifest

HOKUTO = "account_profiles/hokuto-logistics.yaml"


def _remove_stakeholder(root: Path, stakeholder: str) -> None:
    profile = root / HOKUTO
    text = profile.read_text(encoding="utf-8")
    # drop the list item of the stakeholder (from its "- id:" line to the next item)
    pattern = rf"  - id: {stakeholder}\n(?:    .*\n)+"
    changed = re.sub(pattern, "", text, count=1)
    assert changed != text
    profile.write_text(changed, encoding="utf-8")


def test_a_removed_stakeholder_loses_its_documents(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    gone = [p for p in manifest(workspace) if "/takahashi-yumi." in p]
    assert gone
    _remove_stakeholder(workspace, "takahashi-yumi")
    report = build(workspace)
    assert report.ok, report.failed
    assert sorted(report.pruned) == sorted(gone)
    for path in gone:
        assert not (workspace / path).exists()
        assert path not in manifest(workspace)


def test_a_deleted_account_is_pruned_but_only_by_a_build_that_selects_it(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    theirs = sorted(p for p in manifest(workspace) if p.startswith("output/sakura-mart/"))
    assert theirs
    (workspace / "account_profiles/sakura-mart.yaml").unlink()
    narrow = build(workspace, accounts=["hokuto-logistics"])
    assert narrow.pruned == []
    assert all((workspace / p).is_file() for p in theirs)
    by_doc = build(workspace, docs=["briefing"])
    assert sorted(by_doc.pruned) == [p for p in theirs if "/briefing/" in p]
    full = build(workspace)
    assert sorted(full.pruned) == [p for p in theirs if "/briefing/" not in p]
    assert not (workspace / "output/sakura-mart").exists()
    assert not any(p.startswith("output/sakura-mart/") for p in manifest(workspace))


def test_tier_selection_does_not_prune_other_tiers(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    before = set(manifest(workspace))
    report = build(workspace, tiers=["lite"])
    assert report.pruned == []
    assert set(manifest(workspace)) == before


def test_an_extra_format_made_on_request_survives_a_default_build(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace, accounts=["sakura-mart"], docs=["proposal"], formats=["pdf"])
    extra = [p for p in manifest(workspace) if p.endswith(".pdf")]
    assert extra
    report = build(workspace, accounts=["sakura-mart"])
    assert report.pruned == []
    assert all(p in manifest(workspace) for p in extra)


def test_an_invalid_profile_fails_its_documents_and_the_others_build(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    old = [p for p in manifest(workspace) if p.startswith("output/hokuto-logistics/")]
    profile = workspace / HOKUTO
    text = profile.read_text(encoding="utf-8")
    profile.write_text(re.sub(r"^tier: \w+", "tier: platinum", text, flags=re.M), encoding="utf-8")
    (workspace / "account_profiles/sakura-mart.yaml").write_text(
        (workspace / "account_profiles/sakura-mart.yaml").read_text(encoding="utf-8") + "\n#\n",
        encoding="utf-8",
    )
    report = build(workspace)
    assert not report.ok
    failed_accounts = {p.split("/")[1] for p in report.failed}
    assert failed_accounts == {"hokuto-logistics"}
    for reason in report.failed.values():
        assert HOKUTO in reason and "tier" in reason
    assert any(p.startswith("output/sakura-mart/") for p in report.built)
    # nothing of the invalid account is left behind, old or new
    assert not any(p.startswith("output/hokuto-logistics/") for p in manifest(workspace))
    assert all(not (workspace / p).exists() for p in old)


def test_a_failing_job_removes_its_old_file_and_the_others_build(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace, accounts=["hokuto-logistics", "sakura-mart"])
    old = sorted(p for p in manifest(workspace) if p.startswith("output/sakura-mart/"))
    control(workspace, fail=["sakura-mart"], crash=["hokuto-logistics"])
    report = build(
        workspace, accounts=["hokuto-logistics", "sakura-mart", "kestrel-outfitters"], force=True
    )
    assert sorted(p for p in report.failed if "sakura-mart" in p) == old
    assert all("fake failure for sakura-mart" in report.failed[p] for p in old)
    assert any("internal error: ValueError: fake renderer bug" in r for r in report.failed.values())
    assert any(p.startswith("output/kestrel-outfitters/") for p in report.built)
    assert not any(
        p.startswith(("output/sakura-mart/", "output/hokuto-logistics/")) for p in files(workspace)
    )


def test_a_write_that_dies_midway_keeps_the_old_complete_file(
    tmp_path: Path, monkeypatch: object
) -> None:
    import os

    import pytest

    target = tmp_path / "out" / "doc.pptx"
    write_atomic(target, b"old complete file")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    mp = pytest.MonkeyPatch()
    mp.setattr(os, "replace", boom)
    try:
        with pytest.raises(OSError):
            write_atomic(target, b"new half")
    finally:
        mp.undo()
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in target.parent.iterdir()] == ["doc.pptx"]
