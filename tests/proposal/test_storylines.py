"""A storyline per proof style: which slides a reader's deck has, in which order."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pptx import Presentation

from abmcontent.context.storyline import DEFAULT_STORYLINES, build_storyline
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.pipeline import plan_jobs, prepare_job, render_prepared
from abmcontent.sample import init_workspace

FULL = {
    "locale": "en",
    "account": {"name": "Acme", "business_goals": ["Grow"], "stakeholders": [{"id": "a"}]},
    "business_case": {"available": True, "tco": {"available": True}},
    "challenges": [{"id": "c"}],
    "solutions": [{"id": "p"}],
    "case_studies": [{"id": "s1"}, {"id": "s2"}, {"id": "s3"}],
    "competitors": [{"claims": [{}], "differentiators": []}],
    "has_investment_chart": True,
    "persona": {"priorities": ["x"]},
}


@pytest.mark.parametrize("proof", list(DEFAULT_STORYLINES))
def test_each_storyline_has_its_sections_in_order(proof: str) -> None:
    story = build_storyline(FULL, proof, None)
    assert story["sections"] == list(DEFAULT_STORYLINES[proof])
    assert [a["key"] for a in story["agenda"]] == story["sections"]


def test_the_default_storylines() -> None:
    assert build_storyline(FULL, "strategic", None)["sections"] == [
        "situation", "business_case", "solution", "proof", "next_steps",
    ]
    roi = build_storyline(FULL, "roi", None)
    assert roi["sections"][0] == "business_case" and roi["early"]["business_case"]
    assert roi["early"]["comparison"] is False  # after the proof
    technical = build_storyline(FULL, "technical", None)
    assert technical["early"]["comparison"] and not technical["early"]["deployment"]
    operational = build_storyline(FULL, "operational", None)
    assert operational["early"]["deployment"]
    # a brief deck tells one story and has no agenda; the others two, with an agenda
    strategic = build_storyline(FULL, "strategic", None)
    assert strategic["story_ids"] == ["s1"] and not strategic["has_agenda"]
    assert roi["story_ids"] == ["s1", "s2"] and roi["has_agenda"]


def test_a_section_without_data_is_left_out_of_the_storyline_and_the_agenda() -> None:
    bare = {**FULL, "business_case": {"available": False}, "case_studies": [], "competitors": []}
    roi = build_storyline(bare, "roi", None)
    assert roi["sections"] == ["situation", "solution", "investment", "next_steps"]
    assert not roi["show"]["proof"] and not roi["early"]["business_case"]


def test_a_persona_may_override_its_storyline() -> None:
    story = build_storyline(FULL, "strategic", ["business_case", "proof", "next_steps"])
    assert story["sections"] == ["business_case", "proof", "next_steps"]
    assert story["has_agenda"] and story["early"]["business_case"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return load_workspace(init_workspace(tmp_path_factory.mktemp("story") / "ws"))


def _decks(ws: Workspace, account: str) -> dict[str, tuple[dict, list[list[str]]]]:
    decks = {}
    for job in plan_jobs(ws, accounts=[account], docs=["proposal"]):
        prepared = prepare_job(ws, job, today=dt.date(2026, 11, 25))
        data = render_prepared(ws, prepared).data
        deck = Presentation(io.BytesIO(data))
        slides = [
            [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
            for slide in deck.slides
        ]
        decks[job.audience.id] = (prepared.context.data, slides)
    return decks


def _expected_slides(context: dict) -> int:
    story = context["storyline"]
    count = 1 + (1 if story["has_agenda"] else 0)
    for section in story["sections"]:
        if section == "proof":
            count += story["stories"]
        elif section == "comparison":
            count += sum(1 for c in context["competitors"] if c["claims"] or c["differentiators"])
        else:
            count += 1
    return count


@pytest.mark.parametrize("account", ["hokuto-logistics", "brightwater-foods"])
def test_each_readers_deck_follows_its_storyline(sample: Workspace, account: str) -> None:
    decks = _decks(sample, account)
    names = {context["storyline"]["name"] for context, _ in decks.values()}
    assert len(names) >= 3, names  # the readers get different storylines
    for audience, (context, slides) in decks.items():
        story = context["storyline"]
        assert len(slides) == _expected_slides(context), (audience, story["sections"])
        if story["name"] == "strategic":
            assert len(slides) <= 7 and not story["has_agenda"]
        if story["has_agenda"]:
            agenda = "\n".join(slides[1])
            titles = [item["title"] for item in story["agenda"]]
            positions = [agenda.find(t) for t in titles]
            assert -1 not in positions and positions == sorted(positions), (audience, agenda)


def test_the_decks_of_one_account_differ_by_reader(sample: Workspace, tmp_path: Path) -> None:
    decks = _decks(sample, "hokuto-logistics")
    counts = {audience: len(slides) for audience, (_, slides) in decks.items()}
    assert len(set(counts.values())) >= 3, counts
