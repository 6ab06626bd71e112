"""The realistic CRM export fixtures of tests/data/crm/ and how the tests run them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result
from typer.testing import CliRunner

from abmcontent.cli import app
from tests.checkout import REPO_ROOT

EXPORTS = REPO_ROOT / "tests" / "data" / "crm"
HUBSPOT = [EXPORTS / "hubspot" / f"{n}.csv" for n in ("companies", "contacts", "deals")]
HUBSPOT_JA = [EXPORTS / "hubspot-ja" / f"{n}.csv" for n in ("companies", "contacts", "deals")]
SALESFORCE_JA = [
    EXPORTS / "salesforce-ja" / f"{n}.csv" for n in ("accounts", "contacts", "opportunities")
]
SF_PRODUCTS = EXPORTS / "salesforce-products.yaml"


def copy_exports(target: Path) -> Path:
    """Copy the fixtures to ``target`` (to edit them for a re-import); return the copy."""
    shutil.copytree(EXPORTS, target)
    return target


def run(runner: CliRunner, workspace: Path, *args: str | Path) -> Result:
    """Run ``abmcontent <args> -w workspace`` in process."""
    return runner.invoke(app, [*map(str, args), "-w", str(workspace)])


def profile(workspace: Path, account_id: str) -> dict[str, Any]:
    """Reopen a written profile as plain YAML."""
    path = workspace / "account_profiles" / f"{account_id}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def crm_ids(data: dict[str, Any]) -> dict[str, str]:
    """CRM source -> record id of a profile (``crm`` is one mapping or a list)."""
    crm = data.get("crm") or []
    refs = [crm] if isinstance(crm, dict) else crm
    return {str(r["source"]): str(r["id"]) for r in refs}
