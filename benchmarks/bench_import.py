"""How fast ``abmcontent import`` reads a large CRM export (issue 15.12: linear, not quadratic).

Writes a HubSpot companies export and a contacts export of N/2 rows each (default N =
100,000 rows in all) into a temporary workspace holding the sample library, then times one
dry-run import and one real import (N/2 profiles written). Goal: 100,000 rows in under
30 s on a 2-core machine. Prints figures; asserts nothing on time.

    python benchmarks/bench_import.py [--rows 100000] [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import time
from pathlib import Path

from abmcontent.crm.importer import run_import
from abmcontent.sample import SAMPLE_ROOT

COMPANY_HEADER = [
    "Record ID",
    "Company name",
    "Company Domain Name",
    "Industry",
    "Number of Employees",
    "Annual Revenue",
    "City",
    "Country/Region",
]
CONTACT_HEADER = ["Record ID", "First Name", "Last Name", "Job Title", "Associated Company IDs"]
TITLES = ("VP Operations", "CFO", "Head of IT Security", "Operations Manager")


def write_exports(folder: Path, rows: int) -> list[Path]:
    """Write the companies and contacts exports; return their paths."""
    companies = folder / "companies.csv"
    with companies.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COMPANY_HEADER)
        for n in range(rows // 2):
            writer.writerow(
                [
                    str(10_000_000 + n),
                    f"Company {n} Logistics Inc.",
                    f"company{n}.example.com",
                    "Transportation/Trucking/Railroad",
                    str(100 + n % 5000),
                    str(1_000_000 * (1 + n % 900)),
                    "Columbus",
                    "United States",
                ]
            )
    contacts = folder / "contacts.csv"
    with contacts.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CONTACT_HEADER)
        for n in range(rows // 2):
            company = 10_000_000 + (n * 7) % (rows // 2)
            writer.writerow([str(50_000_000 + n), f"Pat{n}", "Lee", TITLES[n % 4], str(company)])
    return [companies, contacts]


def main() -> None:
    parser = argparse.ArgumentParser(description="Time a large CRM import.")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="Time the dry run only.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="abm-bench-import-") as tmp:
        root = Path(tmp) / "ws"
        shutil.copytree(SAMPLE_ROOT / "library", root / "library")
        shutil.copytree(SAMPLE_ROOT / "assets", root / "assets")
        (root / "account_profiles").mkdir()
        files = write_exports(Path(tmp), args.rows)
        runs = [True] if args.no_write else [True, False]
        for dry in runs:
            start = time.perf_counter()
            report = run_import(root, files, dry_run=dry)
            took = time.perf_counter() - start
            what = "dry run" if dry else "import "
            print(
                f"{what}: {args.rows // 2:,} account rows + {args.rows // 2:,} contact rows in "
                f"{took:.1f} s ({args.rows / took:,.0f} rows/s); "
                f"{len(report.with_status('created'))} created, {len(report.errors)} error(s)"
            )


if __name__ == "__main__":
    main()
