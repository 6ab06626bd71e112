"""HubSpot exports, custom mapping files, encodings and usage errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.crm.importer import run_import
from abmcontent.crm.textenc import decode
from abmcontent.loading.workspace import load_workspace
from tests.checkout import checkout_env

from .conftest import HS_COMPANY_HEADER, HS_CONTACT_HEADER, SF_ACCOUNT_HEADER, WriteCsv

COMPANIES = [
    [
        "9001",
        "Lakeside Clinics",
        "Hospital & Health Care",
        "2400",
        "610000000",
        "Madison",
        "United States",
        "Jordan Blake",
        "lakeside.example",
        "2026-01-12 09:14",
    ],
    [
        "9002",
        "さくら運輸株式会社",
        "LOGISTICS_AND_SUPPLY_CHAIN",
        "５２０",
        "12000000000",
        "名古屋市",
        "Japan",
        "山田 花子",
        "sakura-unyu.example",
        "2026-03-02 11:00",
    ],
]
HS_CONTACTS = [
    [
        "501",
        "Priya",
        "Nair",
        "Director, Information Technology",
        "p@lakeside.example",
        "Lakeside Clinics",
        "9001",
    ],
    [
        "502",
        "学",
        "加藤",
        "物流部長",
        "m.kato@sakura-unyu.example",
        "さくら運輸株式会社",
        "9002;9001",
    ],
]


def test_hubspot_exports_are_recognised_and_linked_by_company_id(
    workspace: Path, write_csv: WriteCsv
) -> None:
    companies = write_csv("companies.csv", HS_COMPANY_HEADER, COMPANIES, "utf-8-sig")
    contacts = write_csv("contacts.csv", HS_CONTACT_HEADER, HS_CONTACTS, "cp932")

    report = run_import(workspace, [companies, contacts])

    assert report.ok, [str(i) for i in report.issues]
    assert [(i.crm, i.kind) for i in report.inputs] == [
        ("HubSpot", "accounts"),
        ("HubSpot", "contacts"),
    ]
    ws = load_workspace(workspace)
    lake = ws.accounts["lakeside"]
    assert (lake.industry, lake.employees, lake.segment) == ("healthcare", 2400, "mid_market")
    assert lake.crm is not None and lake.crm.source == "hubspot"
    assert [(s.id, s.role) for s in lake.stakeholders] == [("priya-nair", "cio")]
    sakura = ws.accounts["sakura-unyu"]
    assert (sakura.locale, sakura.industry, sakura.employees) == ("ja", "logistics", 520)
    assert sakura.annual_revenue is not None and sakura.annual_revenue.currency == "JPY"
    assert [(s.id, s.name, s.role) for s in sakura.stakeholders] == [("m-kato", "加藤 学", "coo")]


def test_mapping_file_reads_any_export(
    workspace: Path, write_csv: WriteCsv, tmp_path: Path
) -> None:
    mapping = tmp_path / "mycrm.yaml"
    mapping.write_text(
        """\
source: mycrm
label: My CRM
locale: en
currency: EUR
revenue_unit: 1000          # the export is in thousands
industries: {Intralogistik: logistics}
accounts:
  crm_id: Kundennummer
  name: Firma
  industry: Branche
  employees: Mitarbeiter
  annual_revenue: Umsatz (TEUR)
  city: Ort
  country: Land
""",
        "utf-8",
    )
    export = write_csv(
        "kunden.csv",
        ["Kundennummer", "Firma", "Branche", "Mitarbeiter", "Umsatz (TEUR)", "Ort", "Land"],
        [["K-77", "Auenfeld Logistik GmbH", "Intralogistik", "300", "45000", "Ulm", "Germany"]],
    )

    report = run_import(workspace, [export], mapping_path=mapping)

    assert report.ok, [str(i) for i in report.issues]
    data = yaml.safe_load((workspace / "account_profiles/auenfeld-logistik.yaml").read_text())
    assert data["industry"] == "logistics"
    assert data["annual_revenue"] == {"amount": 45000000, "currency": "EUR"}
    assert data["crm"] == {"source": "mycrm", "id": "K-77"}
    assert data["headquarters"] == "Ulm, Germany"


def test_unrecognised_file_is_reported_and_the_others_imported(
    workspace: Path, write_csv: WriteCsv, runner: CliRunner
) -> None:
    junk = write_csv("junk.csv", ["foo", "bar"], [["1", "2"]])
    good = write_csv("companies.csv", HS_COMPANY_HEADER, COMPANIES[:1])

    result = runner.invoke(app, ["import", str(junk), str(good), "-w", str(workspace)])

    assert result.exit_code == 1
    assert f"{junk}:1: row 1: not recognised as a Salesforce or HubSpot" in result.output
    assert (workspace / "account_profiles/lakeside.yaml").is_file()


def test_wrong_encoding_is_reported_with_a_hint(
    workspace: Path, write_csv: WriteCsv, runner: CliRunner
) -> None:
    export = write_csv("companies.csv", HS_COMPANY_HEADER, COMPANIES, "cp932")

    result = runner.invoke(
        app, ["import", str(export), "--encoding", "utf-8", "-w", str(workspace)]
    )

    assert result.exit_code == 1
    assert "not utf-8 text" in result.output and "--encoding" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--preset", "pipedrive"], "unknown preset 'pipedrive'"),
        (["--encoding", "klingon"], "unknown encoding 'klingon'"),
        (["--mapping", "nope.yaml"], "cannot read mapping file"),
    ],
)
def test_usage_errors_exit_2(
    workspace: Path, write_csv: WriteCsv, runner: CliRunner, args: list[str], message: str
) -> None:
    export = write_csv("companies.csv", HS_COMPANY_HEADER, COMPANIES)

    result = runner.invoke(app, ["import", str(export), *args, "-w", str(workspace)])

    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_invalid_mapping_file_lists_each_problem(
    workspace: Path, write_csv: WriteCsv, runner: CliRunner, tmp_path: Path
) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text("source: My CRM\naccounts:\n  nmae: Firma\n", "utf-8")
    export = write_csv("x.csv", SF_ACCOUNT_HEADER, [])

    result = runner.invoke(
        app, ["import", str(export), "--mapping", str(mapping), "-w", str(workspace)]
    )

    assert result.exit_code == 2
    assert f"{mapping}:1: source: 'My CRM' is not a valid id" in result.output
    assert f"{mapping}:3: accounts.nmae: unknown field 'nmae' (did you mean 'name'?)" in (
        result.output
    )


def test_decode_detects_bom_utf8_cp932_and_utf16() -> None:
    text = "会社名,従業員数\n北斗,8200\n"
    assert decode(text.encode("utf-8-sig")) == (text, "utf-8-sig")
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(text.encode("cp932")) == (text, "cp932")
    assert decode(text.encode("utf-16")) == (text, "utf-16")
    assert decode("①㈱".encode("cp932"))[0] == "①㈱"  # Windows-only characters of CP932


def test_help_does_not_import_the_crm_modules() -> None:
    code = (
        "import sys, abmcontent.cli as c; "
        "print(sorted(m for m in sys.modules if m.startswith(('abmcontent.crm.', 'ruamel', "
        "'pydantic'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=checkout_env())
    assert out.stdout.strip() == "['abmcontent.crm.commands']"
