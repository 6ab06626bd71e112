"""Re-import: CRM changes land, hand edits and comments survive, dry runs write nothing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.crm.importer import run_import
from abmcontent.loading.workspace import load_workspace

from .conftest import SF_ACCOUNT_HEADER, SF_CONTACT_HEADER, WriteCsv

ACCOUNT = [
    "001HARBOR",
    "Harborline Freight LLC",
    "Prospect",
    "Transportation & Logistics",
    "800 Harbor Way",
    "Long Beach",
    "CA",
    "United States",
    "430",
    "USD 96,000,000",
    "https://www.harborline.example",
    "Oliver Grant",
]
CONTACT = [
    "003ROSA",
    "001HARBOR",
    "Harborline Freight LLC",
    "Rosa",
    "Delgado",
    "President & CEO",
    "",
]
PROFILE = "account_profiles/harborline.yaml"


def _hand_edit(path: Path) -> None:
    text = path.read_text("utf-8")
    text = text.replace(
        "tier: programmatic\n", "tier: lite                 # promoted after the QBR\n"
    )
    text = text.replace(
        "employees: 430\n",
        "employees: 430\nsummary: Short-haul drayage out of the ports of LA and Long Beach.\n"
        "business_goals:\n  - Cut empty miles by 10%  # from the discovery call\n",
    )
    text = re.sub(
        r"^( +)role: ceo\n",
        r"\1role: ceo\n\1influence: decision_maker\n\1notes: Prefers a pilot first.\n",
        text,
        flags=re.MULTILINE,
    )
    path.write_text("# Owned by the West team.\n" + text, "utf-8")


def test_reimport_keeps_hand_edits_and_comments_and_lands_crm_changes(
    workspace: Path, write_csv: WriteCsv
) -> None:
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, [ACCOUNT])
    contacts = write_csv("contacts.csv", SF_CONTACT_HEADER, [CONTACT])
    first = run_import(workspace, [accounts, contacts])
    assert first.ok and [o.status for o in first.outcomes if o.account_id.startswith("harbor")] == [
        "created"
    ]
    path = workspace / PROFILE
    _hand_edit(path)

    changed = [*ACCOUNT]
    changed[8] = "512"  # employees
    changed[11] = "Maya Chen"  # new account owner
    moved = [*CONTACT]
    moved[5] = "Chief Executive Officer"
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, [changed])
    contacts = write_csv("contacts.csv", SF_CONTACT_HEADER, [moved])
    second = run_import(workspace, [accounts, contacts])

    (outcome,) = [o for o in second.outcomes if o.account_id == "harborline"]
    assert outcome.status == "updated"
    assert set(outcome.changes) == {"employees", "owners.sales", "stakeholder rosa-delgado.title"}
    assert {"summary", "business_goals"} <= set(outcome.kept)
    assert second.left_alone == ["hokuto-logistics", "kestrel-outfitters"]
    text = path.read_text("utf-8")
    assert text.startswith("# Owned by the West team.\n")
    assert "tier: lite                 # promoted after the QBR\n" in text
    assert "  - Cut empty miles by 10%  # from the discovery call\n" in text
    data = yaml.safe_load(text)
    assert data["employees"] == 512
    assert data["owners"] == {"sales": "Maya Chen"}
    assert data["summary"].startswith("Short-haul drayage")
    (rosa,) = data["stakeholders"]
    assert rosa["title"] == "Chief Executive Officer"
    assert (rosa["role"], rosa["influence"], rosa["notes"]) == (
        "ceo",
        "decision_maker",
        "Prefers a pilot first.",
    )
    assert list(data)[:6] == ["id", "name", "locale", "tier", "industry", "segment"]
    ws = load_workspace(workspace)
    assert "harborline" in ws.accounts


def test_reimport_of_the_same_export_changes_nothing(workspace: Path, write_csv: WriteCsv) -> None:
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, [ACCOUNT])
    run_import(workspace, [accounts])
    before = (workspace / PROFILE).read_bytes()

    again = run_import(workspace, [accounts])

    assert [o.status for o in again.outcomes] == ["unchanged"]
    assert (workspace / PROFILE).read_bytes() == before


def test_sample_profile_round_trips_byte_for_byte_apart_from_the_changes(
    workspace: Path, write_csv: WriteCsv
) -> None:
    path = workspace / "account_profiles" / "hokuto-logistics.yaml"
    before = path.read_text("utf-8").splitlines()
    row = ["001H", "北斗ロジスティクス株式会社", "", "Transportation", "", "", "", "", "9,000"]
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER[:9], [row])

    run_import(workspace, [accounts], link=True)

    after = path.read_text("utf-8").splitlines()
    assert [a for a in after if a not in before] == [
        "employees: 9000",
        "crm: {source: salesforce, id: 001H}",
    ]
    assert [b for b in before if b not in after] == ["employees: 8200"]


def test_dry_run_prints_a_unified_diff_and_writes_nothing(
    workspace: Path, write_csv: WriteCsv, runner: CliRunner
) -> None:
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, [ACCOUNT])
    row = ["001H", "北斗ロジスティクス株式会社", "", "Transportation", "", "", "", "", "9,000"]
    hokuto = write_csv("hokuto.csv", SF_ACCOUNT_HEADER[:9], [row])
    before = {p.name: p.read_bytes() for p in (workspace / "account_profiles").iterdir()}

    result = runner.invoke(
        app, ["import", str(accounts), str(hokuto), "--dry-run", "--link", "-w", str(workspace)]
    )

    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in (workspace / "account_profiles").iterdir()} == before
    assert "--- /dev/null\n+++ b/account_profiles/harborline.yaml\n" in result.output
    assert "--- a/account_profiles/hokuto-logistics.yaml\n" in result.output
    assert "\n-employees: 8200\n+employees: 9000\n" in result.output
    assert "would create  account_profiles/harborline.yaml" in result.output
    assert "dry run, nothing written: 1 created, 1 updated" in result.output


def test_profile_that_would_not_validate_is_not_written(
    workspace: Path, write_csv: WriteCsv
) -> None:
    path = workspace / "account_profiles" / "kestrel-outfitters.yaml"
    broken = path.read_text("utf-8").replace("role: cfo", "role: treasurer")
    path.write_text(broken, "utf-8")
    row = ["001K", "Kestrel Outfitters Ltd", "", "Retail", "", "Leeds", "", "", "700"]
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER[:9], [row])

    report = run_import(workspace, [accounts], link=True)

    (outcome,) = report.outcomes
    assert outcome.status == "failed"
    assert path.read_text("utf-8") == broken
    assert any(
        i.file == "account_profiles/kestrel-outfitters.yaml"
        and "treasurer" in i.reason
        and "not written" in i.reason
        for i in report.errors
    )
