"""Issue 17.2-17.4: realistic HubSpot and Japanese-UI Salesforce exports, one profile per company.

The exports in tests/data/crm/ are imported with the real ``abmcontent import`` command
and the written profiles reopened: ids, merges across CRMs, names kept as written, the
opportunities and activity dates the deals give, and the score they earn.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent.loading.workspace import load_workspace

from .exports import HUBSPOT, SALESFORCE_JA, SF_PRODUCTS, copy_exports, crm_ids, profile, run

NEW = {"kaede-unyu", "aoba-foods", "next-logi", "brightline-outdoor", "shirakaba-seiki"}


@pytest.fixture
def imported(workspace: Path, runner: CliRunner) -> Path:
    """The workspace after importing both CRMs' exports in one run."""
    result = run(runner, workspace, "import", *HUBSPOT, *SALESFORCE_JA, "--mapping", SF_PRODUCTS)
    assert result.exit_code == 0, result.output
    return workspace


def test_both_crms_are_recognised_and_the_salesforce_footer_is_not_reported(
    workspace: Path, runner: CliRunner
) -> None:
    result = run(runner, workspace, "import", *HUBSPOT, *SALESFORCE_JA, "--mapping", SF_PRODUCTS)

    assert result.exit_code == 0, result.output
    for line in (
        "hubspot/companies.csv: HubSpot accounts, 4 row(s), utf-8",
        "hubspot/deals.csv: HubSpot deals, 3 row(s), utf-8",
        "salesforce-ja/accounts.csv: Salesforce accounts, 4 row(s), cp932",
        "salesforce-ja/contacts.csv: Salesforce contacts, 4 row(s), cp932",
        "salesforce-ja/opportunities.csv: Salesforce deals, 3 row(s), cp932",
    ):
        assert line in result.output
    for footer in ("機密情報", "Copyright", "作成者", "株式会社ソラミ"):
        assert footer not in result.output
    assert "5 created, 0 updated" in result.output and "0 problem(s)" in result.output
    ws = load_workspace(workspace)
    assert set(ws.accounts) == NEW | {"hokuto-logistics", "kestrel-outfitters"}
    assert [p for p in ws.errors if p.file.startswith("account_profiles")] == []


def test_the_same_company_in_both_crms_is_one_profile_with_both_ids(imported: Path) -> None:
    kaede = profile(imported, "kaede-unyu")  # same domain
    assert crm_ids(kaede) == {"hubspot": "20110034512", "salesforce": "0015g00000Q7kAbAAJ"}
    aoba = profile(imported, "aoba-foods")  # same domain, names written differently
    assert crm_ids(aoba) == {"hubspot": "20110034777", "salesforce": "0015g00000Q7kAcAAJ"}
    logi = profile(imported, "next-logi")  # no domain: the same name (full width in HubSpot)
    assert crm_ids(logi) == {"hubspot": "20110035020", "salesforce": "0015g00000Q7kAdAAJ"}
    assert crm_ids(profile(imported, "shirakaba-seiki")) == {"salesforce": "0015g00000Q7kAeAAJ"}
    assert crm_ids(profile(imported, "brightline-outdoor")) == {"hubspot": "20110036101"}
    people = {s["name"]: s["crm_id"] for s in kaede["stakeholders"]}
    assert people == {  # contacts of both CRMs on the one profile
        "高橋 健一": "7501",
        "中村 由美": "7502",
        "渡辺 徹": "0035g00000Xy1AaAAJ",
    }


def test_names_and_websites_are_stored_as_written(imported: Path) -> None:
    assert profile(imported, "aoba-foods")["name"] == "（株）青葉フーズ"
    assert profile(imported, "next-logi")["name"] == "ＮＥＸＴ ＬＯＧＩ株式会社"
    # Salesforce has the bare domain: the full URL from HubSpot stays
    assert profile(imported, "kaede-unyu")["website"] == "https://www.kaede-unyu.co.jp/corporate/"
    # HubSpot has only the domain: Salesforce's full URL of the same site replaces it
    assert profile(imported, "aoba-foods")["website"] == "https://www.aoba-foods.jp"


def test_a_contact_of_several_companies_is_reported(workspace: Path, runner: CliRunner) -> None:
    result = run(runner, workspace, "import", *HUBSPOT)

    assert result.exit_code == 0, result.output
    assert (
        "contacts.csv:7: row 7, column 'Associated Company IDs': warning: 伊藤 美咲: associated "
        "with several companies (20110035020, 20110034777); added to next-logi"
    ) in result.output
    assert "伊藤 美咲" not in [s["name"] for s in profile(workspace, "aoba-foods")["stakeholders"]]
    ito = profile(workspace, "next-logi")["stakeholders"][0]
    assert (ito["title"], ito["role"]) == ("総務課 主任", "procurement")


def test_deals_and_opportunities_become_profile_opportunities(imported: Path) -> None:
    kaede = {o["crm_id"]: o for o in profile(imported, "kaede-unyu")["opportunities"]}
    assert kaede["9001"] == {
        "name": "楓運輸 配車最適化 PoC",
        "kind": "new",
        "value": {"amount": 18000000, "currency": "JPY"},
        "stage": "negotiation",  # HubSpot "Contract Sent"
        "close_date": dt.date(2026, 12, 20),
        "crm_id": "9001",
    }  # HubSpot names no product: left unset
    assert kaede["0065g00000Ab1KAAAZ"] == {
        "product": "route-optimizer",  # named through the mapping file
        "name": "楓運輸 配車最適化 全社展開",
        "kind": "upsell",  # 既存顧客 - アップグレード
        "value": {"amount": 36000000, "currency": "JPY"},
        "stage": "negotiation",  # 交渉/レビュー
        "close_date": dt.date(2027, 1, 29),
        "crm_id": "0065g00000Ab1KAAAZ",
    }
    shirakaba = profile(imported, "shirakaba-seiki")["opportunities"]
    assert [(o.get("product"), o["stage"], o.get("value")) for o in shirakaba] == [
        ("demand-forecast", "proposal", {"amount": 12000000, "currency": "JPY"}),
        (None, "discovery", None),
    ]
    assert [o["stage"] for o in profile(imported, "aoba-foods")["opportunities"]] == ["lost"]
    bright = profile(imported, "brightline-outdoor")["opportunities"]
    assert [(o["stage"], o["value"]) for o in bright] == [
        ("proposal", {"amount": 240000, "currency": "USD"})
    ]


def test_last_activity_dates_are_kept_per_crm_record(imported: Path) -> None:
    crm = {r["source"]: r for r in profile(imported, "kaede-unyu")["crm"]}
    # the latest of the company, its contacts and its deals in each CRM
    assert crm["hubspot"]["last_activity"] == dt.date(2026, 11, 22)  # 中村 由美's
    assert crm["salesforce"]["last_activity"] == dt.date(2026, 11, 20)
    assert "last_activity" not in profile(imported, "next-logi")["crm"][1]


def test_score_counts_imported_opportunities_and_activity(
    imported: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "scores.json"
    result = run(runner, imported, "score", "--date", "2026-11-25", "--output", out)

    assert result.exit_code == 0, result.output
    scores = {a["account"]: a for a in json.loads(out.read_text("utf-8"))["accounts"]}
    kaede = scores["kaede-unyu"]["breakdown"]
    assert kaede["opportunities"]["points"] == kaede["opportunities"]["max_points"] > 0
    assert kaede["opportunities"]["reason"] == "2 open, best at negotiation"
    assert kaede["recency"]["points"] == kaede["recency"]["max_points"] > 0
    assert kaede["recency"]["reason"] == "last touch 3 days ago (hubspot activity)"
    assert scores["shirakaba-seiki"]["breakdown"]["opportunities"]["points"] > 0
    assert scores["next-logi"]["breakdown"]["recency"]["points"] == 0
    assert scores["kaede-unyu"]["proposed_tier"] == "strategic"  # imported as programmatic

    applied = run(runner, imported, "score", "--date", "2026-11-25", "--apply", "--yes")

    assert applied.exit_code == 0, applied.output
    assert "tier        kaede-unyu: programmatic -> strategic" in applied.output
    assert profile(imported, "kaede-unyu")["tier"] == "strategic"


def test_reimport_updates_the_crm_fields_of_opportunities_and_keeps_hand_edits(
    imported: Path, runner: CliRunner, tmp_path: Path
) -> None:
    exports = copy_exports(tmp_path / "later")
    path = exports / "salesforce-ja" / "opportunities.csv"
    text = path.read_bytes().decode("cp932")
    text = text.replace('"交渉/レビュー","36,000,000"', '"商談成立","38,500,000"')
    path.write_bytes(text.encode("cp932"))
    kaede_path = imported / "account_profiles" / "kaede-unyu.yaml"
    edited = kaede_path.read_text("utf-8").replace(
        "  crm_id: '9001'\n", "  crm_id: '9001'\n  # PoC scope agreed with 高橋さん\n"
    )
    edited = edited.replace(
        "- name: 楓運輸 配車最適化 PoC\n",
        "- product: route-optimizer\n  name: 楓運輸 配車最適化 PoC\n",
    )
    kaede_path.write_text(edited, "utf-8")
    files = [exports / "salesforce-ja" / n for n in ("accounts.csv", "opportunities.csv")]

    result = run(runner, imported, "import", *files, "--mapping", SF_PRODUCTS)

    assert result.exit_code == 0, result.output
    assert "opportunity 楓運輸 配車最適化 全社展開.stage" in result.output
    kaede = profile(imported, "kaede-unyu")
    by_id = {o["crm_id"]: o for o in kaede["opportunities"]}
    assert by_id["0065g00000Ab1KAAAZ"]["stage"] == "won"
    assert by_id["0065g00000Ab1KAAAZ"]["value"] == {"amount": 38500000, "currency": "JPY"}
    assert by_id["9001"]["product"] == "route-optimizer"  # set by hand, HubSpot names none
    assert "# PoC scope agreed with 高橋さん" in kaede_path.read_text("utf-8")
    assert len(kaede["opportunities"]) == 2
    again = run(runner, imported, "import", *files, "--mapping", SF_PRODUCTS)
    assert "0 created, 0 updated" in again.output


def test_importing_salesforce_first_gives_the_same_companies(
    workspace: Path, runner: CliRunner
) -> None:
    result = run(runner, workspace, "import", *SALESFORCE_JA, *HUBSPOT, "--mapping", SF_PRODUCTS)

    assert result.exit_code == 0, result.output
    names = {p.stem for p in (workspace / "account_profiles").glob("*.yaml")}
    assert names == NEW | {"hokuto-logistics", "kestrel-outfitters"}
    aoba = profile(workspace, "aoba-foods")
    assert aoba["name"] == "青葉フーズ株式会社"  # Salesforce came first: its name, as written
    assert crm_ids(aoba) == {"salesforce": "0015g00000Q7kAcAAJ", "hubspot": "20110034777"}
    # Salesforce's bare domain came first; HubSpot's full URL of the same site replaces it
    assert profile(workspace, "kaede-unyu")["website"] == "https://www.kaede-unyu.co.jp/corporate/"


def test_a_contact_goes_to_the_first_of_its_companies_that_is_known(
    workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    contacts = tmp_path / "contacts.csv"
    header, *rows = (HUBSPOT[1]).read_text("utf-8").splitlines()
    ito = next(r for r in rows if r.startswith("7506,"))
    contacts.write_text(f"{header}\n{ito.replace('20110035020;', '99999999999;')}\n", "utf-8")

    result = run(runner, workspace, "import", HUBSPOT[0], contacts)

    assert result.exit_code == 0, result.output
    assert "(99999999999, 20110034777); added to aoba-foods only" in result.output
    names = [s["name"] for s in profile(workspace, "aoba-foods")["stakeholders"]]
    assert names == ["伊藤 美咲"]
