"""Scores as a Rich table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from abmcontent.crm.scoring import AccountScore
from abmcontent.models.icp import CRITERIA, IcpFile
from abmcontent.spreadsheet_cells import csv_cell

FORMATS = ("table", "csv", "json")
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
    if item.current_tier == item.proposed_tier:
        return item.proposed_tier
    return f"{item.current_tier} -> {item.proposed_tier}"


def as_table(scores: list[AccountScore], today: dt.date, *, width: int | None = None) -> str:
    """Render the ranking as a Rich table (text with colours only on a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Account fit scores ({today.isoformat()})", title_justify="left")
    table.add_column("#", justify="right")
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
        }
        for name in CRITERIA:
            part = item.part(name)
            row[f"{name}_points"] = round(part.points, 2)
            row[f"{name}_reason"] = part.reason
        rows.append(row)
    return rows


def as_csv(scores: list[AccountScore]) -> str:
    """The ranking as CSV (UTF-8; one row per account; formula-like text kept as text)."""
    rows = [{key: csv_cell(value) for key, value in row.items()} for row in as_rows(scores)]
    out = io.StringIO()
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
