"""Run ``abmcontent score``: load, score, rank, print or write, and optionally apply tiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from abmcontent.cli_params import parse_date
from abmcontent.crm.score_output import FILE_ONLY, FORMATS, as_csv, as_json, as_table, as_xlsx
from abmcontent.crm.scoring import AccountScore, score_account
from abmcontent.crm.tiers import apply_tiers, propose_tiers
from abmcontent.errors import AbmError, InputError, Problem, UsageError
from abmcontent.layout import ICP_FILE
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.models.icp import IcpFile
from abmcontent.outputs import write_atomic

Echo = Callable[[str, bool], None]
Confirm = Callable[[str], bool]
"""Asks a yes/no question; True means yes."""


#: the format an ``--output`` file name stands for
SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The output format: ``--format``, else the suffix of ``--output``, else ``table``.

    Raises:
        UsageError: an unknown format, an ``--output`` suffix that names no format (or
            another one than ``--format``), or ``xlsx`` without ``--output``.
    """
    suffix = output.suffix.lower() if output is not None else ""
    if fmt is not None and fmt.lower() not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    chosen = fmt.lower() if fmt is not None else SUFFIXES.get(suffix)
    if chosen is None:
        if output is None:
            return "table"
        raise UsageError(
            f"--output {output}: cannot tell the format from '{suffix or output.name}'; "
            f"name the file .csv, .json or .xlsx, or give --format"
        )
    if suffix in SUFFIXES and SUFFIXES[suffix] != chosen:
        raise UsageError(f"--output {output} is a .{SUFFIXES[suffix]} file name, --format {chosen}")
    if chosen in FILE_ONLY and output is None:
        raise UsageError(f"--format {chosen} writes a file: give --output FILE.{chosen}")
    return chosen


def render_scores(
    scores: list[AccountScore], icp: IcpFile, today: dt.date, fmt: str, *, bom: bool = False
) -> bytes:
    """The ranking in ``fmt`` (table, csv, json or xlsx), encoded for a file.

    ``bom`` starts a CSV with a byte order mark (for Excel, see :func:`as_csv`).
    """
    if fmt == "xlsx":
        return as_xlsx(scores, today)
    if fmt == "csv":
        text = as_csv(scores, bom=bom)
    elif fmt == "json":
        text = as_json(scores, icp, today)
    else:
        text = as_table(scores, today)
    return text.encode("utf-8")


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
    quiet: bool = False,
    confirm: Confirm | None = None,
) -> bool:
    """Score every valid account of the workspace and propose tiers.

    A CSV written to ``output`` starts with a byte order mark when the workspace has a
    Japanese account, so that Japanese Excel shows the names. ``quiet`` prints only the
    scores (when not written to a file) and the problems. With ``apply``, the tier changes
    are listed and ``confirm`` asked before any is written (``None``: write without asking,
    as ``--yes`` does). Pinned tiers (``tier_pinned: true``) are never changed.

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
    if output is not None:
        japanese = any(a.locale == "ja" for a in workspace.accounts.values())
        data = render_scores(ranked, icp, today, chosen, bom=japanese)
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise AbmError(f"cannot write {output}: {exc.strerror or exc}") from None
        if not quiet:
            echo(f"scores of {len(ranked)} account(s) written to {output}", False)
    else:
        echo(render_scores(ranked, icp, today, chosen).decode("utf-8").rstrip("\n"), False)
    moves = [s for s in ranked if s.proposed_tier != s.current_tier]
    if not apply:
        if moves and not quiet:
            echo(f"{len(moves)} tier change(s) proposed; run with --apply to write them", False)
        return ok
    if not moves:
        if not quiet:
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
        elif not quiet:
            echo(f"tier        {change.account_id}: {change.old} -> {change.new}", False)
    return ok
