"""Score accounts against the ideal customer profile: 0-100, with the reason for each part."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from abmcontent.models.icp import CRITERIA, Band, IcpFile
from abmcontent.models.profile import AccountProfile

OPEN_STAGES = ("discovery", "proposal", "negotiation")


@dataclass(frozen=True)
class Part:
    """One criterion of a score.

    Attributes:
        criterion: its name (see :data:`abmcontent.models.icp.CRITERIA`).
        value: how well the account fits it, 0 to 1.
        points: its share of the 0-100 score (``value`` times its normalised weight).
        max_points: the most it could give.
        reason: what the value is based on, in words.
    """

    criterion: str
    value: float
    points: float
    max_points: float
    reason: str


@dataclass
class AccountScore:
    """The fit score of one account, its parts, and the tier proposed for it.

    Attributes:
        pinned: the profile pins its tier (``tier_pinned: true``); the tier proposed is
            the current one.
    """

    account_id: str
    name: str
    current_tier: str
    score: float
    parts: list[Part] = field(default_factory=list)
    proposed_tier: str = "programmatic"
    rank: int = 0
    pinned: bool = False

    def part(self, criterion: str) -> Part:
        """The part of ``criterion``."""
        return next(p for p in self.parts if p.criterion == criterion)


def band_value(bands: list[Band], amount: float) -> float:
    """The value of the highest band whose ``min`` is at most ``amount`` (0 below all)."""
    reached = [b for b in bands if b.min <= amount]
    return max(reached, key=lambda b: b.min).value if reached else 0.0


def _industry(icp: IcpFile, account: AccountProfile) -> tuple[float, str]:
    value = icp.industries.get(account.industry, 0.0)
    listed = "" if account.industry in icp.industries else " (not in the ICP)"
    return value, f"{account.industry}{listed}"


def _segment(icp: IcpFile, account: AccountProfile) -> tuple[float, str]:
    if account.segment is None:
        return 0.0, "segment unknown"
    return icp.segments.get(account.segment, 0.0), account.segment


def _size(icp: IcpFile, account: AccountProfile) -> tuple[float, str]:
    if account.employees is None:
        return 0.0, "employees unknown"
    return band_value(icp.size, account.employees), f"{account.employees:,} employees"


def _revenue(icp: IcpFile, account: AccountProfile) -> tuple[float, str]:
    revenue = account.annual_revenue
    bands = icp.revenue
    if revenue is None or bands is None:
        return 0.0, "revenue unknown" if revenue is None else "no revenue bands"
    if revenue.currency == bands.currency:
        amount = float(revenue.amount)
    elif revenue.currency in bands.rates:
        amount = float(revenue.amount) * bands.rates[revenue.currency]
    else:
        return 0.0, f"no rate for {revenue.currency} in the ICP"
    return band_value(bands.bands, amount), f"{amount:,.0f} {bands.currency}"


def last_touch(account: AccountProfile, today: dt.date) -> tuple[dt.date, str] | None:
    """The latest touch up to ``today`` and where it comes from, or ``None``.

    Engagement entries count, and so does the last activity date each CRM record holds
    (``crm.last_activity``, set by ``abmcontent import``).
    """
    found = [(e.date, "engagement") for e in account.engagement if e.date <= today]
    for ref in account.crm_refs:
        if ref.last_activity is not None and ref.last_activity <= today:
            found.append((ref.last_activity, f"{ref.source} activity"))
    return max(found, key=lambda f: f[0]) if found else None


def _recency(icp: IcpFile, account: AccountProfile, today: dt.date) -> tuple[float, str]:
    touch = last_touch(account, today)
    if touch is None:
        return 0.0, "no engagement"
    days = (today - touch[0]).days
    fits = [b for b in icp.recency if days <= b.within_days]
    value = min(fits, key=lambda b: b.within_days).value if fits else 0.0
    source = "" if touch[1] == "engagement" else f" ({touch[1]})"
    return value, f"last touch {days} days ago{source}"


def _intensity(icp: IcpFile, account: AccountProfile, today: dt.date) -> tuple[float, str]:
    rule = icp.intensity
    start = today - dt.timedelta(days=rule.window_days)
    recent = [e for e in account.engagement if start <= e.date <= today]
    points = sum(rule.points.get(e.kind, 0.0) for e in recent)
    value = min(1.0, points / rule.full_at)
    return value, f"{len(recent)} touch(es), {points:g} point(s) in {rule.window_days} days"


def _opportunities(icp: IcpFile, account: AccountProfile) -> tuple[float, str]:
    if not account.opportunities:
        return 0.0, "no opportunity"
    best = max(account.opportunities, key=lambda o: icp.opportunities.get(o.stage, 0.0))
    opened = sum(1 for o in account.opportunities if o.stage in OPEN_STAGES)
    return icp.opportunities.get(best.stage, 0.0), f"{opened} open, best at {best.stage}"


def _competitors(icp: IcpFile, account: AccountProfile) -> tuple[float, str]:
    if not account.competitors:
        return icp.competitors.get("none", 1.0), "none known"
    worst = min(account.competitors, key=lambda c: icp.competitors.get(c.status, 1.0))
    value = icp.competitors.get(worst.status, 1.0)
    return value, ", ".join(f"{c.id} ({c.status})" for c in account.competitors)


def score_account(icp: IcpFile, account: AccountProfile, today: dt.date) -> AccountScore:
    """Score one account.

    Args:
        icp: the ideal customer profile.
        account: the account.
        today: the date engagement recency and the intensity window are counted from;
            later (planned) engagements do not count.
    """
    values = {
        "industry": _industry(icp, account),
        "segment": _segment(icp, account),
        "size": _size(icp, account),
        "revenue": _revenue(icp, account),
        "recency": _recency(icp, account, today),
        "intensity": _intensity(icp, account, today),
        "opportunities": _opportunities(icp, account),
        "competitors": _competitors(icp, account),
    }
    weights = {name: float(getattr(icp.weights, name)) for name in CRITERIA}
    total = sum(weights.values())
    parts = []
    for name in CRITERIA:
        value, reason = values[name]
        share = 100 * weights[name] / total
        parts.append(Part(name, value, value * share, share, reason))
    score = round(sum(p.points for p in parts), 1)
    return AccountScore(
        account.id, account.name, account.tier, score, parts, pinned=account.tier_pinned
    )
