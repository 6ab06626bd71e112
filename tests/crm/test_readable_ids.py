"""Issue 17.1: new accounts get ids from the domain, else the romanised name, else the CRM id."""

from __future__ import annotations

from pathlib import Path

import pytest

from abmcontent.crm.ids import IdAllocator, account_id_candidates, suggest_account_id
from abmcontent.crm.importer import run_import
from abmcontent.crm.romanize import domain_label, name_slug, strip_legal_forms

from .conftest import HS_COMPANY_HEADER, WriteCsv


@pytest.mark.parametrize(
    ("website", "label"),
    [
        ("kaede-unyu.co.jp", "kaede-unyu"),
        ("https://www.kaede-unyu.co.jp/company/about.html", "kaede-unyu"),
        ("http://WWW.Aoba-Foods.jp", "aoba-foods"),
        ("www.kestrel.co.uk", "kestrel"),
        ("https://shop.lakeside.example/", "lakeside"),
        ("http://192.168.0.1/", ""),
        ("not a site", ""),
        ("", ""),
    ],
)
def test_domain_label(website: str, label: str) -> None:
    assert domain_label(website) == label


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("株式会社 楓運輸", "momiji-unyu"),
        ("（株）青葉フーズ", "aoba-fuuzu"),
        ("北斗ロジスティクス株式会社", "hokuto-rojisuteikusu"),
        ("合同会社みなと精機", "minato-seiki"),
        ("ＮＥＸＴ ＬＯＧＩ株式会社", "next-logi"),
        ("Müller Logistik GmbH", "muller-logistik"),
        ("Acme Holdings, Inc.", "acme"),
    ],
)
def test_name_slug_drops_legal_forms_and_romanises(name: str, slug: str) -> None:
    assert name_slug(name) == slug


def test_legal_forms_only_leave_the_crm_id() -> None:
    assert strip_legal_forms("（株）") == ""
    assert account_id_candidates("株式会社", "", "hubspot", "2011")[0] == "hubspot-2011"


def test_domain_comes_before_the_names_and_ids_are_unique() -> None:
    candidates = account_id_candidates(
        "楓運輸株式会社", "Kaede Transport", "hubspot", "1", "kaede-unyu.co.jp"
    )
    assert candidates[:3] == ["kaede-unyu", "kaede-transport", "momiji-unyu"]
    ids = IdAllocator({"kaede-unyu"})
    assert ids.allocate(candidates) == "kaede-unyu-2"
    assert ids.allocate(candidates) == "kaede-unyu-3"
    assert suggest_account_id("楓運輸株式会社", "", "https://kaede-unyu.co.jp", {"kaede-unyu"}) == (
        "kaede-unyu-2"
    )
    assert suggest_account_id("", "", "", set()) == ""


def test_imported_japanese_companies_get_readable_ids_and_file_names(
    workspace: Path, write_csv: WriteCsv
) -> None:
    site = "https://www.kaede-unyu.co.jp"
    rows = [
        ["20110034512", "楓運輸株式会社", "Logistics", "850", "", "横浜市", "Japan", "", site, ""],
        ["20110034513", "（株）青葉フーズ", "Food Production", "300", "", "仙台市", "", "", "", ""],
        ["20110034514", "株式会社", "Food Production", "30", "", "仙台市", "Japan", "", "", ""],
        ["20110034515", "Kaede Unyu US", "Logistics", "40", "", "", "", "", "kaede-unyu.com", ""],
    ]  # fmt: skip
    companies = write_csv("companies.csv", HS_COMPANY_HEADER, rows)
    report = run_import(workspace, [companies])
    assert sorted(o.account_id for o in report.with_status("created")) == [
        "aoba-fuuzu",
        "hubspot-20110034514",
        "kaede-unyu",
        "kaede-unyu-2",
    ]
    assert (workspace / "account_profiles" / "kaede-unyu.yaml").is_file()
