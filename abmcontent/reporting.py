"""Print what a render or build did: a summary line and every failure with its reason."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the no-op build prints its summary without loading the API
    from abmcontent.api import BuildReport


def summary_line(built: int, up_to_date: int, failed: int, pruned: int = 0) -> str:
    """The closing line of a render or build: ``N built, N up to date, N failed``."""
    line = f"{built} built, {up_to_date} up to date, {failed} failed"
    return f"{line}, {pruned} pruned" if pruned else line


def print_report(report: BuildReport) -> None:
    """Write the outcome of ``report`` to stdout (failures to stderr)."""
    for path in report.built:
        print(f"built       {path}")
    for path, warnings in report.warnings.items():
        for warning in warnings:
            print(f"warning     {path}: {warning}")
    for path, reason in report.failed.items():
        first, *rest = reason.splitlines() or [""]
        print(f"FAILED      {path}: {first}", file=sys.stderr)
        for line in rest:
            print(f"            {line}", file=sys.stderr)
    print(summary_line(len(report.built), len(report.up_to_date), len(report.failed)))


def _print_failures(report: BuildReport) -> None:
    for path, reason in report.failed.items():
        first, *rest = reason.splitlines() or [""]
        print(f"FAILED      {path}: {first}", file=sys.stderr)
        for line in rest:
            print(f"            {line}", file=sys.stderr)


def print_build_summary(report: BuildReport) -> None:
    """Summarize a batch build: counts, every failure with its reason, warnings, pruning.

    Built documents are not listed one by one (the progress display did that); a dry run
    lists what would be built and pruned instead.
    """
    if report.dry_run:
        for path in report.would_build:
            print(f"would build {path}")
        for path in report.pruned:
            print(f"would prune {path}")
        _print_failures(report)
        print(
            f"dry run: {len(report.would_build)} to build, {len(report.up_to_date)} up to date, "
            f"{len(report.failed)} failing, {len(report.pruned)} to prune"
        )
        return
    for path, warnings in report.warnings.items():
        for warning in warnings:
            print(f"warning     {path}: {warning}")
    for path in report.pruned:
        print(f"pruned      {path}")
    _print_failures(report)
    counts = (len(report.built), len(report.up_to_date), len(report.failed), len(report.pruned))
    print(summary_line(*counts))
    if report.changed_inputs:
        print(
            f"note: {len(report.changed_inputs)} document(s) were made from inputs that changed "
            "during the build (or on a worker running another version); the next build checks "
            "them again"
        )
    if report.index is not None:
        print(f"index: {report.index}")
