"""Issue 17.5: the sample personas' title patterns cover the common titles of each role."""

from __future__ import annotations

import pytest

from abmcontent.crm.roles import RoleMatcher
from abmcontent.loading.workspace import load_workspace
from abmcontent.sample import SAMPLE_ROOT

TITLES: dict[str, list[str]] = {
    "cfo": [
        "経理部長",
        "執行役員 経理部長",
        "取締役ＣＦＯ",
        "財務部 課長",
        "管理本部長",
        "会計課 主任",
        "Head of Finance",
        "VP Finance",
        "Corporate Controller",
        "Director of Accounting",
        "Leiter Finanzen",
        "Kaufmännischer Leiter",
    ],
    "coo": [
        "生産管理部長",
        "製造部 部長",
        "工場長",
        "品質保証部 課長",
        "物流部長",
        "物流センター長",
        "SCM推進室長",
        "Head of Operations",
        "VP, Supply Chain",
        "Plant Manager",
        "Director of Manufacturing",
        "Leiter Logistik",
        "Produktionsleiter",
    ],
    "cio": [
        "情報システム部長",
        "情シス 課長",
        "DX推進室長",
        "デジタル戦略部 部長",
        "CIO",
        "Head of IT",
        "IT-Leiter",
        "Enterprise Architect",
        "Chief Digital Officer",
    ],
    "ceo": [
        "代表取締役社長",
        "代表取締役",
        "代表執行役社長",
        "取締役会長",
        "CEO",
        "President",
        "Managing Director",
        "Geschäftsführerin",
        "Geschäftsführer",
        "Founder & CEO",
        "経営企画室 室長",
        "Head of Corporate Strategy",
    ],
    "chro": [
        "人事部長",
        "人事総務部 人事課長",
        "労務課 主任",
        "CHRO",
        "Head of People",
        "HR Manager",
        "Personalleiterin",
    ],
    "ciso": [
        "情報セキュリティ室長",
        "CISO",
        "Chief Information Security Officer",
        "Head of Cybersecurity",
    ],
    "procurement": [
        "購買部長",
        "調達課 課長",
        "資材部 主任",
        "総務課 主任",
        "総務部長",
        "Head of Procurement",
        "Purchasing Manager",
        "Leiter Einkauf",
    ],
    "cmo": [
        "マーケティング部長",
        "営業部長",
        "営業本部 本部長",
        "広報室長",
        "販売促進課 課長",
        "カスタマーサポート部長",
        "CMO",
        "VP Marketing",
        "Head of Sales",
        "Vertriebsleiter",
    ],
}


@pytest.fixture(scope="module")
def matcher() -> RoleMatcher:
    """The role matcher of the sample library."""
    library = load_workspace(SAMPLE_ROOT).require_library()
    return RoleMatcher(library.personas)


@pytest.mark.parametrize(
    ("title", "role"), [(title, role) for role, titles in TITLES.items() for title in titles]
)
def test_common_titles_match_their_role(matcher: RoleMatcher, title: str, role: str) -> None:
    found = matcher.match(title)
    assert found is not None, f"{title!r} matches no persona"
    assert found.role == role, f"{title!r} -> {found.role} (matched {found.matched!r})"


@pytest.mark.parametrize(
    "title", ["受付", "Receptionist", "Product Owner", "Intern", "Audit Manager"]
)
def test_titles_of_no_buying_role_match_nothing(matcher: RoleMatcher, title: str) -> None:
    assert matcher.match(title) is None


def test_a_sales_representative_is_not_taken_for_the_chief_executive(
    matcher: RoleMatcher,
) -> None:
    found = matcher.match("営業代表")  # 代表 alone is no pattern: only 代表取締役 / 代表執行役
    assert found is not None and found.role == "cmo"
