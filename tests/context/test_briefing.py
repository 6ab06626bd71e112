"""The suggested agenda and questions per attendee (abmcontent.context.briefing)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from abmcontent.context import audiences_for, build_context
from abmcontent.context.briefing import MAX_QUESTIONS, MEETING_MINUTES, build_briefing
from abmcontent.loading.workspace import load_workspace
from tests.contract_data import CONTRACT_DIR

CONTRACT = CONTRACT_DIR


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
    # the challenge she owns opens, in lower case inside the sentence, not quoted
    assert "recurring stock-outs of critical consumables" in dana["questions"][0]
    assert "“" not in dana["questions"][0]
    # as decision maker, she is asked about the path to a decision on the open opportunity
    assert any("Sorami Forecast" in q and "decision" in q for q in dana["questions"])
    assert any("Service level to clinics" in q for q in dana["questions"])
    lee = by_id["lee-okafor"]
    # the blocker is asked first what would address their concern, in their own words
    assert lee["questions"][0].startswith("HIPAA compliance")
    assert "comfortable moving forward" in lee["questions"][0]
    assert lee["watch_out"].startswith("Burned by a failed WMS migration")
    raj = by_id["raj-iyer"]
    # the persona's priorities read naturally (lower case inside the sentence)
    assert any("return on investment" in q for q in raj["questions"])
    assert not any(q.startswith("Looking at") for a in briefing["attendees"]
                   for q in a["questions"])
    assert "Explore where" in " ".join(item["title"] for item in briefing["agenda"])
    assert all(q.endswith("?") for a in briefing["attendees"] for q in a["questions"])


def test_questions_are_varied_between_attendees(workspace):
    for account_id in ("hokuto-logistics", "northwind-health"):
        briefing = _context(workspace, account_id)["briefing"]
        firsts = [a["questions"][0] for a in briefing["attendees"]]
        assert len(set(firsts)) == len(firsts), account_id
        # no question is put word for word to two attendees (two decision makers included)
        everything = [q for a in briefing["attendees"] for q in a["questions"]]
        assert len(set(everything)) == len(everything), account_id


def test_two_owners_of_one_challenge_are_asked_about_different_ones(workspace):
    briefing = _context(workspace, "hokuto-logistics")["briefing"]
    by_id = {a["id"]: a for a in briefing["attendees"]}
    # the CFO and the COO both own the last-mile cost; the COO also owns the driver shortage
    assert "ラストワンマイル配送コストの上昇" in by_id["takahashi-yumi"]["questions"][0]
    assert "ドライバー不足と労働時間規制" in by_id["ito-daisuke"]["questions"][0]


def test_landmines_go_to_champions_and_decision_makers_one_each():
    people = [
        {"id": "dm", "name": "DM", "role": "ceo", "influence": "decision_maker"},
        {"id": "ch", "name": "CH", "role": "coo", "influence": "champion"},
        {"id": "bl", "name": "BL", "role": "cio", "influence": "blocker"},
    ]
    data = _data("en", stakeholders=people)
    data["competitors"] = [{"name": "X", "status": "incumbent", "status_label": "Incumbent",
                            "landmines": ["Q1?", "Q2?", "Q3?"]}]
    briefing = build_briefing(data, {})
    assert [entry["ask_id"] for entry in briefing["landmines"]] == ["ch", "dm", "ch"]
    by_id = {a["id"]: a for a in briefing["attendees"]}
    assert "Q1?" in by_id["ch"]["questions"] and "Q3?" not in by_id["ch"]["questions"]
    assert "Q2?" in by_id["dm"]["questions"]
    assert not any(q.startswith("Q") for q in by_id["bl"]["questions"])


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
        "今回の取り組みで、最も重視される成果は何でしょうか？"]


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
