"""Salesforce report exports become valid account profiles."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.crm.importer import run_import
from abmcontent.loading.workspace import load_workspace

from .conftest import SF_ACCOUNT_HEADER, SF_CONTACT_HEADER, WriteCsv

ACCOUNTS = [
    # quoted comma in the name and the street, a newline inside a cell
    [
        "0015g00000PcGr4AAD",
        "Pinecrest Grocers, Inc.",
        "Prospect",
        "Retail",
        "4100 SE Division St,\nSuite 200",
        "Portland",
        "OR",
        "United States",
        "2,150",
        "USD 740,000,000",
        "https://www.pinecrest.example",
        "Oliver Grant",
    ],
    [
        "0015g00000MnT03AAC",
        "みなと食品工業株式会社",
        "Prospect",
        "Transportation & Logistics",
        "南港北1-2-3",
        "大阪市住之江区",
        "大阪府",
        "日本",
        "1,280",
        "58000000000",
        "https://www.minato.example",
        "山田 花子",
    ],
]
CONTACTS = [
    [
        "0035A",
        "0015g00000PcGr4AAD",
        "Pinecrest Grocers, Inc.",
        "Dana",
        "Whitfield",
        "VP, Supply Chain",
        "dana@pinecrest.example",
    ],
    [
        "0035B",
        "0015g00000PcGr4AAD",
        "Pinecrest Grocers, Inc.",
        "Marcus",
        "Lee",
        "Chief Information Security Officer",
        "marcus@pinecrest.example",
    ],
    [
        "0035C",
        "0015g00000MnT03AAC",
        "みなと食品工業株式会社",
        "翔太",
        "山本",
        "取締役ＣＦＯ",
        "s.yamamoto@minato.example",
    ],
    [
        "0035D",
        "0015g00000MnT03AAC",
        "みなと食品工業株式会社",
        "彩",
        "田中",
        "情報セキュリティ室長",
        "a.tanaka@minato.example",
    ],
    [
        "0035E",
        "0015g00000MnT03AAC",
        "みなと食品工業株式会社",
        "誠",
        "佐々木",
        "受付",
        "m.sasaki@minato.example",
    ],
]


def _profile(root: Path, account_id: str) -> dict:
    return yaml.safe_load((root / "account_profiles" / f"{account_id}.yaml").read_text("utf-8"))


def test_salesforce_exports_in_cp932_and_bom_become_valid_profiles(
    workspace: Path, write_csv: WriteCsv
) -> None:
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, ACCOUNTS, "cp932")
    contacts = write_csv("contacts.csv", SF_CONTACT_HEADER, CONTACTS, "utf-8-sig")

    report = run_import(workspace, [contacts, accounts])  # order does not matter

    assert [i.kind for i in report.inputs] == ["contacts", "accounts"]
    assert [i.encoding for i in report.inputs] == ["utf-8-sig", "cp932"]
    assert {o.account_id for o in report.with_status("created")} == {
        "pinecrest",
        "minato",
    }
    ws = load_workspace(workspace)
    assert [p for p in ws.errors if p.file.startswith("account_profiles")] == []
    pine = ws.accounts["pinecrest"]
    assert pine.name == "Pinecrest Grocers, Inc."
    assert (pine.locale, pine.tier, pine.industry, pine.segment) == (
        "en",
        "programmatic",
        "retail",
        "mid_market",
    )
    assert pine.headquarters == "Portland, OR, United States"
    assert pine.employees == 2150
    assert pine.annual_revenue is not None
    assert (pine.annual_revenue.amount, pine.annual_revenue.currency) == (740000000, "USD")
    assert pine.crm is not None and (pine.crm.source, pine.crm.id) == (
        "salesforce",
        "0015g00000PcGr4AAD",
    )
    assert pine.owners is not None and pine.owners.sales == "Oliver Grant"
    roles = {s.id: (s.role, s.crm_id) for s in pine.stakeholders}
    assert roles == {"dana-whitfield": ("coo", "0035A"), "marcus-lee": ("ciso", "0035B")}

    minato = ws.accounts["minato"]
    assert (minato.locale, minato.industry) == ("ja", "logistics")
    assert minato.headquarters == "大阪府大阪市住之江区"
    assert minato.annual_revenue is not None and minato.annual_revenue.currency == "JPY"
    people = {s.name: (s.id, s.role, s.title) for s in minato.stakeholders}
    assert people == {
        "山本 翔太": ("s-yamamoto", "cfo", "取締役ＣＦＯ"),  # titles kept as written
        "田中 彩": ("a-tanaka", "ciso", "情報セキュリティ室長"),
    }


def test_unmapped_title_is_reported_with_file_row_and_column_and_skipped(
    workspace: Path, write_csv: WriteCsv
) -> None:
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, ACCOUNTS)
    contacts = write_csv("contacts.csv", SF_CONTACT_HEADER, CONTACTS)

    report = run_import(workspace, [accounts, contacts])

    (issue,) = report.errors
    assert (issue.file, issue.row, issue.column) == (str(contacts), 6, "Title")
    assert "受付" in issue.reason and "skipped" in issue.reason
    assert "佐々木" not in (workspace / "account_profiles").joinpath("minato.yaml").read_text(
        "utf-8"
    )


def test_fallback_role_from_mapping_file_imports_unmapped_titles(
    workspace: Path, write_csv: WriteCsv, tmp_path: Path
) -> None:
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, ACCOUNTS)
    contacts = write_csv("contacts.csv", SF_CONTACT_HEADER, CONTACTS)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("source: salesforce\nfallback_role: coo\n", "utf-8")

    report = run_import(
        workspace, [accounts, contacts], preset_name="salesforce", mapping_path=mapping
    )

    assert report.ok
    assert any("fallback role 'coo'" in i.reason for i in report.issues)
    minato = _profile(workspace, "minato")
    assert {s["name"]: s["role"] for s in minato["stakeholders"]}["佐々木 誠"] == "coo"


def test_bad_rows_are_reported_and_good_rows_still_imported(
    workspace: Path, write_csv: WriteCsv, runner: CliRunner
) -> None:
    bad = [
        ["001X", "", "Prospect", "Retail", "", "", "", "", "", "", "", ""],
        [
            "001Y",
            "Yellowpine Foods",
            "Prospect",
            "Food & Beverage",
            "",
            "Boise",
            "ID",
            "United States",
            "about 300",
            "USD 12M",
            "",
            "",
        ],
    ]
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, [ACCOUNTS[0], *bad])

    result = runner.invoke(app, ["import", str(accounts), "--workspace", str(workspace)])

    assert result.exit_code == 1, result.output
    assert f"{accounts}:4: row 3, column 'Account Name': the account has no name" in result.output
    assert f"{accounts}:5: row 4, column 'Employees': 'about 300' is not a number" in (
        result.output
    )
    yellow = _profile(workspace, "yellowpine-foods")
    assert "employees" not in yellow
    assert yellow["annual_revenue"] == {"amount": 12000000, "currency": "USD"}
    assert yellow["industry"] == "food-and-beverage"
    assert (workspace / "account_profiles" / "pinecrest.yaml").is_file()


def test_existing_hand_written_profile_is_linked_by_name_only_with_link(
    workspace: Path, write_csv: WriteCsv
) -> None:
    row = [
        "0015HOKUTO",
        "北斗ロジスティクス株式会社",
        "Customer",
        "Transportation",
        "",
        "江東区",
        "東京都",
        "日本",
        "8,350",
        "JPY 245,000,000,000",
        "https://www.hokuto-logi.example",
        "山田 花子",
    ]
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, [row], "cp932")
    hand_made = (workspace / "account_profiles" / "hokuto-logistics.yaml").read_bytes()

    refused = run_import(workspace, [accounts])

    assert refused.outcomes == [] and not refused.ok
    (issue,) = refused.errors
    assert "hand-made profile account_profiles/hokuto-logistics.yaml" in issue.reason
    assert "--link" in issue.reason and issue.row == 2
    assert (workspace / "account_profiles" / "hokuto-logistics.yaml").read_bytes() == hand_made
    assert len(list((workspace / "account_profiles").iterdir())) == 2

    report = run_import(workspace, [accounts], link=True)

    assert [(o.account_id, o.status) for o in report.outcomes] == [("hokuto-logistics", "updated")]
    linked = run_import(workspace, [accounts])  # linked now: no --link needed any more
    assert linked.ok and [o.status for o in linked.outcomes] == ["unchanged"]
    data = _profile(workspace, "hokuto-logistics")
    assert data["employees"] == 8350
    assert data["crm"] == {"source": "salesforce", "id": "0015HOKUTO"}
    assert data["tier"] == "strategic"
    assert data["name_en"] == "Hokuto Logistics Co., Ltd."
    assert sorted(p.name for p in (workspace / "account_profiles").iterdir()) == [
        "hokuto-logistics.yaml",
        "kestrel-outfitters.yaml",
    ]


def test_contact_of_an_unknown_account_is_reported(workspace: Path, write_csv: WriteCsv) -> None:
    contacts = write_csv(
        "contacts.csv",
        SF_CONTACT_HEADER,
        [["0035Z", "001NOPE", "Nowhere Ltd", "Ann", "Smith", "CFO", ""]],
    )

    report = run_import(workspace, [contacts])

    (issue,) = report.errors
    assert issue.row == 2 and "001NOPE / Nowhere Ltd" in issue.reason


def test_ids_are_unique_and_deterministic(workspace: Path, write_csv: WriteCsv) -> None:
    rows = [
        ["001A", "Acme Corp", "", "Retail", "", "", "", "", "", "", "", ""],
        ["001B", "Acme Corporation", "", "Retail", "", "", "", "", "", "", "", ""],
    ]
    accounts = write_csv("accounts.csv", SF_ACCOUNT_HEADER, rows)

    report = run_import(workspace, [accounts])

    assert sorted(o.account_id for o in report.outcomes) == ["acme", "acme-2"]
    again = run_import(workspace, [accounts])
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
