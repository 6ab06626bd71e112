"""Fixtures of the CRM import and scoring tests: a small workspace and export writers."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent.sample import SAMPLE_ROOT

KEEP_PROFILES = ("hokuto-logistics", "kestrel-outfitters")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The sample library with two of its profiles (no templates needed here)."""
    root = tmp_path / "ws"
    shutil.copytree(SAMPLE_ROOT / "library", root / "library")
    shutil.copytree(SAMPLE_ROOT / "assets", root / "assets")
    (root / "account_profiles").mkdir()
    for name in KEEP_PROFILES:
        shutil.copy2(
            SAMPLE_ROOT / "account_profiles" / f"{name}.yaml",
            root / "account_profiles" / f"{name}.yaml",
        )
    return root


WriteCsv = Callable[..., Path]


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    """CSV text as Excel and CRMs write it (CRLF, quotes only where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def write_csv(tmp_path: Path) -> WriteCsv:
    """Write an export file: ``write_csv(name, header, rows, encoding="utf-8")``."""

    def write(name: str, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
        path = tmp_path / "exports" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(csv_bytes(header, rows, encoding))
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    """A Typer test runner."""
    return CliRunner()


SF_ACCOUNT_HEADER = [
    "Account ID",
    "Account Name",
    "Type",
    "Industry",
    "Billing Street",
    "Billing City",
    "Billing State/Province",
    "Billing Country",
    "Employees",
    "Annual Revenue",
    "Website",
    "Account Owner",
]
SF_CONTACT_HEADER = [
    "Contact ID",
    "Account ID",
    "Account Name",
    "First Name",
    "Last Name",
    "Title",
    "Email",
]
HS_COMPANY_HEADER = [
    "Record ID",
    "Company name",
    "Industry",
    "Number of Employees",
    "Annual Revenue",
    "City",
    "Country/Region",
    "Company owner",
    "Website URL",
    "Create Date",
]
HS_CONTACT_HEADER = [
    "Record ID",
    "First Name",
    "Last Name",
    "Job Title",
    "Email",
    "Associated Company",
    "Associated Company IDs",
]
