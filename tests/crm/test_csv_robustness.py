"""Issue 15.13: long cells and unbalanced quotes never stop the reading or merge rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.crm import csvfile
from abmcontent.crm.csvfile import read_table
from abmcontent.crm.importer import ImportReport, run_import

HEADER = "Record ID,Company name,Industry,Number of Employees,Website URL,About\r\n"


def _row(n: int, about: str = "") -> str:
    return f"{n},Company {n} Ltd,Logistics,{100 + n},company{n}.example,{about}\r\n"


def _names(report: ImportReport) -> list[str]:
    """The names of the profiles the import creates, read back from their diffs."""
    found = []
    for outcome in report.with_status("created"):
        (line,) = [x for x in outcome.diff.splitlines() if x.startswith("+name: ")]
        found.append(line.removeprefix("+name: "))
    return sorted(found)


def _write(folder: Path, text: str) -> Path:
    path = folder / "companies.csv"
    path.write_text(text, "utf-8", newline="")
    return path


def test_a_cell_over_131072_characters_is_read_and_so_are_the_rows_after_it(
    workspace: Path, tmp_path: Path
) -> None:
    long = "x" * 200_000
    path = _write(tmp_path, HEADER + _row(1) + _row(2, long) + _row(3) + _row(4))
    report = run_import(workspace, [path], dry_run=True)
    assert report.ok, [str(i) for i in report.issues]
    assert _names(report) == ["Company 1 Ltd", "Company 2 Ltd", "Company 3 Ltd", "Company 4 Ltd"]


def test_a_cell_over_the_bound_is_reported_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvfile, "FIELD_LIMIT", 1_000)
    text = HEADER + _row(1) + _row(2, "y" * 5_000) + _row(3)
    table = read_table(text, "companies.csv")
    assert [r.get("Record ID") for r in table.records] == ["1", "3"]
    (issue,) = table.issues
    assert issue.line == 3 and "field larger than field limit" in issue.reason
    assert issue.severity == "error"


def test_an_unbalanced_quote_is_reported_and_does_not_merge_the_next_rows(
    workspace: Path, tmp_path: Path
) -> None:
    broken = '2,"Company 2 Ltd,Logistics,102,company2.example,\r\n'
    path = _write(tmp_path, HEADER + _row(1) + broken + _row(3) + _row(4) + _row(5))
    report = run_import(workspace, [path], dry_run=True)
    assert _names(report) == ["Company 1 Ltd", "Company 3 Ltd", "Company 4 Ltd", "Company 5 Ltd"]
    (issue,) = report.errors
    assert issue.line == 3 and "never closed" in issue.reason
    result = CliRunner().invoke(app, ["import", str(path), "-w", str(workspace)])
    assert result.exit_code == 1
    assert "companies.csv:3:" in result.output and "never closed" in result.output


def test_a_quoted_cell_with_newlines_is_still_one_row() -> None:
    text = (
        HEADER
        + _row(1)
        + '2,Company 2 Ltd,Logistics,102,c2.example,"line one\r\nline two, more"\r\n'
    )
    table = read_table(text + _row(3), "companies.csv")
    assert not table.issues
    assert [r.get("About") for r in table.records] == ["", "line one\r\nline two, more", ""]
    assert [r.line for r in table.records] == [2, 3, 5]
