"""Run ``abmcontent score``: load, score, rank, print or write, and optionally apply tiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from abmcontent.crm.score_output import FORMATS, as_csv, as_json, as_table
from abmcontent.crm.scoring import AccountScore, score_account
from abmcontent.crm.tiers import apply_tiers, propose_tiers
from abmcontent.crm.yamlio import atomic_write
from abmcontent.errors import InputError, Problem, UsageError
from abmcontent.layout import ICP_FILE
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.models.icp import IcpFile

Echo = Callable[[str, bool], None]
Confirm = Callable[[str], bool]
"""Asks a yes/no question; True means yes."""


def parse_date(value: str | None) -> dt.date:
    """Read ``--date`` (default: today).

    Raises:
        UsageError: not a YYYY-MM-DD date.
    """
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD, not '{value}'") from None


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The output format: ``--format``, else the suffix of ``--output``, else ``table``.

    Raises:
        UsageError: an unknown format.
    """
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        return suffix if suffix in ("csv", "json") else "table"
    if fmt.lower() not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    return fmt.lower()


def render_scores(scores: list[AccountScore], icp: IcpFile, today: dt.date, fmt: str) -> str:
    """The ranking in ``fmt`` (table, csv or json)."""
    if fmt == "csv":
        return as_csv(scores)
    if fmt == "json":
        return as_json(scores, icp, today)
    return as_table(scores, today)


def rank_workspace(workspace: Workspace, today: dt.date) -> tuple[IcpFile, list[AccountScore]]:
    """Score every valid account of a loaded workspace and propose tiers (best first).

    Raises:
        InputError: the library or library/icp.yaml is missing or has errors.
    """
    library = workspace.require_library()
    icp = library.icp
    if icp is None:
        problems = [p for p in workspace.errors if p.file == ICP_FILE]
        raise InputError(
            problems
            or [
                Problem(
                    ICP_FILE,
                    None,
                    "",
                    "missing: the ideal customer profile gives the weights and capacity to "
                    "score with (see docs/import-and-score.md)",
                )
            ]
        )
    scores = [score_account(icp, account, today) for account in workspace.accounts.values()]
    return icp, propose_tiers(icp, scores)


def run_score(
    root: Path,
    *,
    apply: bool = False,
    fmt: str | None = None,
    output: Path | None = None,
    date: str | None = None,
    echo: Echo,
    confirm: Confirm | None = None,
) -> bool:
    """Score every valid account of the workspace and propose tiers.

    With ``apply``, the tier changes are listed and ``confirm`` asked before any is
    written (``None``: write without asking, as ``--yes`` does). Pinned tiers
    (``tier_pinned: true``) are never changed.

    Returns:
        False when some profile could not be scored or a tier could not be written.

    Raises:
        UsageError: bad ``--date`` or ``--format``.
        InputError: the library or library/icp.yaml is missing or has errors.
    """
    today = parse_date(date)
    chosen = choose_format(fmt, output)
    workspace = load_workspace(root)
    library = workspace.require_library()
    icp, ranked = rank_workspace(workspace, today)
    ok = True
    for problems in workspace.failed_accounts.values():
        ok = False
        for problem in problems:
            echo(f"{problem} (account not scored)", True)
    text = render_scores(ranked, icp, today, chosen)
    if output is not None:
        try:
            atomic_write(output, text)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
        echo(f"scores of {len(ranked)} account(s) written to {output}", False)
    else:
        echo(text.rstrip("\n"), False)
    moves = [s for s in ranked if s.proposed_tier != s.current_tier]
    if not apply:
        if moves:
            echo(f"{len(moves)} tier change(s) proposed; run with --apply to write them", False)
        return ok
    if not moves:
        echo("no tier change to write", False)
        return ok
    if confirm is not None:
        for item in moves:
            echo(
                f"will write  {item.account_id}: {item.current_tier} -> {item.proposed_tier}", False
            )
        if not confirm(f"Write these {len(moves)} tier change(s)?"):
            echo("no tier written", False)
            return ok
    for change in apply_tiers(workspace.root, library, ranked):
        if change.problems:
            ok = False
            for problem in change.problems:
                echo(f"{problem} (tier not written)", True)
        else:
            echo(f"tier        {change.account_id}: {change.old} -> {change.new}", False)
    return ok
