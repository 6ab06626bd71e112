"""Scores as a Rich table, CSV, JSON or an Excel workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from abmcontent.crm.scoring import AccountScore
from abmcontent.models.icp import CRITERIA, IcpFile
from abmcontent.spreadsheet_cells import csv_cell

FORMATS = ("table", "csv", "json", "xlsx")
#: formats written as bytes to a file only (never to the terminal)
FILE_ONLY = ("xlsx",)
_SHORT = {
    "industry": "Ind",
    "segment": "Seg",
    "size": "Size",
    "revenue": "Rev",
    "recency": "Rec",
    "intensity": "Int",
    "opportunities": "Opp",
    "competitors": "Comp",
}


def _tier_change(item: AccountScore) -> str:
    if item.pinned:
        return f"{item.current_tier} (pinned)"
    if item.current_tier == item.proposed_tier:
        return item.proposed_tier
    return f"{item.current_tier} -> {item.proposed_tier}"


def as_table(scores: list[AccountScore], today: dt.date, *, width: int | None = None) -> str:
    """Render the ranking as a Rich table (text with colours only on a terminal)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Account fit scores ({today.isoformat()})", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Company")
    table.add_column("Account")
    table.add_column("Score", justify="right")
    table.add_column("Tier (now -> proposed)")
    for name in CRITERIA:
        table.add_column(_SHORT[name], justify="right")
    for item in scores:
        tier = _tier_change(item)
        if item.current_tier != item.proposed_tier:
            tier = f"[bold]{tier}[/bold]"
        table.add_row(
            str(item.rank),
            escape(item.name),
            item.account_id,
            f"{item.score:.1f}",
            tier,
            *(f"{item.part(name).points:.1f}" for name in CRITERIA),
        )
    out = io.StringIO()
    console = Console(file=out, width=width or 160, force_terminal=False, color_system=None)
    console.print(table)
    legend = ", ".join(f"{short} = {name}" for name, short in _SHORT.items())
    console.print(f"Points per criterion: {legend}.")
    return out.getvalue()


def as_rows(scores: list[AccountScore]) -> list[dict[str, Any]]:
    """One flat row per account: rank, ids, tiers, points and reason per criterion."""
    rows = []
    for item in scores:
        row: dict[str, Any] = {
            "rank": item.rank,
            "account": item.account_id,
            "name": item.name,
            "score": item.score,
            "current_tier": item.current_tier,
            "proposed_tier": item.proposed_tier,
            "pinned": item.pinned,
        }
        for name in CRITERIA:
            part = item.part(name)
            row[f"{name}_points"] = round(part.points, 2)
            row[f"{name}_reason"] = part.reason
        rows.append(row)
    return rows


def as_csv(scores: list[AccountScore], *, bom: bool = False) -> str:
    """The ranking as CSV, one row per account; formula-like text is kept as text.

    Args:
        scores: the ranked scores.
        bom: start with a byte order mark, so that Excel (a Japanese one above all) reads
            the file, once encoded in UTF-8, as UTF-8 rather than as the local code page.
    """
    rows = [{key: csv_cell(value) for key, value in row.items()} for row in as_rows(scores)]
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    fields = list(rows[0]) if rows else ["rank", "account", "score"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def as_json(scores: list[AccountScore], icp: IcpFile, today: dt.date) -> str:
    """The ranking as JSON, with the full breakdown of every score."""
    data = {
        "date": today.isoformat(),
        "capacity": icp.capacity.model_dump(),
        "weights": icp.weights.model_dump(),
        "accounts": [
            {
                "rank": item.rank,
                "account": item.account_id,
                "name": item.name,
                "score": item.score,
                "current_tier": item.current_tier,
                "proposed_tier": item.proposed_tier,
                "pinned": item.pinned,
                "breakdown": {
                    part.criterion: {
                        "points": round(part.points, 2),
                        "max_points": round(part.max_points, 2),
                        "value": round(part.value, 3),
                        "reason": part.reason,
                    }
                    for part in item.parts
                },
            }
            for item in scores
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_xlsx(scores: list[AccountScore], today: dt.date) -> bytes:
    """The ranking as an Excel workbook: the rows of :func:`as_csv`, numbers as numbers.

    Text is always text: a company name such as ``=HYPERLINK(...)`` is stored as a string
    with Excel's quote prefix, never as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = as_rows(scores)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Scores {today.isoformat()}"
    fields = list(rows[0]) if rows else ["rank", "account", "name", "score"]
    sheet.append(fields)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[name] for name in fields])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.data_type == "f":  # openpyxl takes text starting with "=" for a formula
                cell.data_type = "s"
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    for column, name in zip(sheet.columns, fields, strict=True):
        widest = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(widest, len(name)) + 2, 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
