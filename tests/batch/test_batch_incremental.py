"""Incremental builds: skip, partial rebuild after a change, force, dry run."""

from __future__ import annotations

import hashlib
from pathlib import Path

from abmcontent.loading.workspace import load_workspace
from abmcontent.pipeline import plan_jobs

from .conftest import build, files, manifest

STORY = "library/case_studies/kanto-freight.yaml"


def test_first_build_writes_every_planned_document_and_the_manifest(
    workspace: Path, fake_renderers: list[str]
) -> None:
    report = build(workspace)
    planned = {job.output for job in plan_jobs(load_workspace(workspace))}
    assert report.ok, report.failed
    assert set(report.built) == planned
    assert len(fake_renderers) == len(planned)
    entries = manifest(workspace)
    assert set(entries) == planned
    written = files(workspace)
    assert set(written) == planned
    for path, entry in entries.items():
        assert entry["sha256"] == hashlib.sha256(written[path]).hexdigest()
        assert {"account", "doc", "audience", "format", "input_hash"} <= set(entry)
        assert (
            path
            == f"output/{entry['account']}/{entry['doc']}/{entry['audience']}.{entry['format']}"
        )


def test_second_build_renders_nothing(workspace: Path, fake_renderers: list[str]) -> None:
    first = build(workspace)
    fake_renderers.clear()
    before = files(workspace)
    again = build(workspace)
    assert again.built == []
    assert sorted(again.up_to_date) == sorted(first.built)
    assert fake_renderers == []
    assert files(workspace) == before


def test_editing_one_case_study_rebuilds_only_the_documents_that_use_it(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    users = {path for path, e in manifest(workspace).items() if STORY in e["sources"]}
    assert 0 < len(users) < len(manifest(workspace))
    story = workspace / STORY
    text = story.read_text(encoding="utf-8")
    assert "outcome: 導入1年で" in text
    old = files(workspace)
    # a text change (not a selection field): same stories chosen, new words in them
    story.write_text(
        text.replace("outcome: 導入1年で", "outcome: 改訂版 導入1年で"), encoding="utf-8"
    )
    report = build(workspace)
    assert set(report.built) == users
    assert len(report.up_to_date) == len(manifest(workspace)) - len(users)
    new = files(workspace)
    changed = {path for path in old if old[path] != new[path]}
    assert changed <= users and changed, "the edit must reach the rebuilt documents"


def test_editing_a_profile_rebuilds_only_that_account(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    profile = workspace / "account_profiles/kestrel-outfitters.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    report = build(workspace)
    assert report.built
    assert {p.split("/")[1] for p in report.built} == {"kestrel-outfitters"}


def test_a_template_change_rebuilds_only_documents_made_from_it(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace)
    template = workspace / "templates" / "briefing.html"
    template.write_text("<p>{{ account.name }}</p>\n", encoding="utf-8")
    report = build(workspace)
    assert report.built
    assert all(p.split("/")[2] == "briefing" and p.endswith(".pdf") for p in report.built)


def test_a_shared_template_file_rebuilds_every_document_of_its_folder(
    workspace: Path, fake_renderers: list[str]
) -> None:
    first = build(workspace)
    (workspace / "templates" / "extra.css").write_text("p { color: red }\n", encoding="utf-8")
    report = build(workspace)
    assert sorted(report.built) == sorted(first.built)


def test_a_changed_or_deleted_output_file_is_rebuilt(
    workspace: Path, fake_renderers: list[str]
) -> None:
    first = build(workspace, accounts=["hokuto-logistics"])
    tampered, deleted = sorted(first.built)[:2]
    (workspace / tampered).write_bytes(b"edited by hand")
    (workspace / deleted).unlink()
    report = build(workspace, accounts=["hokuto-logistics"])
    assert sorted(report.built) == sorted([tampered, deleted])
    assert (workspace / tampered).read_bytes() != b"edited by hand"


def test_another_date_rebuilds(workspace: Path, fake_renderers: list[str]) -> None:
    import datetime as dt

    first = build(workspace, accounts=["sakura-mart"])
    report = build(workspace, accounts=["sakura-mart"], today=dt.date(2026, 4, 2))
    assert sorted(report.built) == sorted(first.built)


def test_force_rebuilds_everything(workspace: Path, fake_renderers: list[str]) -> None:
    first = build(workspace)
    fake_renderers.clear()
    report = build(workspace, force=True)
    assert sorted(report.built) == sorted(first.built)
    assert report.up_to_date == []
    assert len(fake_renderers) == len(first.built)


def test_dry_run_lists_what_would_be_built_and_writes_nothing(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace, accounts=["hokuto-logistics", "sakura-mart"])
    before = {p: p.stat().st_mtime_ns for p in (workspace / "output").rglob("*") if p.is_file()}
    profile = workspace / "account_profiles/sakura-mart.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    fake_renderers.clear()
    report = build(workspace, dry_run=True)
    assert report.dry_run and report.built == []
    assert fake_renderers == []
    would = set(report.would_build)
    assert any(p.startswith("output/sakura-mart/") for p in would)
    assert not any(p.startswith("output/hokuto-logistics/") for p in would)
    assert any(p.startswith("output/kestrel-outfitters/") for p in would)  # never built
    after = {p: p.stat().st_mtime_ns for p in (workspace / "output").rglob("*") if p.is_file()}
    assert after == before
