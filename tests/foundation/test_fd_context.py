"""The render context on the contract examples: pure, localized, formatted."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from abmcontent.context import Audience, audiences_for, build_context
from abmcontent.loading.workspace import load_workspace
from abmcontent.models import AccountProfile

TODAY = dt.date(2026, 11, 25)


def test_context_is_pure_and_plain_data(contract_ws: Path) -> None:
    ws = load_workspace(contract_ws)
    assert ws.library is not None
    account = ws.accounts["hokuto-logistics"]
    before = account.model_dump()
    audience = Audience("stakeholder", "takahashi-yumi", "cfo")
    first = build_context(ws.library, account, audience, doc="proposal", root=ws.root, today=TODAY)
    again = build_context(ws.library, account, audience, doc="proposal", root=ws.root, today=TODAY)
    assert json.dumps(first.data, sort_keys=True) == json.dumps(again.data, sort_keys=True)
    assert copy.deepcopy(first.data) == first.data
    assert account.model_dump() == before
    assert "account_profiles/hokuto-logistics.yaml" in first.sources


def test_japanese_account_context(contract_ws: Path) -> None:
    ws = load_workspace(contract_ws)
    assert ws.library is not None
    account = ws.accounts["hokuto-logistics"]
    data = build_context(
        ws.library,
        account,
        Audience("stakeholder", "takahashi-yumi", "cfo"),
        doc="proposal",
        root=ws.root,
        today=TODAY,
    ).data
    assert data["locale"] == "ja"
    assert data["date_text"] == "2026年11月25日"
    assert data["account"]["annual_revenue"] == "2,450億円"
    assert [o["value"] for o in data["account"]["opportunities"]] == ["4,800万円", "2,100万円"]
    assert data["account"]["open_pipeline"] == "6,900万円"
    assert data["challenges"][0]["id"] == "last-mile-cost"
    assert data["challenges"][0]["owned_by_audience"] is True
    assert data["persona"]["title"] == "財務責任者"
    assert data["case_studies"][0]["id"] == "kanto-freight"
    assert data["solutions"][0]["value"].startswith("配送コストを平均14%削減")
    logo = data["account"]["logo"]
    assert logo and Path(logo).is_absolute() and Path(logo).is_relative_to(ws.root)


def test_english_account_context(contract_ws: Path) -> None:
    ws = load_workspace(contract_ws)
    assert ws.library is not None
    account = ws.accounts["northwind-health"]
    assert [a.id for a in audiences_for(account, "proposal")] == ["coo", "cfo", "cio"]
    data = build_context(
        ws.library,
        account,
        Audience("role", "coo", "coo"),
        doc="proposal",
        root=ws.root,
        today=TODAY,
    ).data
    assert data["date_text"] == "November 25, 2026"
    assert data["account"]["annual_revenue"] == "$610M"
    assert data["account"]["opportunities"][0]["value"] == "$380,000"
    assert data["case_studies"][0]["id"] == "lakeside-clinics"
    assert data["solutions"][0]["id"] == "demand-forecast"
    assert data["solutions"][0]["value"] == "62% fewer stock-outs on average"
    # the Japanese story is told in English where it has English text
    texts = json.dumps(data["case_studies"], ensure_ascii=False)
    assert "関東フレイト" not in texts
    assert data["account"]["logo"] is None


def test_a_reader_without_a_persona_still_gets_priorities(contract_ws: Path) -> None:
    """The whole account has no persona: its readers, goals or challenges stand in."""
    ws = load_workspace(contract_ws)
    assert ws.library is not None
    account = ws.accounts["hokuto-logistics"]
    whole = Audience("account", "account", None)

    def priorities(profile: AccountProfile, reader: Audience = whole) -> list[str]:
        assert ws.library is not None
        data = build_context(ws.library, profile, reader, doc="proposal", root=ws.root, today=TODAY)
        return list(data.data["persona"]["priorities"])

    from_people = priorities(account)
    assert from_people[:2] == ["中期経営計画の達成", "荷主満足度の向上"]
    assert len(from_people) == 5 and len(set(from_people)) == 5
    alone = account.model_copy(update={"stakeholders": []})
    from_goals = priorities(alone)
    assert from_goals and all(goal in str(account.business_goals) for goal in from_goals)
    bare = alone.model_copy(update={"business_goals": []})
    from_challenges = priorities(bare)
    titles = str([c.title for c in account.challenges])
    assert from_challenges and all(title in titles for title in from_challenges)
    cfo = Audience("stakeholder", "takahashi-yumi", "cfo")
    assert priorities(account, cfo) == ["投資対効果", "固定費削減", "リスク管理"]  # its own
