"""The battlecard of an account: how the account team wins it (internal: ``battlecard``).

One page for the rep: the vendors in the deal with their status on this account, the
landmine questions and whom to ask them, objections with responses, the proof to lead with
for each person and where each person stands. Comparison claims older than the library's
``claim_max_age_months`` are flagged so nobody repeats an outdated fact.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from abmcontent.context.briefing import INFLUENCE_ORDER, build_briefing, personas_present
from abmcontent.context.localize import text
from abmcontent.context.personas import persona_context
from abmcontent.context.reader_ranking import rank_for_reader
from abmcontent.context.strings import label
from abmcontent.models.claims import age_in_months

if TYPE_CHECKING:
    from abmcontent.context.inputs import DocumentInputs

Context = dict[str, Any]

#: vendors in the order the rep meets them: the one in place first
STATUS_ORDER = {"incumbent": 0, "evaluating": 1, "displaced": 2}
#: the battlecard stays a one-pager for a large buying group: the people it lists at most
MAX_PEOPLE = 10


def _flag_claims(competitor: Context, today: dt.date, max_age: int) -> Context:
    claims = []
    for claim in competitor["claims"]:
        sides = {}
        for name in ("competitor", "ours"):
            side = dict(claim[name])
            months = age_in_months(dt.date.fromisoformat(side["as_of"]), today)
            side["stale"] = months > max_age
            side["age_months"] = months
            sides[name] = side
        claims.append({**claim, **sides, "stale": any(s["stale"] for s in sides.values())})
    return {**competitor, "claims": claims, "stale_claims": sum(c["stale"] for c in claims)}


def _proof(inputs: DocumentInputs) -> list[Context]:
    """For each person: where they stand, and the proof and value to lead with."""
    locale = inputs.locale
    library = inputs.library
    people: list[Context] = []
    pairs = sorted(
        zip(inputs.account.stakeholders, inputs.data["account"]["stakeholders"], strict=True),
        key=lambda pair: INFLUENCE_ORDER.get(pair[0].influence or "", 9),
    )
    for person, shown in pairs[:MAX_PEOPLE]:
        persona = library.personas.get(person.role)
        role_title = text(persona.title, locale) if persona else person.role
        ranking = rank_for_reader(library, inputs.account, person.role, role_title, internal=True)
        story = ranking.stories[0].story if ranking.stories else None
        # the value of the best product pitched to this person (the deck's first product)
        values = [
            text(m.product.value_by_role[person.role], locale)
            for m in ranking.products.chosen
            if person.role in m.product.value_by_role
        ]
        headline = ""
        if story is not None and story.results:
            first = story.results[0]
            headline = f"{text(first.metric, locale)} {first.value:g}{text(first.unit, locale)}"
        people.append(
            {
                "name": shown["name"],
                "title": shown["title"] or shown["role_title"],
                "role_title": shown["role_title"],
                "influence_label": shown.get("influence_label", ""),
                "stance": shown.get("stance", ""),
                "stance_label": shown.get("stance_label", ""),
                "notes": shown.get("notes", ""),
                "proof_label": persona_context(person.role, persona, locale)["proof_label"],
                "tone": text(persona.tone, locale) if persona else "",
                "story": None
                if story is None
                else {
                    "title": text(story.title, locale) or text(story.outcome, locale),
                    "customer": text(story.customer, locale),
                    "headline": headline,
                },
                "value": values[0] if values else "",
            }
        )
    return people


def build_battlecard(inputs: DocumentInputs) -> Context:
    """The ``battlecard`` section (see the module docstring)."""
    data = inputs.data
    max_age = inputs.library.seller.claim_max_age_months
    competitors = sorted(
        (_flag_claims(c, inputs.today, max_age) for c in data.get("competitors", [])),
        key=lambda c: STATUS_ORDER.get(c.get("status", ""), 9),
    )
    briefing = build_briefing(data, personas_present(inputs))
    proof = _proof(inputs)
    return {
        "battlecard": {
            "competitors": competitors,
            "has_competitors": bool(competitors),
            "landmines": briefing["landmines"],
            "has_landmines": briefing["has_landmines"],
            "has_objections": any(c.get("objections") for c in competitors),
            "people": proof,
            "has_people": bool(proof),
            "more_people": max(0, len(inputs.account.stakeholders) - len(proof)),
            "stale_claims": sum(c["stale_claims"] for c in competitors),
            "claim_max_age_months": max_age,
            "stance_legend": [
                label("stance", key, inputs.locale)
                for key in ("supporter", "neutral", "skeptic", "opponent")
            ],
        }
    }
