"""output/index.html, thumbnails, the build command, and the no-op path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent.cli import app
from tests.checkout import checkout_env

from .conftest import TODAY, build, control, manifest

needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no pdftoppm")


def test_the_index_lists_every_account_escaped_and_flags_warnings(
    workspace: Path, fake_renderers: list[str]
) -> None:
    profile = workspace / "account_profiles/kestrel-outfitters.yaml"
    text = profile.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    profile.write_text(
        text.replace(name_line, 'name: "Kestrel <script>alert(1)</script> & Co"'), encoding="utf-8"
    )
    control(workspace, warn=["sakura-mart/briefing/account"])
    build(workspace, accounts=["kestrel-outfitters", "sakura-mart"])
    page = (workspace / "output/index.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "Kestrel &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert 'id="sakura-mart"' in page and 'id="kestrel-outfitters"' in page
    assert page.count("warning(s)") == 1 and "text shrunk to fit on slide 2" in page
    assert 'href="sakura-mart/briefing/account.pdf"' in page
    assert "<link" not in page and "<style>" in page  # self-contained


def test_the_index_shows_validation_problems_of_an_account(
    workspace: Path, fake_renderers: list[str]
) -> None:
    profile = workspace / "account_profiles/sakura-mart.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("tier:", "tier: nope\nx_tier:", 1),
        encoding="utf-8",
    )
    build(workspace, accounts=["sakura-mart", "kestrel-outfitters"])
    page = (workspace / "output/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="sakura-mart"') :]
    assert "Invalid profile" in section and "account_profiles/sakura-mart.yaml" in section


@needs_pdftoppm
def test_thumbnails_are_made_once_per_document_content(
    workspace: Path, fake_renderers: list[str]
) -> None:
    build(workspace, accounts=["sakura-mart"], docs=["briefing"], formats=["pdf"], thumbnails=True)
    entry = next(iter(manifest(workspace).values()))
    thumb = workspace / "output/.thumbs" / f"{entry['sha256']}.png"
    assert thumb.read_bytes().startswith(b"\x89PNG")
    page = (workspace / "output/index.html").read_text(encoding="utf-8")
    assert f'src=".thumbs/{entry["sha256"]}.png"' in page
    made = thumb.stat().st_mtime_ns
    build(workspace, accounts=["sakura-mart"], docs=["briefing"], formats=["pdf"], thumbnails=True)
    assert thumb.stat().st_mtime_ns == made  # cached by sha256
    build(workspace, accounts=["sakura-mart"], docs=["briefing"], formats=["pdf"], force=True,
          today=TODAY.replace(day=2), thumbnails=True)  # fmt: skip
    assert not thumb.exists()  # the old content's thumbnail is gone, a new one replaces it
    assert len(list((workspace / "output/.thumbs").iterdir())) == 1


def test_no_thumbnails_means_none_are_made(workspace: Path, fake_renderers: list[str]) -> None:
    build(workspace, accounts=["sakura-mart"], docs=["briefing"], formats=["pdf"])
    assert not (workspace / "output/.thumbs").exists()


def test_the_build_command_exit_codes_progress_and_summary(
    workspace: Path, fake_renderers: list[str]
) -> None:
    runner = CliRunner()
    args = ["build", "-w", str(workspace), "--jobs", "1", "--no-thumbnails", "--date", "2026-04-01"]
    ok = runner.invoke(app, [*args, "--account", "sakura-mart"])
    assert ok.exit_code == 0, ok.output
    assert "to build, 0 up to date" in ok.stdout
    assert "docs/s, ETA" in ok.stdout  # plain progress lines when not a terminal
    assert "0 up to date, 0 failed" in ok.stdout
    control(workspace, fail=["sakura-mart/briefing/account"])
    bad = runner.invoke(app, [*args, "--account", "sakura-mart", "--force"])
    assert bad.exit_code == 1
    # both formats of the briefing fail for the same reason: one report names them both
    (failure,) = bad.stderr.splitlines()
    assert failure.startswith("FAILED      sakura-mart: 2 documents not made (")
    assert "briefing/account.pdf" in failure and "briefing/account.docx" in failure
    assert failure.endswith("): fake failure for sakura-mart")
    assert runner.invoke(app, [*args, "--account", "nobody"]).exit_code == 2
    assert runner.invoke(app, [*args, "--jobs", "0"]).exit_code == 2
    dry = runner.invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0  # render failures cannot be known without rendering
    assert "would build output/kestrel-outfitters/" in dry.stdout


def test_a_no_op_build_imports_no_renderer_and_starts_no_worker(
    workspace: Path, fake_renderers: list[str]
) -> None:
    from abmcontent.fingerprint import engine_fingerprint

    engine_fingerprint.cache_clear()  # hash the code as the subprocess will see it
    build(workspace)
    script = f"""
import datetime, multiprocessing, sys
from abmcontent.api import build
today = datetime.date.fromisoformat({TODAY.isoformat()!r})
report = build({str(workspace)!r}, jobs=2, today=today, dry_run=True)
assert not report.would_build, report.would_build[:3]  # never render for real here
report = build({str(workspace)!r}, jobs=2, today=today, thumbnails=False)
libs = ("pptx", "docx", "docxtpl", "weasyprint")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in libs
               or (m.startswith("abmcontent.renderers.") and m != "abmcontent.renderers.base"))
print(len(report.built), len(report.up_to_date), heavy, multiprocessing.active_children())
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120,
        env=checkout_env(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    built, up_to_date, heavy, children = done.stdout.strip().split(" ", 3)
    assert built == "0" and int(up_to_date) == len(manifest(workspace))
    assert heavy == "[]" and children == "[]"
    assert json.loads((workspace / "output/manifest.json").read_text())["documents"]
