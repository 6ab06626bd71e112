"""Who a document is for: one per stakeholder, per role, or per account, by tier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from abmcontent.models import AccountProfile

AudienceKind = Literal["stakeholder", "role", "account"]
ACCOUNT_AUDIENCE = "account"


@dataclass(frozen=True)
class Audience:
    """The reader of one document.

    Attributes:
        kind: ``stakeholder``, ``role`` or ``account``.
        id: the stakeholder id, the role key, or ``account``: the file name of the output.
        role: the persona key for stakeholders and roles, ``None`` for the account.
    """

    kind: AudienceKind
    id: str
    role: str | None = None


def audiences_for(account: AccountProfile, doc: str) -> list[Audience]:
    """The audiences of ``doc`` for ``account`` as the contract's tiers define them.

    Strategic accounts get one document per named stakeholder, lite accounts one per role
    present, programmatic accounts one per account; documents whose audience rule is
    ``account`` (the briefing, the battlecard) are always one. An account with no
    stakeholders falls back to the account audience.
    """
    from abmcontent.documents import document

    if document(doc).audience_rule == "account" or account.tier == "programmatic":
        return [Audience("account", ACCOUNT_AUDIENCE)]
    if account.tier == "strategic" and account.stakeholders:
        return [Audience("stakeholder", s.id, s.role) for s in account.stakeholders]
    if account.tier == "lite" and account.stakeholders:
        roles = list(dict.fromkeys(s.role for s in account.stakeholders))
        return [Audience("role", role, role) for role in roles]
    return [Audience("account", ACCOUNT_AUDIENCE)]


def resolve_audience(account: AccountProfile, audience_id: str) -> Audience | None:
    """Find an audience by id: a stakeholder id, a role present in the account, or ``account``.

    Any audience may be asked for explicitly, whatever the tier (a lite account's CFO deck
    can still be made for one named stakeholder).
    """
    if audience_id == ACCOUNT_AUDIENCE:
        return Audience("account", ACCOUNT_AUDIENCE)
    for person in account.stakeholders:
        if person.id == audience_id:
            return Audience("stakeholder", person.id, person.role)
    if any(p.role == audience_id for p in account.stakeholders):
        return Audience("role", audience_id, audience_id)
    return None
