"""Checks across library files: comparison criteria and the age of comparison claims.

- Every criterion a persona weighs or a claim is about must be defined in seller.yaml
  ``criteria`` (else its row would print a key, not a label).
- A claim side older than ``claim_max_age_months`` is reported as a warning naming the file,
  the claim and its date: nobody should repeat an outdated fact to a customer.
"""

from __future__ import annotations

import datetime as dt

from abmcontent.errors import Problem
from abmcontent.layout import COMPETITORS_DIR, PERSONAS_FILE, SELLER_FILE
from abmcontent.loading.yamlfile import YamlDocument
from abmcontent.models import Battlecard, Persona, SellerFile
from abmcontent.models.claims import stale_claims


def check_criteria(
    seller: SellerFile,
    personas: dict[str, Persona],
    battlecards: dict[str, Battlecard],
    docs: dict[str, YamlDocument],
) -> list[Problem]:
    """An error for every persona or claim criterion seller.yaml does not define."""
    defined = set(seller.criteria)
    known = ", ".join(sorted(defined)) or "none defined"
    found: list[Problem] = []
    personas_doc = docs.get(PERSONAS_FILE)
    for key, persona in personas.items():
        for index, criterion in enumerate(persona.criteria):
            if criterion not in defined:
                line = personas_doc.line_of((key, "criteria", index)) if personas_doc else None
                found.append(
                    Problem(
                        PERSONAS_FILE,
                        line,
                        f"{key}.criteria.{index}",
                        f"unknown criterion '{criterion}'; criteria are the keys of "
                        f"{SELLER_FILE} `criteria` ({known})",
                    )
                )
    for card_id, card in sorted(battlecards.items()):
        rel = f"{COMPETITORS_DIR}/{card_id}.yaml"
        doc = docs.get(rel)
        for index, claim in enumerate(card.claims):
            if claim.criterion not in defined:
                found.append(
                    Problem(
                        rel,
                        doc.line_of(("claims", index, "criterion")) if doc else None,
                        f"claims.{index}.criterion",
                        f"unknown criterion '{claim.criterion}'; criteria are the keys of "
                        f"{SELLER_FILE} `criteria` ({known})",
                    )
                )
    return found


def check_claim_ages(
    seller: SellerFile,
    battlecards: dict[str, Battlecard],
    docs: dict[str, YamlDocument],
    today: dt.date,
) -> list[Problem]:
    """A warning for every claim side older than the library's ``claim_max_age_months``."""
    months = seller.claim_max_age_months
    found: list[Problem] = []
    for stale in stale_claims(battlecards, today, months):
        rel = f"{COMPETITORS_DIR}/{stale.battlecard}.yaml"
        doc = docs.get(rel)
        path = ("claims", stale.index, stale.side, "as_of")
        found.append(
            Problem(
                rel,
                doc.line_of(path) if doc else None,
                ".".join(map(str, path)),
                f"claim dated {stale.as_of.isoformat()} is {stale.months} months old (more "
                f"than claim_max_age_months: {months}); check the source and update it — the "
                "battlecard flags it as stale",
                "warning",
            )
        )
    return found
