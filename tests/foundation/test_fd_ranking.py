"""Rankings for one audience, on cases built so that naive rankings give other answers.

Naive rankings this suite tells apart from the right one: file (or id) order, impact
only, owner-first-then-file-order, industry only, most shared tags only, role only.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from abmcontent.context import Audience

from .factories import account, context, library, role

CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# File order is deliberately none of the right orders.
CHALLENGES: list[dict[str, Any]] = [
    {
        "id": "fleet-downtime",
        "title": {"en": "Trucks off the road", "ja": "車両の稼働停止"},
        "impact": "high",
        "tags": ["maintenance"],
        "owners": ["coo"],
    },
    {
        "id": "cash-tied-up",
        "title": {"en": "Cash tied up in stock", "ja": "在庫に滞留する資金"},
        "impact": "low",
        "tags": ["working-capital"],
        "owners": ["cfo"],
    },
    {
        "id": "late-invoices",
        "title": {"en": "Invoices go out late", "ja": "請求書発行の遅れ"},
        "impact": "medium",
        "tags": ["billing"],
        "owners": ["cfo"],
    },
    {
        "id": "data-silos",
        "title": {"en": "Data split across sites", "ja": "拠点ごとに分断されたデータ"},
        "impact": "medium",
        "tags": ["data-integration", "master-data"],
        "owners": ["cio"],
    },
]
PEOPLE = [
    {"id": "ann", "name": "Ann", "role": "cfo"},
    {"id": "bob", "name": "Bob", "role": "coo"},
]
PRODUCTS: list[dict[str, Any]] = [
    {
        "id": "fleet-care",
        "name": "FleetCare",
        "summary": {"en": "Predictive maintenance", "ja": "予知保全"},
        "tags": ["maintenance"],
        "value_by_role": {"coo": {"en": "30% less downtime", "ja": "稼働停止を30%削減"}},
    },
    {
        "id": "ledger",
        "name": "Ledger",
        "summary": {"en": "Billing automation", "ja": "請求業務の自動化"},
        "tags": ["billing", "working-capital"],
        "value_by_role": {"cfo": {"en": "Cash back 12 days sooner", "ja": "資金回収を12日短縮"}},
    },
    {
        "id": "promo",
        "name": "Promo",
        "summary": "Campaign tooling",
        "tags": ["marketing"],
    },
    {
        "id": "datahub",
        "name": "DataHub",
        "summary": {"en": "One data platform", "ja": "データ統合基盤"},
        "tags": ["data-integration", "master-data"],
    },
]


def acc(locale: str = "en", **fields: Any) -> Any:
    return account(locale=locale, challenges=CHALLENGES, stakeholders=PEOPLE, **fields)


def challenge_ids(data: dict[str, Any]) -> list[str]:
    return [c["id"] for c in data["challenges"]]


# --- challenges -------------------------------------------------------------------------


def test_cfo_sees_cfo_owned_challenges_first_even_below_higher_impact() -> None:
    data = context(library(), acc(), role("cfo"))
    assert challenge_ids(data) == ["late-invoices", "cash-tied-up", "fleet-downtime", "data-silos"]
    assert [c["owned_by_audience"] for c in data["challenges"]] == [True, True, False, False]


def test_a_named_stakeholder_ranks_like_their_role() -> None:
    data = context(library(), acc(), Audience("stakeholder", "ann", "cfo"))
    assert challenge_ids(data)[:2] == ["late-invoices", "cash-tied-up"]


def test_coo_sees_their_own_challenge_first() -> None:
    data = context(library(), acc(), role("coo"))
    assert challenge_ids(data) == ["fleet-downtime", "late-invoices", "data-silos", "cash-tied-up"]


def test_whole_account_ranks_by_impact_keeping_profile_order_on_ties() -> None:
    data = context(library(), acc(tier="programmatic"), Audience("account", "account"))
    assert challenge_ids(data) == ["fleet-downtime", "late-invoices", "data-silos", "cash-tied-up"]
    # the account section is the same whoever reads the document
    assert [c["id"] for c in data["account"]["challenges"]] == challenge_ids(data)


# --- products ---------------------------------------------------------------------------


def solution_ids(data: dict[str, Any]) -> list[str]:
    return [s["id"] for s in data["solutions"]]


def test_products_answering_the_audience_top_challenges_come_first() -> None:
    lib = library(products=PRODUCTS)
    cfo = context(lib, acc(), role("cfo"))
    assert solution_ids(cfo) == ["ledger", "fleet-care", "datahub"]
    assert set(cfo["solutions"][0]["challenge_ids"]) == {"late-invoices", "cash-tied-up"}
    coo = context(lib, acc(), role("coo"))
    assert solution_ids(coo) == ["fleet-care", "ledger", "datahub"]
    assert coo["solutions"][0]["challenge_ids"] == ["fleet-downtime"]


def test_a_product_answering_nothing_is_left_out_unless_in_the_pipeline() -> None:
    lib = library(products=PRODUCTS)
    assert "promo" not in solution_ids(context(lib, acc(), role("cfo")))
    piped = acc(opportunities=[{"product": "promo", "stage": "proposal"}])
    solutions = {s["id"]: s for s in context(lib, piped, role("cfo"))["solutions"]}
    assert solutions["promo"]["in_pipeline"] is True
    lost = acc(opportunities=[{"product": "promo", "stage": "lost"}])
    assert "promo" not in solution_ids(context(lib, lost, role("cfo")))


def test_value_for_the_role_when_the_product_has_one_else_the_summary() -> None:
    lib = library(products=PRODUCTS)
    cfo = {s["id"]: s for s in context(lib, acc(), role("cfo"))["solutions"]}
    assert cfo["ledger"]["value"] == "Cash back 12 days sooner"
    assert cfo["fleet-care"]["value"] == "Predictive maintenance"
    coo = {s["id"]: s for s in context(lib, acc(), role("coo"))["solutions"]}
    assert coo["fleet-care"]["value"] == "30% less downtime"
    assert coo["ledger"]["value"] == "Billing automation"
    whole = context(lib, acc(tier="programmatic"), Audience("account", "account"))
    assert {s["value"] for s in whole["solutions"]} == {
        "Predictive maintenance",
        "Billing automation",
        "One data platform",
    }
    ja = {s["id"]: s for s in context(lib, acc("ja"), role("cfo"))["solutions"]}
    assert ja["ledger"]["value"] == "資金回収を12日短縮"
    assert ja["fleet-care"]["value"] == "予知保全"


# --- case studies -----------------------------------------------------------------------

STORIES: list[dict[str, Any]] = [
    # same industry only
    {"id": "a-same-industry", "industry": "logistics", "roles": ["coo"]},
    # shared challenges only, and more of them than the best story
    {
        "id": "b-shared-tags",
        "industry": "retail",
        "challenge_tags": ["maintenance", "billing", "working-capital", "data-integration"],
        "roles": ["coo"],
    },
    # the audience's role only
    {"id": "c-role-only", "industry": "retail", "roles": ["cfo"]},
    # all three: same industry, a shared challenge, the audience's role
    {
        "id": "z-best",
        "industry": "logistics",
        "challenge_tags": ["billing"],
        "roles": ["cfo"],
    },
]


def story_ids(data: dict[str, Any]) -> list[str]:
    return [s["id"] for s in data["case_studies"]]


def test_industry_plus_shared_challenge_plus_role_beats_any_single_match() -> None:
    chosen = story_ids(context(library(stories=STORIES), acc(), role("cfo")))
    assert chosen[0] == "z-best"
    assert "c-role-only" not in chosen
    assert set(chosen) == {"z-best", "a-same-industry", "b-shared-tags"}


FULL = {"industry": "logistics", "challenge_tags": ["data-integration"], "roles": ["cfo"]}


@pytest.mark.parametrize(
    "missing",
    [
        {"roles": ["coo"]},
        {"challenge_tags": []},
        {"industry": "retail"},
    ],
    ids=["no-role", "no-shared-challenge", "other-industry"],
)
def test_dropping_any_one_match_makes_a_story_lose(missing: dict[str, Any]) -> None:
    # ids put the weaker story first, so file or id order would pick it
    stories = [{"id": "a-weaker", **FULL, **missing}, {"id": "z-full", **FULL}]
    chosen = story_ids(context(library(stories=stories), acc(), role("cfo")))
    assert chosen == ["z-full", "a-weaker"]


def test_the_same_library_ranks_differently_for_another_role() -> None:
    stories = [
        {
            "id": "x-for-coo",
            "industry": "logistics",
            "challenge_tags": ["maintenance"],
            "roles": ["coo"],
        },
        {
            "id": "y-for-cfo",
            "industry": "logistics",
            "challenge_tags": ["billing"],
            "roles": ["cfo"],
        },
    ]
    lib = library(stories=stories)
    assert story_ids(context(lib, acc(), role("coo"))) == ["x-for-coo", "y-for-cfo"]
    assert story_ids(context(lib, acc(), role("cfo"))) == ["y-for-cfo", "x-for-coo"]


def test_a_story_without_industry_match_or_shared_tag_is_never_chosen() -> None:
    # It matches everything else (role, segment, product in the pipeline, locale) and there
    # is room for it: only the industry or a shared challenge makes a story relevant.
    stories = [
        {"id": "relevant", "industry": "logistics", "roles": ["coo"]},
        {
            "id": "tempting",
            "industry": "retail",
            "segment": "enterprise",
            "challenge_tags": ["marketing"],
            "products": ["ledger"],
            "roles": ["cfo"],
        },
    ]
    lib = library(products=PRODUCTS, stories=stories)
    piped = acc(segment="enterprise", opportunities=[{"product": "ledger"}])
    assert story_ids(context(lib, piped, role("cfo"))) == ["relevant"]
    assert story_ids(context(library(stories=stories[1:]), piped, role("cfo"))) == []


def test_at_most_three_stories() -> None:
    many = [{"id": f"s{i}", "industry": "logistics"} for i in range(6)]
    assert len(context(library(stories=many), acc(), role("cfo"))["case_studies"]) == 3


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_each_chosen_story_has_readable_reasons_in_the_account_locale(locale: str) -> None:
    data = context(library(stories=STORIES), acc(locale), role("cfo"))
    assert data["case_studies"]
    for chosen in data["case_studies"]:
        assert chosen["reasons"], chosen["id"]
        for reason in chosen["reasons"]:
            assert reason.strip()
            assert bool(CJK.search(reason)) is (locale == "ja"), reason
            # readable words, not raw slugs or persona keys
            for slug in ("cfo", "billing", "working-capital", "logistics", "late-invoices"):
                assert slug not in reason, reason
        assert chosen["reason"].strip()
    best = data["case_studies"][0]
    joined = " ".join(best["reasons"])
    if locale == "en":
        assert "Logistics" in joined and "Invoices go out late" in joined
        assert "finance leader" in joined
    else:
        assert "物流" in joined and "請求書発行の遅れ" in joined and "財務責任者" in joined
    assert len(best["reasons"]) >= 3


def test_a_story_that_cannot_be_told_in_the_account_language_is_never_chosen() -> None:
    # The English-only story matches on everything; the Japanese one only on industry.
    english_only = {
        "id": "a-english-only",
        "industry": "logistics",
        "roles": ["cfo"],
        "challenge_tags": ["billing"],
        "situation": "Before.",
        "solution": "Did.",
        "outcome": "After.",
    }
    japanese = {
        "id": "z-japanese",
        "industry": "logistics",
        "locale": "ja",
        "situation": "導入前。",
        "solution": "実施。",
        "outcome": "導入後。",
    }
    lib = library(stories=[english_only, japanese])
    assert story_ids(context(lib, acc("ja"), role("cfo"))) == ["z-japanese"]
    assert story_ids(context(lib, acc("en"), role("cfo")))[0] == "a-english-only"
