"""Hardening 2, item 7 with the real renderers: a template loop that never ends fails alone."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from abmcontent.cli import app

from .conftest import TODAY

ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def test_an_endless_template_loop_fails_its_document_and_the_others_are_built(
    ws_root: Path,
) -> None:
    (ws_root / "templates").mkdir(exist_ok=True)
    (ws_root / "templates" / "briefing.html").write_text(ENDLESS, encoding="utf-8")
    args = ["build", "-w", str(ws_root), "--jobs", "1", "--no-thumbnails",
            "--date", TODAY.isoformat(), "--account", "northwind-health",
            "--doc", "briefing", "--doc", "case-study", "--format", "pdf",
            "--time-limit", "2"]  # fmt: skip
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 1, done.output
    assert "output/northwind-health/briefing/account.pdf: took longer than the time limit " \
           "of 2 s per document" in done.stderr
    built = list((ws_root / "output" / "northwind-health" / "case-study").glob("*.pdf"))
    assert built and all(p.read_bytes().startswith(b"%PDF") for p in built)
    assert not (ws_root / "output" / "northwind-health" / "briefing").exists()
