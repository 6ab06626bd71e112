"""The competitive analysis of an account, for one reader: the ``analysis`` section.

Built from the customer view only (the report is sent to the account): the options in front
of the account (each competitor and us) compared on the criteria this reader weighs, as
sourced and dated claims, and what it means for the reader. Status notes, landmines,
objection handling and tone guidance are not part of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from abmcontent.context.localize import text

if TYPE_CHECKING:
    from abmcontent.context.inputs import DocumentInputs

Context = dict[str, Any]

#: how many criteria rows the comparison shows at most
MAX_CRITERIA = 6
#: how many points "what it means for you" makes at most
MAX_POINTS = 3


def _criteria_order(persona: Context, competitors: list[Context], defined: list[str]) -> list[str]:
    """The criteria to compare on: the reader's first, then the others claims cover."""
    covered = {claim["criterion"] for comp in competitors for claim in comp["claims"]}
    order = [c for c in persona.get("criteria", []) if c in covered]
    order += [c for c in defined if c in covered and c not in order]
    order += sorted(c for c in covered if c not in order)
    return order[:MAX_CRITERIA]


def _comparison(
    competitors: list[Context], criteria: list[str], reader_criteria: set[str]
) -> list[Context]:
    rows: list[Context] = []
    for criterion in criteria:
        label = ""
        ours: Context | None = None
        cells: list[Context | None] = []
        for comp in competitors:
            claim = next((c for c in comp["claims"] if c["criterion"] == criterion), None)
            if claim is None:
                cells.append(None)
                continue
            label = claim["criterion_label"]
            ours = ours or claim["ours"]
            cells.append(claim["competitor"])
        rows.append(
            {
                "criterion": criterion,
                "label": label,
                "for_reader": criterion in reader_criteria,
                "competitors": cells,
                "ours": ours,
            }
        )
    return rows


def _points(data: Context) -> list[Context]:
    """What the comparison means for this reader: their challenges, and what answers them."""
    points: list[Context] = []
    for solution in data.get("solutions", [])[:MAX_POINTS]:
        points.append(
            {
                "product": solution["name"],
                "value": solution["value"],
                "challenges": solution["challenges"],
            }
        )
    return points


def build_analysis(inputs: DocumentInputs) -> Context:
    """The ``analysis`` section of the competitive report (see the module docstring)."""
    data = inputs.data
    competitors: list[Context] = data.get("competitors", [])
    persona: Context = data["persona"]
    defined = list(inputs.library.seller.criteria)
    criteria = _criteria_order(persona, competitors, defined)
    reader_criteria = set(persona.get("criteria", []))
    comparison = _comparison(competitors, criteria, reader_criteria)
    seller = inputs.library.seller.company
    options = [
        {"name": comp["name"], "positioning": comp["positioning"], "us": False}
        for comp in competitors
    ]
    if options:
        options.append(
            {
                "name": data["seller"]["name"],
                "positioning": text(seller.tagline, inputs.locale),
                "us": True,
            }
        )
    points = _points(data)
    market = data.get("market", {})
    benchmarks = market.get("benchmarks", [])
    return {
        "analysis": {
            "options": options,
            "has_options": bool(competitors),
            "comparison": comparison,
            "has_comparison": bool(comparison),
            "compared": [comp["name"] for comp in competitors],
            "points": points,
            "has_points": bool(points),
            "ahead": [b["metric"] for b in benchmarks if b["ahead"]],
            "behind": [b["metric"] for b in benchmarks if not b["ahead"]],
            "next_step": persona["call_to_action"],
        }
    }
