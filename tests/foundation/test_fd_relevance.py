"""Which products are pitched: an open deal, a ``solved_by`` link, or a strong tag match in an
industry the product is made for; each product, chosen or left out, says why.

The cases are the ones the old rule (any shared tag) got wrong: a community bank pitched a
factory-network product because both mention compliance.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from abmcontent.context import Audience
from abmcontent.models.library import DEFAULT_GENERIC_TAGS

from .factories import account, context, library, role

CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

BANK_CHALLENGES: list[dict[str, Any]] = [
    {
        "id": "audit-findings",
        "title": {"en": "Audit findings on access reviews", "ja": "アクセス権レビューの監査指摘"},
        "impact": "high",
        "tags": ["compliance", "access-review"],
        "owners": ["ciso"],
    },
    {
        "id": "branch-wait",
        "title": {"en": "Long waits in branches", "ja": "店舗での長い待ち時間"},
        "impact": "medium",
        "tags": ["queueing", "customer-experience"],
        "owners": ["coo"],
    },
]
PLANT_NET = {
    "id": "plant-net",
    "name": "PlantNet",
    "summary": {"en": "Factory network visibility", "ja": "工場ネットワークの可視化"},
    # one generic tag shared with the bank, one specific tag it does not have
    "tags": ["compliance", "ot-assets"],
}
ACCESS = {
    "id": "access-guard",
    "name": "AccessGuard",
    "summary": {"en": "Access reviews", "ja": "アクセス権レビュー"},
    "tags": ["access-review"],
    "industries": ["manufacturing"],
}
QUEUE = {
    "id": "queue-pro",
    "name": "QueuePro",
    "summary": {"en": "Branch queueing", "ja": "店舗の待ち行列管理"},
    "tags": ["queueing"],
    "industries": ["banking", "retail"],
}
PRODUCTS = [PLANT_NET, ACCESS, QUEUE]


def bank(locale: str = "en", **fields: Any) -> Any:
    base: dict[str, Any] = {"industry": "banking", "challenges": BANK_CHALLENGES}
    return account(locale=locale, **{**base, **fields})


def solutions(data: dict[str, Any]) -> dict[str, Any]:
    return {s["id"]: s for s in data["solutions"]}


def left_out(data: dict[str, Any]) -> dict[str, Any]:
    return {s["id"]: s for s in data["solutions_left_out"]}


def test_compliance_is_a_generic_tag() -> None:
    assert "compliance" in DEFAULT_GENERIC_TAGS


def test_one_shared_generic_tag_does_not_pitch_a_product() -> None:
    data = context(library(products=PRODUCTS), bank(), role("ciso"))
    assert "plant-net" not in solutions(data)
    assert left_out(data)["plant-net"]["reasons"] == [
        "Shares only a general theme with: Audit findings on access reviews"
    ]


def test_an_off_industry_product_with_one_shared_tag_is_not_pitched() -> None:
    data = context(library(products=PRODUCTS), bank(), role("ciso"))
    assert "access-guard" not in solutions(data)
    assert left_out(data)["access-guard"]["reasons"] == [
        "Made for other industries (Manufacturing), not Banking"
    ]
    # the same product, the same challenge: pitched to an account of its industry
    factory = bank(industry="manufacturing")
    chosen = solutions(context(library(products=PRODUCTS), factory, role("ciso")))
    assert chosen["access-guard"]["challenge_ids"] == ["audit-findings"]


def test_a_product_of_the_account_industry_with_a_specific_tag_is_pitched() -> None:
    data = context(library(products=PRODUCTS), bank(), role("coo"))
    assert list(solutions(data)) == ["queue-pro"]
    assert solutions(data)["queue-pro"]["reasons"] == [
        "Answers: Long waits in branches",
        "Made for your industry (Banking)",
    ]


def test_two_generic_tags_together_are_a_strong_match() -> None:
    challenge = {
        "id": "reporting",
        "title": "Regulatory reporting by hand",
        "tags": ["compliance", "automation"],
    }
    product = {
        "id": "reg-bot",
        "name": "RegBot",
        "summary": "Reports",
        "tags": ["automation", "compliance"],
    }
    data = context(library(products=[product]), bank(challenges=[challenge]), role("cfo"))
    assert solutions(data)["reg-bot"]["challenge_ids"] == ["reporting"]


def test_an_open_opportunity_always_pitches_its_product() -> None:
    # PlantNet answers nothing of the bank's; the deal alone puts it in the proposal
    deal = bank(opportunities=[{"product": "plant-net", "stage": "proposal"}])
    data = context(library(products=PRODUCTS), deal, role("ciso"))
    assert solutions(data)["plant-net"]["in_pipeline"] is True
    assert solutions(data)["plant-net"]["challenge_ids"] == []
    assert solutions(data)["plant-net"]["reasons"] == ["Part of the proposal you are considering"]
    # an off-industry product in the pipeline too, answering what it matches strongly
    deal = bank(opportunities=[{"product": "access-guard", "stage": "negotiation"}])
    chosen = solutions(context(library(products=PRODUCTS), deal, role("ciso")))
    assert chosen["access-guard"]["challenge_ids"] == ["audit-findings"]
    # a lost deal pitches nothing
    lost = bank(opportunities=[{"product": "plant-net", "stage": "lost"}])
    data = context(library(products=PRODUCTS), lost, role("ciso"))
    assert "plant-net" not in solutions(data) and "plant-net" in left_out(data)


def test_a_solved_by_link_always_pitches_the_product() -> None:
    linked = [
        {**BANK_CHALLENGES[0], "solved_by": ["plant-net", "access-guard"]},
        BANK_CHALLENGES[1],
    ]
    data = context(library(products=PRODUCTS), bank(challenges=linked), role("ciso"))
    chosen = solutions(data)
    assert set(chosen) == {"plant-net", "access-guard", "queue-pro"}
    for product in ("plant-net", "access-guard"):
        assert chosen[product]["challenge_ids"] == ["audit-findings"]
        assert chosen[product]["reasons"] == [
            "Named as the answer to: Audit findings on access reviews"
        ]
    assert data["solutions_left_out"] == []


def test_a_solution_row_lists_only_the_challenges_the_product_answers() -> None:
    # PlantNet is linked to one challenge and shares only `compliance` with another
    challenges = [
        {**BANK_CHALLENGES[0], "solved_by": ["plant-net"]},
        BANK_CHALLENGES[1],
        {
            "id": "kyc-backlog",
            "title": "KYC backlog",
            "impact": "high",
            "tags": ["compliance", "kyc"],
        },
    ]
    data = context(library(products=PRODUCTS), bank(challenges=challenges), role("ciso"))
    row = solutions(data)["plant-net"]
    # kyc-backlog shares `compliance` with PlantNet: not enough to be listed as answered
    assert row["challenge_ids"] == ["audit-findings"]
    assert row["challenges"] == ["Audit findings on access reviews"]
    assert solutions(data)["queue-pro"]["challenge_ids"] == ["branch-wait"]


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_every_product_says_why_in_the_account_language(locale: str) -> None:
    deal = bank(locale, opportunities=[{"product": "access-guard", "stage": "proposal"}])
    data = context(library(products=PRODUCTS), deal, role("ciso"))
    every = data["solutions"] + data["solutions_left_out"]
    assert {s["id"] for s in every} == {"plant-net", "access-guard", "queue-pro"}
    assert data["solutions"] and data["solutions_left_out"]
    for product in every:
        assert product["reasons"], product["id"]
        for reason in product["reasons"]:
            assert bool(CJK.search(reason)) is (locale == "ja"), reason
            for slug in ("compliance", "access-review", "banking", "audit-findings"):
                assert slug not in reason, reason
    if locale == "ja":
        assert left_out(data)["plant-net"]["reasons"] == [
            "「アクセス権レビューの監査指摘」とは一般的なテーマを共有するだけです"
        ]
        assert "ご検討中のご提案の対象製品です" in solutions(data)["access-guard"]["reasons"]


def test_customer_and_internal_views_rank_stories_the_same_and_only_internal_says_segment() -> None:
    stories = [
        {"id": "a-peer", "industry": "banking", "roles": ["coo"]},
        # same industry and segment: the segment (internal) breaks the tie
        {"id": "b-peer-same-size", "industry": "banking", "segment": "smb"},
    ]
    acc = bank(segment="smb", stakeholders=[{"id": "kim", "name": "Kim", "role": "cfo"}])
    lib = library(products=PRODUCTS, stories=stories)
    reader = Audience("stakeholder", "kim", "cfo")
    customer = context(lib, acc, reader, doc="proposal")
    internal = context(lib, acc, reader, doc="briefing")
    order = [s["id"] for s in internal["case_studies"]]
    assert order == ["b-peer-same-size", "a-peer"]
    assert [s["id"] for s in customer["case_studies"]] == order
    assert any("similar size" in r for r in internal["case_studies"][0]["reasons"])
    assert not any("similar size" in r for r in customer["case_studies"][0]["reasons"])
    assert [s["id"] for s in customer["solutions"]] == [s["id"] for s in internal["solutions"]]


def test_a_library_chooses_its_own_generic_tags() -> None:
    lib = library(products=PRODUCTS)
    # a library whose tags are all specific: one shared `compliance` is a strong match
    specific = replace(lib, seller=lib.seller.model_copy(update={"generic_tags": []}))
    assert "plant-net" in solutions(context(specific, bank(), role("ciso")))
    # a library that finds `queueing` too general: QueuePro is left out of the bank's deck
    general = replace(lib, seller=lib.seller.model_copy(update={"generic_tags": ["queueing"]}))
    data = context(general, bank(), role("coo"))
    assert "queue-pro" not in solutions(data)
    assert left_out(data)["queue-pro"]["reasons"] == [
        "Shares only a general theme with: Long waits in branches"
    ]


def test_the_battlecard_leads_with_the_value_of_a_pitched_product() -> None:
    # PlantNet comes first in the library and speaks to the security leader, but it is not
    # pitched to the bank: the rep leads with QueuePro's value, which is
    off_topic = {**PLANT_NET, "value_by_role": {"ciso": "Sees every PLC on the network"}}
    fitting = {**QUEUE, "value_by_role": {"ciso": "Branch data stays in the bank"}}
    lib = library(products=[off_topic, ACCESS, fitting])
    acc = bank(stakeholders=[{"id": "kim", "name": "Kim", "role": "ciso"}])
    data = context(lib, acc, Audience("account", "account"), doc="battlecard")
    (person,) = data["battlecard"]["people"]
    assert person["value"] == "Branch data stays in the bank"
