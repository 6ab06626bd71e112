"""``score --output``: a real CSV (with a BOM for Excel in a Japanese workspace), a real
workbook, and no file at all for a name that says no format; the table names the companies."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import yaml

from .conftest import DATE, abm, new_file_mode

BOM = b"\xef\xbb\xbf"


def profiles(workspace: Path) -> dict[str, dict[str, object]]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((workspace / "account_profiles").glob("*.yaml"))
    }


def score(workspace: Path, *args: str, umask: int = -1) -> tuple[int, str]:
    done = abm("score", "--date", DATE, "-w", str(workspace), *args, cwd=workspace, umask=umask)
    return done.code, done.output


def test_the_table_shows_company_names_and_ids(sample_ws: Path) -> None:
    done = abm("score", "--date", DATE, "-w", str(sample_ws))
    assert done.code == 0, done.output
    rows = [line for line in done.stdout.splitlines() if line.startswith("│")]
    for account_id, profile in profiles(sample_ws).items():
        (row,) = [r for r in rows if f" {account_id} " in r]
        assert str(profile["name"]) in row


def test_csv_of_a_japanese_workspace_has_a_bom_and_every_name(sample_ws: Path) -> None:
    code, output = score(sample_ws, "--output", "scores.csv", umask=0o027)
    assert code == 0, output
    target = sample_ws / "scores.csv"
    data = target.read_bytes()
    assert data.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    expected = profiles(sample_ws)
    assert {row["account"]: row["name"] for row in rows} == {
        key: profile["name"] for key, profile in expected.items()}  # fmt: skip
    assert any(profile["locale"] == "ja" for profile in expected.values())
    assert "北斗ロジスティクス株式会社" in {row["name"] for row in rows}
    assert target.stat().st_mode & 0o777 == new_file_mode(0o027)


def test_csv_of_an_english_workspace_has_no_bom(sample_ws: Path) -> None:
    for account_id, profile in profiles(sample_ws).items():
        if profile["locale"] == "ja":
            (sample_ws / "account_profiles" / f"{account_id}.yaml").unlink()
    code, output = score(sample_ws, "--output", "scores.csv")
    assert code == 0, output
    data = (sample_ws / "scores.csv").read_bytes()
    assert data.startswith(b"rank,account,name,")
    assert len(list(csv.DictReader(io.StringIO(data.decode("utf-8"))))) == len(profiles(sample_ws))


def test_xlsx_is_a_workbook_with_numbers_as_numbers(sample_ws: Path) -> None:
    code, output = score(sample_ws, "--output", "scores.xlsx")
    assert code == 0, output
    book = openpyxl.load_workbook(sample_ws / "scores.xlsx")
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["rank", "account", "name", "score", "current_tier", "proposed_tier"]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]  # fmt: skip
    expected = profiles(sample_ws)
    assert {row["account"]: row["name"] for row in rows} == {
        key: profile["name"] for key, profile in expected.items()}  # fmt: skip
    assert [row["rank"] for row in rows] == list(range(1, len(expected) + 1))
    assert all(isinstance(row["score"], int | float) for row in rows)
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--output", "scores.txt"], "cannot tell the format from '.txt'"),
        (["--output", "scores"], "cannot tell the format"),
        (["--format", "csv", "--output", "scores.xlsx"], "is a .xlsx file name, --format csv"),
        (["--format", "xlsx"], "--format xlsx writes a file: give --output FILE.xlsx"),
    ],
)
def test_an_output_name_that_names_no_format_writes_nothing(
    sample_ws: Path, args: list[str], says: str
) -> None:
    before = sorted(p.name for p in sample_ws.iterdir())
    code, output = score(sample_ws, *args)
    assert code == 2 and says in output
    assert sorted(p.name for p in sample_ws.iterdir()) == before


def test_an_explicit_format_may_go_to_any_file_name(sample_ws: Path) -> None:
    code, output = score(sample_ws, "--format", "json", "--output", "scores.txt", "-q")
    assert code == 0 and output == ""
    assert (sample_ws / "scores.txt").read_text(encoding="utf-8").lstrip().startswith("{")


def test_xlsx_keeps_formula_like_names_as_text(sample_ws: Path) -> None:
    profile = sample_ws / "account_profiles/brightwater-foods.yaml"
    text = profile.read_text(encoding="utf-8")
    name = str(profiles(sample_ws)["brightwater-foods"]["name"])
    trap = '=HYPERLINK("http://example.invalid","x")'
    profile.write_text(text.replace(f"name: {name}", f"name: '{trap}'", 1), encoding="utf-8")
    assert profiles(sample_ws)["brightwater-foods"]["name"] == trap
    code, output = score(sample_ws, "--output", "scores.xlsx")
    assert code == 0, output
    sheet = openpyxl.load_workbook(sample_ws / "scores.xlsx").active
    (cell,) = [row[2] for row in sheet.iter_rows(min_row=2) if row[1].value == "brightwater-foods"]
    assert cell.value == trap and cell.data_type == "s" and cell.quotePrefix
