"""Print an import report: diffs (dry run), created / updated / unchanged, every issue."""

from __future__ import annotations

from collections.abc import Callable

from abmcontent.crm.importer import ImportReport

Echo = Callable[[str, bool], None]
"""Writes one line; the flag says stderr."""


def _shorten(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items) - limit} more)" if len(items) > limit else "")


def print_import_report(report: ImportReport, echo: Echo) -> None:
    """Write ``report`` for a person: what was read, done, left alone, and what went wrong."""
    for source in report.inputs:
        echo(
            f"read          {source.file}: {source.crm} {source.kind}, {source.rows} row(s), "
            f"{source.encoding}",
            False,
        )
    if report.dry_run:
        for outcome in report.outcomes:
            if outcome.diff:
                echo(outcome.diff.rstrip("\n"), False)
    verb = {"created": "would create", "updated": "would update"} if report.dry_run else {}
    for outcome in report.outcomes:
        label = verb.get(outcome.status, outcome.status)
        line = f"{label:<14}{outcome.path}"
        if outcome.changes:
            line += f": {_shorten(outcome.changes)}"
        echo(line, outcome.status == "failed")
        if outcome.status == "updated" and outcome.kept:
            echo(f"{'':<14}kept as written: {_shorten(outcome.kept)}", False)
    for issue in report.issues:
        echo(str(issue), issue.severity == "error")
    counts = {s: len(report.with_status(s)) for s in ("created", "updated", "unchanged", "failed")}
    skipped = len(report.errors)
    prefix = "dry run, nothing written: " if report.dry_run else ""
    echo(
        f"{prefix}{counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {len(report.left_alone)} left alone (not in these "
        f"exports), {counts['failed']} not written, {skipped} problem(s)",
        False,
    )
