"""The suggested agenda and questions per attendee (abmcontent.context.briefing)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from abmcontent.context import audiences_for, build_context
from abmcontent.context.briefing import MAX_QUESTIONS, MEETING_MINUTES, build_briefing
from abmcontent.loading.workspace import load_workspace

CONTRACT = Path("/work/shared/contract")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("ws")
    for item in CONTRACT.iterdir():
        if item.is_dir():
            shutil.copytree(item, root / item.name)
    return load_workspace(root)


def _context(workspace, account_id: str, doc: str = "briefing") -> dict:
    account = workspace.accounts[account_id]
    return build_context(
        workspace.library, account, audiences_for(account, doc)[0], doc=doc,
        root=workspace.root, today=dt.date(2026, 11, 25),
    ).data


def _data(locale: str = "en", **account) -> dict:
    base = {
        "challenges": [], "opportunities": [], "stakeholders": [], "business_goals": [],
    }
    base.update(account)
    return {"locale": locale, "account": base, "competitors": []}


def test_briefing_is_in_the_context_only_for_briefings(workspace):
    assert "briefing" in _context(workspace, "hokuto-logistics")
    assert "briefing" not in _context(workspace, "hokuto-logistics", "competitive")


def test_japanese_agenda_and_questions_are_natural_japanese(workspace):
    briefing = _context(workspace, "hokuto-logistics")["briefing"]
    agenda = briefing["agenda"]
    assert agenda[0]["title"] == "ご挨拶と本日の目的の確認"
    assert agenda[-1]["title"] == "次のステップの合意"
    assert "経営層ディスカッション" in agenda[-1]["detail"]
    assert any("ラストワンマイル配送コストの上昇" in item["title"] for item in agenda)
    assert sum(item["minutes"] for item in agenda) == MEETING_MINUTES
    for attendee in briefing["attendees"]:
        assert 1 <= len(attendee["questions"]) <= MAX_QUESTIONS
        for question in attendee["questions"]:
            assert question.endswith("？"), question
            assert "{" not in question


def test_decision_makers_come_first_and_the_champion_gets_the_landmine(workspace):
    briefing = _context(workspace, "hokuto-logistics")["briefing"]
    influences = [a["influence"] for a in briefing["attendees"]]
    assert influences[:2] == ["decision_maker", "decision_maker"]
    landmine = briefing["landmines"][0]
    assert landmine["competitor"] == "RouteMax"
    champion = next(a for a in briefing["attendees"] if a["influence"] == "champion")
    assert landmine["ask_id"] == champion["id"]
    assert landmine["question"] in champion["questions"]
    assert champion["watch_out"].startswith("2026年10月")


def test_english_questions_use_priorities_challenges_and_concerns(workspace):
    briefing = _context(workspace, "northwind-health")["briefing"]
    by_id = {a["id"]: a for a in briefing["attendees"]}
    dana = by_id["dana-whitfield"]
    assert dana["questions"][0].startswith(
        "Where does “Recurring stock-outs of critical consumables” hurt most")
    assert any("Service level to clinics" in q for q in dana["questions"])
    lee = by_id["lee-okafor"]
    assert any("comfortable moving forward" in q for q in lee["questions"])
    assert lee["watch_out"].startswith("Burned by a failed WMS migration")
    assert "Explore where" in " ".join(item["title"] for item in briefing["agenda"])
    assert all(q.endswith("?") for a in briefing["attendees"] for q in a["questions"])


def test_empty_account_still_gives_a_sensible_agenda():
    briefing = build_briefing(_data("en"), {})
    titles = [item["title"] for item in briefing["agenda"]]
    assert titles == ["Introductions and the purpose of the visit", "Agree on next steps"]
    assert briefing["attendees"] == [] and briefing["landmines"] == []
    assert not briefing["has_attendees"] and not briefing["has_landmines"]


def test_person_with_nothing_known_gets_a_generic_question():
    person = {"id": "x", "name": "X", "role": "unknown", "priorities": [], "notes": ""}
    briefing = build_briefing(_data("ja", stakeholders=[person]), {})
    assert briefing["attendees"][0]["questions"] == [
        "今回の取り組みで、最も重視される成果は何ですか？"]


def test_displaced_competitors_give_no_landmines():
    data = _data("en", stakeholders=[{"id": "a", "name": "A", "role": "coo"}])
    data["competitors"] = [
        {"name": "Old", "status": "displaced", "landmines": ["Q1?"]},
        {"name": "New", "status": "evaluating", "status_label": "Being evaluated",
         "landmines": ["Q2?"]},
    ]
    briefing = build_briefing(data, {})
    assert [entry["question"] for entry in briefing["landmines"]] == ["Q2?"]
    assert "Q2?" in briefing["attendees"][0]["questions"]


def test_the_function_is_pure():
    data = _data("en", business_goals=["Grow"], stakeholders=[
        {"id": "a", "name": "A", "role": "cfo", "priorities": ["Payback"]}])
    first = build_briefing(data, {"cfo": {"priorities": ["ROI"], "call_to_action": "Talk"}})
    second = build_briefing(data, {"cfo": {"priorities": ["ROI"], "call_to_action": "Talk"}})
    assert first == second
    assert data["account"]["stakeholders"][0] == {
        "id": "a", "name": "A", "role": "cfo", "priorities": ["Payback"]}
