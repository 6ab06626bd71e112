"""What the business case counts: its inputs in the main currency, what it lacks or leaves out.

Read by :mod:`abmcontent.context.business_case` (the figures) and by the proposal's
``missing_data`` (the notes of ``validate``). Challenges are named by their index in the file
(``challenges[0].cost``); deals by their product (``opportunities[product=x].value``), because a
customer document lists the open deals only and an index would not be the file's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from abmcontent.context.ranking import is_open
from abmcontent.formatting import format_money
from abmcontent.models import AccountProfile, Money
from abmcontent.models.profile import DEFAULT_EXPOSURE, Challenge, Opportunity


@dataclass(frozen=True)
class Loss:
    """One challenge's expected annual loss."""

    index: int
    challenge: Challenge
    exposure: float
    amount: float

    @property
    def fields(self) -> list[str]:
        """The profile fields the loss comes from."""
        named = [f"challenges[{self.index}].cost"]
        if self.challenge.exposure is not None:
            named.append(f"challenges[{self.index}].exposure")
        return named


@dataclass
class CaseInputs:
    """What the business case counts, in its main currency, and what it cannot count."""

    currency: str
    losses: list[Loss] = field(default_factory=list)
    deals: list[Opportunity] = field(default_factory=list)
    one_off: float | None = None
    per_year: float | None = None
    missing: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[tuple[str, Money]] = field(default_factory=list)


def deal_field(deal: Opportunity, name: str) -> str:
    """How footnotes name a field of a deal: by its product (``opportunities[product=x].value``)."""
    return f"opportunities[product={deal.product}].{name}"


def open_deals(account: AccountProfile) -> list[Opportunity]:
    """The open deals with a value: what the investment is made of."""
    return [o for o in account.opportunities if is_open(o) and o.value is not None]


def main_currency(account: AccountProfile) -> str:
    """The currency most figures of the business case are in (on a tie, the investment's)."""
    order: list[str] = []
    for deal in open_deals(account):
        assert deal.value is not None
        order.append(deal.value.currency)
    order += [c.cost.currency for c in account.challenges if c.cost is not None]
    alternative = account.alternative
    if alternative is not None:
        order += [m.currency for m in (alternative.one_off, alternative.per_year) if m]
    return most_common_currency(order)


def most_common_currency(codes: list[str]) -> str:
    """The code listed most often; on a tie the first listed; "" for none.

    The one rule for a main currency: the business case and the investment chart both use it.
    """
    if not codes:
        return ""
    counts = Counter(codes)
    return max(counts, key=lambda code: (counts[code], -codes.index(code)))


def _count_losses(found: CaseInputs, account: AccountProfile) -> None:
    """Each challenge's expected annual loss, or why it cannot be counted."""
    for index, challenge in enumerate(account.challenges):
        cost = challenge.cost
        if cost is None:
            continue
        if cost.currency != found.currency:
            found.left_out.append((f"challenges[{index}].cost", cost))
            continue
        exposure = challenge.exposure
        if exposure is None:
            exposure = DEFAULT_EXPOSURE.get(cost.per)
        if exposure is None:
            found.missing.append(
                (
                    f"challenges[{index}].exposure",
                    f"the business case leaves out challenge '{challenge.id}': its cost is per "
                    f"{cost.per}; add exposure (how many a year are expected)",
                )
            )
            continue
        found.losses.append(Loss(index, challenge, exposure, float(cost.amount) * exposure))


def _count_deals(found: CaseInputs, account: AccountProfile) -> None:
    """The open deals in the main currency."""
    for deal in open_deals(account):
        assert deal.value is not None
        if deal.value.currency != found.currency:
            found.left_out.append((deal_field(deal, "value"), deal.value))
        else:
            found.deals.append(deal)


def _count_alternative(found: CaseInputs, account: AccountProfile) -> None:
    """The alternative's prices, when they are in the main currency."""
    alternative = account.alternative
    if alternative is None:
        return
    prices = {"one_off": alternative.one_off, "per_year": alternative.per_year}
    for name, money in prices.items():
        if money is None:
            continue
        if money.currency != found.currency:
            found.left_out.append((f"alternative.{name}", money))
        elif name == "one_off":
            found.one_off = float(money.amount)
        else:
            found.per_year = float(money.amount)


def gather_inputs(account: AccountProfile) -> CaseInputs:
    """What the business case of ``account`` counts, what it lacks and what it leaves out."""
    found = CaseInputs(main_currency(account))
    _count_losses(found, account)
    _count_deals(found, account)
    _count_alternative(found, account)
    if not found.deals:
        found.missing.append(
            (
                "opportunities[].value",
                "the proposal leaves out the business case: it has no investment; give the "
                "open deals a value",
            )
        )
    if not found.losses and found.one_off is None and found.per_year is None:
        found.missing.append(
            (
                "challenges[].cost",
                "the proposal leaves out the business case: it has nothing to set the "
                "investment against; add "
                "challenges[].cost with challenges[].exposure (the expected loss), or "
                "alternative (what the account pays without us)",
            )
        )
    return found


def missing_inputs(account: AccountProfile) -> list[tuple[str, str]]:
    """``(field, reason)`` for each input the business case of ``account`` lacks or leaves out.

    ``account`` is the customer view (open deals with a product only), as the proposal sees it.
    """
    found = gather_inputs(account)
    notes = list(found.missing)
    for name, money in found.left_out:
        notes.append(
            (
                name,
                f"the business case counts {found.currency} only and leaves out "
                f"{format_money(money, 'en')}: give it in {found.currency}",
            )
        )
    return notes
