"""Print what a render or build did: a summary line and every failure with its reason."""

from __future__ import annotations

import sys

from abmcontent.api import BuildReport


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
    print(
        f"{len(report.built)} built, {len(report.up_to_date)} up to date, "
        f"{len(report.failed)} failed"
    )
