"""The account profile: one target company, its buying group, pains and pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from abmcontent.models.common import (
    MAX_EMPLOYEES,
    Locale,
    LocalizedText,
    Money,
    NonEmptyStr,
    Slug,
    StrictModel,
)

Tier = Literal["strategic", "lite", "programmatic"]
Segment = Literal["enterprise", "mid_market", "smb"]
Impact = Literal["high", "medium", "low"]
Influence = Literal["decision_maker", "influencer", "champion", "blocker", "user"]
CompetitorStatus = Literal["incumbent", "evaluating", "displaced"]
OpportunityKind = Literal["new", "upsell", "cross_sell"]
Stage = Literal["discovery", "proposal", "negotiation", "won", "lost"]
EngagementKind = Literal["meeting", "webinar", "content_view", "event", "email", "call"]

TIERS: tuple[Tier, ...] = ("strategic", "lite", "programmatic")


class Challenge(StrictModel):
    """A business problem of the account, in its own words."""

    id: Slug
    title: LocalizedText = Field(description="The challenge as a short headline.")
    detail: LocalizedText | None = Field(None, description="Facts and figures behind it.")
    impact: Impact = Field("medium", description="How much it hurts the account.")
    tags: list[Slug] = Field(default_factory=list, description="Matched to products and stories.")
    owners: list[Slug] = Field(
        default_factory=list, description="Persona keys of the roles that feel it most."
    )


class CompetitorRef(StrictModel):
    """A vendor the account uses or evaluates; `id` names a battlecard in the library."""

    id: Slug
    status: CompetitorStatus = "evaluating"
    notes: LocalizedText | None = None


class CrmRef(StrictModel):
    """Where an account comes from in the CRM, so that a re-import finds it again."""

    source: Slug = Field(description="The CRM or mapping it was imported from (salesforce, ...).")
    id: NonEmptyStr = Field(description="The record id in that CRM (Account ID, Record ID).")
    last_activity: dt.date | None = Field(
        None, description="Last activity recorded in that CRM; counts for engagement recency."
    )


class Stakeholder(StrictModel):
    """A person in the buying group."""

    id: Slug
    name: NonEmptyStr
    title: NonEmptyStr | None = Field(None, description="Job title as printed on their card.")
    role: Slug = Field(description="Persona key in library/personas.yaml.")
    influence: Influence | None = None
    priorities: list[LocalizedText] = Field(default_factory=list)
    notes: LocalizedText | None = None
    crm_id: NonEmptyStr | None = Field(
        None, description="Contact id in the account's CRM; set by `abmcontent import`."
    )


class Opportunity(StrictModel):
    """A deal in the pipeline for one of our products."""

    product: Slug | None = Field(
        None, description="Product id in library/seller.yaml (unset when the CRM names none)."
    )
    name: NonEmptyStr | None = Field(None, description="The deal's name in the CRM.")
    kind: OpportunityKind = "new"
    value: Money | None = None
    stage: Stage = "discovery"
    close_date: dt.date | None = None
    crm_id: NonEmptyStr | None = Field(
        None, description="Deal id in the account's CRM; set by `abmcontent import`."
    )


class Engagement(StrictModel):
    """One touchpoint with the account: a meeting, a webinar, a download..."""

    date: dt.date
    stakeholder: Slug | None = Field(None, description="Stakeholder id of this account.")
    kind: EngagementKind
    summary: LocalizedText


class Owners(StrictModel):
    """Who owns the account on our side."""

    sales: NonEmptyStr | None = None
    marketing: NonEmptyStr | None = None


class AccountProfile(StrictModel):
    """A target account: one YAML file in account_profiles/, named after its id."""

    id: Slug
    name: NonEmptyStr = Field(description="Legal or common name, in the account's language.")
    name_en: NonEmptyStr | None = Field(None, description="English name, when `name` is not.")
    locale: Locale = Field(description="Language of the generated documents.")
    tier: Tier
    tier_pinned: bool = Field(
        False, description="Keep `tier` as it is: `score --apply` proposes no other tier."
    )
    industry: Slug
    segment: Segment | None = None
    headquarters: NonEmptyStr | None = None
    employees: Annotated[int, Field(ge=0, le=MAX_EMPLOYEES)] | None = None
    annual_revenue: Money | None = None
    website: NonEmptyStr | None = Field(None, description="Shown as text; never fetched.")
    logo: NonEmptyStr | None = Field(None, description="Image path relative to the workspace root.")
    summary: LocalizedText | None = None
    business_goals: list[LocalizedText] = Field(default_factory=list)
    challenges: list[Challenge] = Field(default_factory=list)
    competitors: list[CompetitorRef] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    engagement: list[Engagement] = Field(default_factory=list)
    owners: Owners | None = None
    crm: CrmRef | list[CrmRef] | None = Field(
        None,
        description="CRM record(s) of the account, one per CRM; set and matched by "
        "`abmcontent import`.",
    )

    @property
    def crm_refs(self) -> list[CrmRef]:
        """Every CRM record of the account (``crm`` as a list)."""
        if self.crm is None:
            return []
        return [self.crm] if isinstance(self.crm, CrmRef) else list(self.crm)
