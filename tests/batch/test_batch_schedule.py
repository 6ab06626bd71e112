"""Longest-first scheduling: measured render times in the manifest order the next build."""

from __future__ import annotations

from pathlib import Path

from abmcontent.batch.schedule import DEFAULT_RENDER_MS, longest_first, typical_render_ms
from abmcontent.batch.work import WorkItem
from abmcontent.context import Audience
from abmcontent.outputs import Manifest, ManifestEntry
from abmcontent.pipeline import Job

from .conftest import build, manifest


def _item(doc: str, fmt: str, account: str = "a") -> WorkItem:
    audience = Audience(id="account", kind="account")
    return WorkItem(Job(account, doc, audience, fmt), "")


def _entry(doc: str, fmt: str, render_ms: int) -> ManifestEntry:
    path = f"output/x/{doc}/{render_ms}.{fmt}"
    return ManifestEntry("x", doc, "account", fmt, path, "", "", [], render_ms=render_ms)


def test_without_measurements_reports_go_first_then_decks_then_word_files() -> None:
    items = [_item("briefing", "docx"), _item("proposal", "pptx"), _item("briefing", "pdf")]
    ordered = longest_first(items, [])
    assert [i.job.format for i in ordered] == ["pdf", "pptx", "docx"]
    assert DEFAULT_RENDER_MS["pdf"] > DEFAULT_RENDER_MS["pptx"] > DEFAULT_RENDER_MS["docx"]


def test_measured_times_beat_the_defaults_and_ties_keep_their_order() -> None:
    entries = [
        _entry("proposal", "pptx", 3000),  # a heavy custom deck
        _entry("proposal", "pptx", 1000),
        _entry("briefing", "pdf", 500),
        _entry("competitive", "pdf", -1),  # unknown: not averaged
    ]
    assert typical_render_ms(entries) == {("proposal", "pptx"): 2000, ("briefing", "pdf"): 500}
    items = [
        _item("briefing", "pdf", "a"),
        _item("proposal", "pptx", "a"),
        _item("briefing", "pdf", "b"),
        _item("competitive", "pdf", "a"),
    ]
    ordered = [(i.job.doc, i.job.account) for i in longest_first(items, entries)]
    expected = [("proposal", "a"), ("competitive", "a"), ("briefing", "a"), ("briefing", "b")]
    assert ordered == expected


def test_a_build_records_render_times_and_worker_cpu(
    workspace: Path, fake_renderers: list[str]
) -> None:
    report = build(workspace, accounts=["sakura-mart"])
    entries = manifest(workspace)
    assert entries and all(entry["render_ms"] >= 0 for entry in entries.values())
    assert all(cpu > 0 for cpu in report.worker_cpu_s.values())
    assert report.worker_cpu_s
    loaded = Manifest(workspace).entries.values()
    assert {doc for doc, _ in typical_render_ms(loaded)} == {e["doc"] for e in entries.values()}
