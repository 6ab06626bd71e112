"""Audience expansion by tier, per the contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from abmcontent.context import Audience, audiences_for
from abmcontent.context.audiences import resolve_audience
from abmcontent.loading.workspace import load_workspace
from abmcontent.pipeline import plan_jobs

from .factories import account

PEOPLE = [
    {"id": "ann", "name": "Ann", "role": "cfo"},
    {"id": "bob", "name": "Bob", "role": "coo"},
    {"id": "cy", "name": "Cy", "role": "cfo"},
    {"id": "dee", "name": "Dee", "role": "cio"},
]


def ids(audiences: list[Audience]) -> list[str]:
    return [a.id for a in audiences]


def test_strategic_gets_one_audience_per_stakeholder() -> None:
    got = audiences_for(account(tier="strategic", stakeholders=PEOPLE), "proposal")
    assert got == [
        Audience("stakeholder", "ann", "cfo"),
        Audience("stakeholder", "bob", "coo"),
        Audience("stakeholder", "cy", "cfo"),
        Audience("stakeholder", "dee", "cio"),
    ]


def test_lite_gets_one_audience_per_role_present_in_first_seen_order() -> None:
    got = audiences_for(account(tier="lite", stakeholders=PEOPLE), "case-study")
    assert got == [
        Audience("role", "cfo", "cfo"),
        Audience("role", "coo", "coo"),
        Audience("role", "cio", "cio"),
    ]


def test_programmatic_gets_one_audience_per_account() -> None:
    got = audiences_for(account(tier="programmatic", stakeholders=PEOPLE), "proposal")
    assert got == [Audience("account", "account", None)]


@pytest.mark.parametrize("tier", ["strategic", "lite", "programmatic"])
def test_briefing_is_always_one_per_account(tier: str) -> None:
    assert ids(audiences_for(account(tier=tier, stakeholders=PEOPLE), "briefing")) == ["account"]


@pytest.mark.parametrize("tier", ["strategic", "lite"])
def test_no_stakeholders_falls_back_to_the_account(tier: str) -> None:
    assert ids(audiences_for(account(tier=tier), "proposal")) == ["account"]


def test_resolve_audience_by_stakeholder_role_or_account() -> None:
    acc = account(tier="lite", stakeholders=PEOPLE)
    assert resolve_audience(acc, "bob") == Audience("stakeholder", "bob", "coo")
    assert resolve_audience(acc, "cio") == Audience("role", "cio", "cio")
    assert resolve_audience(acc, "account") == Audience("account", "account", None)
    assert resolve_audience(acc, "ceo") is None
    assert resolve_audience(acc, "nobody") is None


def test_contract_jobs_and_output_paths(contract_ws: Path) -> None:
    ws = load_workspace(contract_ws)
    jobs = plan_jobs(ws, docs=["proposal", "briefing"], formats=["pptx", "pdf"])
    outputs = sorted(j.output for j in jobs)
    hokuto = ["sato-kenichi", "takahashi-yumi", "ito-daisuke", "watanabe-sho"]
    expected = [
        f"output/hokuto-logistics/proposal/{s}.{f}" for s in hokuto for f in ("pptx", "pdf")
    ]
    expected += [
        f"output/northwind-health/proposal/{r}.{f}"
        for r in ("coo", "cfo", "cio")
        for f in ("pptx", "pdf")
    ]
    expected += [
        f"output/{a}/briefing/account.pdf" for a in ("hokuto-logistics", "northwind-health")
    ]
    assert outputs == sorted(expected)
