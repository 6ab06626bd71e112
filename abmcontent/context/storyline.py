"""The storyline of a customer document: which sections, in which order, for this reader.

The persona's ``proof`` style chooses a default storyline (a library may override it with
``storyline`` in personas.yaml):

- ``strategic``: a brief executive deck: the situation, what is at stake, the answer, one
  proof, the next step (at most 7 slides with the cover, no agenda);
- ``roi``: the business case first, then the situation, the answer, the investment, proof,
  the comparison with the alternatives, the next step;
- ``technical``: the situation, the answer, the comparison (architecture, controls), proof,
  the deployment plan, the next step;
- ``operational``: the situation, the goals, the answer, the deployment plan (without
  disruption, pilot first), proof, the people, the next step.

A section without data (no business case, no customer story...) is left out, and the
agenda lists exactly the sections that are there. Decks hold each section at fixed places;
a section that can come early or late (the business case, the comparison, the deployment
plan) goes where the storyline puts it relative to its neighbours (``early``).
"""

from __future__ import annotations

from typing import Any

from abmcontent.models.common import Locale

Context = dict[str, Any]

DEFAULT_STORYLINES: dict[str, tuple[str, ...]] = {
    "strategic": ("situation", "business_case", "solution", "proof", "next_steps"),
    "roi": (
        "business_case",
        "situation",
        "solution",
        "investment",
        "proof",
        "comparison",
        "next_steps",
    ),
    "technical": ("situation", "solution", "comparison", "proof", "deployment", "next_steps"),
    "operational": (
        "situation",
        "goals",
        "solution",
        "deployment",
        "proof",
        "people",
        "next_steps",
    ),
}
#: how many customer stories each storyline tells (a brief deck tells one)
STORIES = {"strategic": 1}
DEFAULT_STORIES = 2
#: storylines short enough to need no agenda
BRIEF = frozenset({"strategic"})
#: a movable section comes early when it is listed before this section
EARLY_BEFORE = {"business_case": "situation", "comparison": "proof", "deployment": "proof"}

AGENDA_TITLES: dict[str, dict[str, str]] = {
    "business_case": {"ja": "投資対効果の試算", "en": "The business case"},
    "situation": {"ja": "現状の課題", "en": "Where you are today"},
    "goals": {"ja": "{account}様が目指す姿", "en": "Where {account} wants to be"},
    "solution": {"ja": "ご提案内容", "en": "Our proposal"},
    "proof": {
        "ja": "同じ課題を解決したお客様の事例",
        "en": "Customers who solved the same problems",
    },
    "comparison": {"ja": "選択肢の比較", "en": "How the options compare"},
    "investment": {"ja": "投資と効果", "en": "Investment and return"},
    "deployment": {"ja": "導入の進め方", "en": "How we would roll it out"},
    "people": {"ja": "ご関係者の皆様の関心事", "en": "What matters to each of you"},
    "next_steps": {"ja": "次のステップ", "en": "Next steps"},
}


def _has(section: str, data: Context) -> bool:
    """Whether the context has the data ``section`` needs."""
    account = data.get("account", {})
    if section == "business_case":
        case = data.get("business_case", {})
        return bool(case.get("available") and case.get("tco", {}).get("available"))
    if section == "situation":
        return bool(data.get("challenges"))
    if section == "goals":
        return bool(account.get("business_goals"))
    if section in ("solution", "deployment"):
        return bool(data.get("solutions"))
    if section == "proof":
        return bool(data.get("case_studies"))
    if section == "comparison":
        return any(c.get("claims") or c.get("differentiators") for c in data.get("competitors", []))
    if section == "investment":
        return bool(data.get("has_investment_chart"))
    if section == "people":
        return bool(account.get("stakeholders")) or bool(data.get("persona", {}).get("priorities"))
    return section == "next_steps"


def build_storyline(data: Context, proof: str, override: list[str] | None) -> Context:
    """The ``storyline`` section: the sections shown, in order, and the agenda.

    Args:
        data: the context built so far (challenges, solutions, case studies...).
        proof: the reader's proof style (``roi``, ``operational``, ``technical``,
            ``strategic``).
        override: the persona's own storyline, if the library gives one.

    Returns:
        ``name`` (the proof style), ``sections`` (those shown, in order), ``show`` and
        ``early`` (by section: shown / placed early), ``agenda`` (``{key, title}`` per section
        shown, the next step included), ``has_agenda``, ``stories`` (how many stories are
        told) and ``story_ids`` (which).
    """
    locale: Locale = data.get("locale", "en")
    wanted = list(override) if override else list(DEFAULT_STORYLINES.get(proof, ()))
    if not wanted:
        wanted = list(DEFAULT_STORYLINES["strategic"])
    shown = [s for s in dict.fromkeys(wanted) if _has(s, data)]
    early = {
        section: section in shown
        and (anchor not in shown or shown.index(section) < shown.index(anchor))
        for section, anchor in EARLY_BEFORE.items()
    }
    account = data.get("account", {}).get("name", "")
    agenda = [{"key": s, "title": AGENDA_TITLES[s][locale].format(account=account)} for s in shown]
    stories = STORIES.get(proof, DEFAULT_STORIES) if not override else DEFAULT_STORIES
    story_ids = [cs["id"] for cs in data.get("case_studies", [])[:stories]]
    return {
        "name": proof,
        "sections": shown,
        "show": {s: s in shown for s in AGENDA_TITLES},
        "early": early,
        "agenda": agenda,
        "has_agenda": proof not in BRIEF or bool(override),
        "stories": len(story_ids),
        "story_ids": story_ids,
    }
