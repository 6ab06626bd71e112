"""Print what a render or build did: a summary line and every failure with its reason."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from abmcontent.notices import count_levels, group_notices

if TYPE_CHECKING:  # the no-op build prints its summary without loading the API
    from abmcontent.api import BuildReport


def summary_line(
    built: int,
    up_to_date: int,
    failed: int,
    pruned: int = 0,
    notices: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The closing line of a render or build: ``N built, N up to date, N failed, N warnings``.

    Args:
        built: documents built.
        up_to_date: documents left as they were.
        failed: documents that could not be made.
        pruned: stale outputs removed.
        notices: output path -> notices of the documents built, counted by level.

    Returns:
        The line.
    """
    line = f"{built} built, {up_to_date} up to date, {failed} failed"
    if pruned:
        line += f", {pruned} pruned"
    if notices is not None:
        counts = count_levels(notices)
        line += f", {counts['warning']} warning(s)"
        if counts["info"]:
            line += f", {counts['info']} info"
    return line


def print_notices(notices: Mapping[str, Iterable[str]], *, verbose: bool = False) -> None:
    """Print the notices of a render or build, grouped across audiences, by level.

    Args:
        notices: output path -> notices of that document.
        verbose: also print the info-level notices.
    """
    for group in group_notices(notices):
        if group.level == "info" and not verbose:
            continue
        print(f"{group.level:<11} {group.line()}")


def strict_failure(notices: Mapping[str, Iterable[str]]) -> str | None:
    """The reason ``--strict`` fails a build with these notices, or ``None``."""
    count = count_levels(notices)["warning"]
    return f"--strict: {count} warning(s)" if count else None


def internal_tag(path: str) -> str:
    """``"  [internal: do not forward]"`` for an output path of an internal document, else ``""``.

    ``output/<account>/<doc>/<audience>.<ext>``: the document is the third part.
    """
    from abmcontent.documents import DOCUMENTS

    parts = path.split("/")
    spec = DOCUMENTS.get(parts[2]) if len(parts) > 3 else None
    return "  [internal: do not forward]" if spec is not None and spec.internal else ""


def _account_of(path: str) -> str:
    """The account id of an output path (``output/<account>/<doc>/<audience>.<ext>``)."""
    parts = path.split("/")
    return parts[1] if len(parts) == 4 else path


def _several(account: str, paths: list[str], shown: int = 3) -> str:
    """``acme: 7 documents not made (proposal/account.pptx, ... and 4 more)``."""
    names = [path.split("/", 2)[-1] for path in paths]
    listed = ", ".join(names[:shown])
    if len(names) > shown:
        listed += f" and {len(names) - shown} more"
    return f"{account}: {len(paths)} documents not made ({listed})"


def print_failures(failed: Mapping[str, str]) -> None:
    """Print every failure to stderr, once per account and reason with the documents skipped.

    An invalid profile fails each of its documents for the same reason: that is one report
    (``FAILED  acme: 7 documents not made (proposal/account.pptx, ...): <reason>``), not seven.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for path, reason in failed.items():
        groups.setdefault((_account_of(path), reason), []).append(path)
    for (account, reason), paths in groups.items():
        first, *rest = reason.splitlines() or [""]
        where = paths[0] if len(paths) == 1 else _several(account, paths)
        print(f"FAILED      {where}: {first}", file=sys.stderr)
        for line in rest:
            print(f"            {line}", file=sys.stderr)


def print_report(report: BuildReport, *, verbose: bool = False, quiet: bool = False) -> None:
    """Write the outcome of ``report`` to stdout (failures to stderr; with ``quiet`` only those)."""
    for notice in report.notices:
        print(f"note: {notice}", file=sys.stderr)
    if not quiet:
        for path in report.built:
            print(f"built       {path}{internal_tag(path)}")
        print_notices(report.warnings, verbose=verbose)
    print_failures(report.failed)
    if not quiet:
        print(
            summary_line(
                len(report.built), len(report.up_to_date), len(report.failed), 0, report.warnings
            )
        )


def print_build_summary(
    report: BuildReport, *, verbose: bool = False, quiet: bool = False
) -> None:
    """Summarize a batch build: counts, every failure with its reason, warnings, pruning.

    Built documents are not listed one by one (the progress display did that); a dry run
    lists what would be built and pruned instead. With ``quiet`` only the failures are printed.
    """
    for notice in report.notices:
        print(f"note: {notice}", file=sys.stderr)
    if quiet:
        print_failures(report.failed)
        return
    if report.dry_run:
        for path in report.would_build:
            print(f"would build {path}")
        for path in report.pruned:
            print(f"would prune {path}")
        for path in report.kept:
            print(f"would keep  {path} (made with render, not planned by build)")
        print_failures(report.failed)
        print(
            f"dry run: {len(report.would_build)} to build, {len(report.up_to_date)} up to date, "
            f"{len(report.failed)} failing, {len(report.pruned)} to prune"
        )
        return
    print_notices(report.warnings, verbose=verbose)
    for path in report.pruned:
        print(f"pruned      {path}")
    if report.kept:
        shown = report.kept if verbose else []
        for path in shown:
            print(f"kept        {path}")
        print(
            f"kept {len(report.kept)} one-off document(s) made with render for an audience or "
            "format the build does not plan" + ("" if verbose else " (-v lists them)")
        )
    print_failures(report.failed)
    counts = (len(report.built), len(report.up_to_date), len(report.failed), len(report.pruned))
    print(summary_line(*counts, notices=report.warnings))
    if report.changed_inputs:
        print(
            f"note: {len(report.changed_inputs)} document(s) were made from inputs that changed "
            "during the build (or on a worker running another version); the next build checks "
            "them again"
        )
    if report.index is not None:
        print(f"index: {report.index}")
