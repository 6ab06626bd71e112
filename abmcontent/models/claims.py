"""How old a comparison claim is, and which claims of the library are stale.

A claim (see :class:`abmcontent.models.library.Claim`) has two sides, the competitor's and
ours, each with its own date. A side older than the library's ``claim_max_age_months``
(seller.yaml, 12 by default) is stale: ``validate`` reports it and the battlecard flags it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from abmcontent.models.library import Battlecard, ClaimSide


def age_in_months(as_of: dt.date, today: dt.date) -> int:
    """Whole months from ``as_of`` to ``today`` (0 for a date in the future)."""
    months = (today.year - as_of.year) * 12 + today.month - as_of.month
    if today.day < as_of.day:
        months -= 1
    return max(0, months)


def is_stale(side: ClaimSide, today: dt.date, max_age_months: int) -> bool:
    """Whether one side of a claim is older than ``max_age_months``."""
    return age_in_months(side.as_of, today) > max_age_months


@dataclass(frozen=True)
class StaleClaim:
    """One stale side of a claim, where it is in the library."""

    battlecard: str
    index: int
    side: str
    as_of: dt.date
    months: int


def stale_claims(
    battlecards: dict[str, Battlecard], today: dt.date, max_age_months: int
) -> Iterator[StaleClaim]:
    """Every stale claim side of ``battlecards``, by battlecard id and claim index."""
    for card_id, card in sorted(battlecards.items()):
        for index, claim in enumerate(card.claims):
            for name in ("competitor", "ours"):
                side: ClaimSide = getattr(claim, name)
                if is_stale(side, today, max_age_months):
                    yield StaleClaim(
                        card_id, index, name, side.as_of, age_in_months(side.as_of, today)
                    )
