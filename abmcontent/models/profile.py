"""The account profile: one target company, its buying group, pains and pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from abmcontent.models.audience import CustomerSafe, Internal
from abmcontent.models.common import (
    MAX_EMPLOYEES,
    Locale,
    LocalizedText,
    Money,
    NonEmptyStr,
    Slug,
    StrictModel,
)
from abmcontent.tier_names import TIERS as TIERS
from abmcontent.tier_names import Tier as Tier

Segment = Literal["enterprise", "mid_market", "smb"]
Impact = Literal["high", "medium", "low"]
Influence = Literal["decision_maker", "influencer", "champion", "blocker", "user"]
Stance = Literal["supporter", "neutral", "skeptic", "opponent"]
CompetitorStatus = Literal["incumbent", "evaluating", "displaced"]
OpportunityKind = Literal["new", "upsell", "cross_sell"]
Stage = Literal["discovery", "proposal", "negotiation", "won", "lost"]
EngagementKind = Literal["meeting", "webinar", "content_view", "event", "email", "call"]


class Challenge(StrictModel):
    """A business problem of the account, in its own words."""

    audience_reason: ClassVar[str] = (
        "the account's own situation as it told us or as it is public: customer documents "
        "are about it"
    )

    id: Slug
    title: LocalizedText = Field(description="The challenge as a short headline.")
    detail: LocalizedText | None = Field(None, description="Facts and figures behind it.")
    impact: Impact = Field("medium", description="How much it hurts the account.")
    tags: list[Slug] = Field(default_factory=list, description="Matched to products and stories.")
    owners: list[Slug] = Field(
        default_factory=list, description="Persona keys of the roles that feel it most."
    )
    solved_by: list[Slug] = Field(
        default_factory=list,
        description="Product ids (library/seller.yaml) that answer it: always pitched.",
    )


class CompetitorRef(StrictModel):
    """A vendor the account uses or evaluates; `id` names a battlecard in the library."""

    audience_reason: ClassVar[str] = (
        "which vendor is in front of the account: customer documents compare the options by name"
    )

    id: Slug
    status: Annotated[
        CompetitorStatus,
        Internal(
            "our read of the deal (incumbent, evaluating, displaced); customer "
            "documents list the options in front of the account without it"
        ),
    ] = "evaluating"
    notes: Annotated[
        LocalizedText | None,
        Internal("what the account team knows of the competitor's moves on this account"),
    ] = None


class CrmRef(StrictModel):
    """Where an account comes from in the CRM, so that a re-import finds it again."""

    audience_reason: ClassVar[str] = "CRM bookkeeping (the whole `crm` entry is internal)"

    source: Slug = Field(description="The CRM or mapping it was imported from (salesforce, ...).")
    id: NonEmptyStr = Field(description="The record id in that CRM (Account ID, Record ID).")
    last_activity: dt.date | None = Field(
        None, description="Last activity recorded in that CRM; counts for engagement recency."
    )


class Stakeholder(StrictModel):
    """A person in the buying group."""

    audience_reason: ClassVar[str] = (
        "who the reader is and what they told us matters to them: customer documents are "
        "addressed to them"
    )

    id: Slug
    name: NonEmptyStr
    title: NonEmptyStr | None = Field(None, description="Job title as printed on their card.")
    role: Slug = Field(description="Persona key in library/personas.yaml.")
    influence: Annotated[
        Influence | None,
        Internal(
            "our label for the person's weight in the decision (a 'blocker' must never "
            "read that about himself)"
        ),
    ] = None
    stance: Annotated[
        Stance | None,
        Internal("our read of where the person stands on the deal"),
        Field(description="Where the person stands: supporter, neutral, skeptic, opponent."),
    ] = None
    priorities: list[LocalizedText] = Field(default_factory=list)
    notes: Annotated[LocalizedText | None, Internal("the account team's notes on the person")] = (
        None
    )
    crm_id: Annotated[
        NonEmptyStr | None,
        Internal("CRM bookkeeping"),
        Field(description="Contact id in the account's CRM; set by `abmcontent import`."),
    ] = None


class Opportunity(StrictModel):
    """A deal in the pipeline for one of our products."""

    audience_reason: ClassVar[str] = (
        "the product proposed and the investment the proposal presents; customer documents "
        "only ever see open deals"
    )

    product: Slug | None = Field(
        None, description="Product id in library/seller.yaml (unset when the CRM names none)."
    )
    name: Annotated[
        NonEmptyStr | None,
        Internal("the deal's name in our CRM"),
        Field(description="The deal's name in the CRM."),
    ] = None
    kind: Annotated[
        OpportunityKind, Internal("sales classification of the deal (new, upsell, cross-sell)")
    ] = "new"
    value: Annotated[
        Money | None,
        CustomerSafe(
            "the investment the proposal asks for; the proposal's investment slide presents it"
        ),
    ] = None
    stage: Annotated[Stage, Internal("where the deal stands in our pipeline")] = "discovery"
    close_date: Annotated[dt.date | None, Internal("our forecast of when the deal closes")] = None
    notes: Annotated[LocalizedText | None, Internal("the account team's notes on the deal")] = None
    crm_id: Annotated[
        NonEmptyStr | None,
        Internal("CRM bookkeeping"),
        Field(description="Deal id in the account's CRM; set by `abmcontent import`."),
    ] = None


class Engagement(StrictModel):
    """One touchpoint with the account: a meeting, a webinar, a download..."""

    audience_reason: ClassVar[str] = "activity tracking (the whole `engagement` list is internal)"

    date: dt.date
    stakeholder: Slug | None = Field(None, description="Stakeholder id of this account.")
    kind: EngagementKind
    summary: LocalizedText


class Owners(StrictModel):
    """Who owns the account on our side."""

    audience_reason: ClassVar[str] = "account assignment (the whole `owners` entry is internal)"

    sales: NonEmptyStr | None = None
    marketing: NonEmptyStr | None = None


class Contact(StrictModel):
    """The person on our side the account is asked to contact, as printed for the customer."""

    audience_reason: ClassVar[str] = "printed on customer documents so the reader can reply"

    name: NonEmptyStr
    title: LocalizedText | None = None
    email: NonEmptyStr | None = None
    phone: NonEmptyStr | None = None


class Rival(StrictModel):
    """A company the account competes with in its own market, with where the fact comes from."""

    audience_reason: ClassVar[str] = (
        "public, sourced market facts: the competitive analysis shows the account where it stands"
    )

    name: NonEmptyStr
    summary: LocalizedText | None = Field(None, description="Where the rival stands, in a line.")
    revenue: Money | None = None
    share: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None, description="Market share in percent."
    )
    source: LocalizedText = Field(description="Where the facts come from (report, filing...).")
    as_of: dt.date = Field(description="The date the facts refer to.")


class Benchmark(StrictModel):
    """One measure of the account against its industry, with where both figures come from."""

    audience_reason: ClassVar[str] = (
        "public, sourced benchmark figures: the competitive analysis compares the account with "
        "its industry"
    )

    metric: LocalizedText
    account: float = Field(description="The account's own figure.")
    industry: float = Field(description="The industry's figure (median, average...).")
    unit: LocalizedText = ""
    higher_is_better: bool = True
    source: LocalizedText
    as_of: dt.date


class Market(StrictModel):
    """The account's own market: its rivals and its industry's benchmarks."""

    audience_reason: ClassVar[str] = "public, sourced market facts about the account"

    summary: LocalizedText | None = None
    rivals: list[Rival] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)


class AccountProfile(StrictModel):
    """A target account: one YAML file in account_profiles/, named after its id."""

    audience_reason: ClassVar[str] = (
        "public or self-reported facts about the account (name, industry, size, goals): "
        "customer documents are about it"
    )

    id: Slug
    name: NonEmptyStr = Field(description="Legal or common name, in the account's language.")
    name_en: NonEmptyStr | None = Field(None, description="English name, when `name` is not.")
    locale: Locale = Field(description="Language of the generated documents.")
    tier: Annotated[Tier, Internal("our account classification (strategic, lite...)")]
    tier_pinned: Annotated[
        bool,
        Internal("a setting of `score --apply`"),
        Field(description="Keep `tier` as it is: `score --apply` proposes no other tier."),
    ] = False
    industry: Slug
    segment: Annotated[Segment | None, Internal("our market segmentation of the account")] = None
    headquarters: NonEmptyStr | None = None
    employees: Annotated[int, Field(ge=0, le=MAX_EMPLOYEES)] | None = None
    annual_revenue: Money | None = None
    website: NonEmptyStr | None = Field(None, description="Shown as text; never fetched.")
    logo: NonEmptyStr | None = Field(None, description="Image path relative to the workspace root.")
    summary: LocalizedText | None = None
    business_goals: list[LocalizedText] = Field(default_factory=list)
    challenges: list[Challenge] = Field(default_factory=list)
    market: Market | None = Field(
        None, description="The account's market: rivals and industry benchmarks, sourced."
    )
    competitors: list[CompetitorRef] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    engagement: Annotated[
        list[Engagement], Internal("activity tracking: who met us, opened or downloaded what")
    ] = Field(default_factory=list)
    owners: Annotated[
        Owners | None,
        Internal("account assignment on our side; customer documents print `contact`"),
    ] = None
    contact: Contact | None = Field(
        None, description="Who the account should contact on our side (customer documents)."
    )
    crm: Annotated[
        CrmRef | list[CrmRef] | None,
        Internal("CRM bookkeeping"),
        Field(
            description="CRM record(s) of the account, one per CRM; set and matched by "
            "`abmcontent import`."
        ),
    ] = None

    @property
    def crm_refs(self) -> list[CrmRef]:
        """Every CRM record of the account (``crm`` as a list)."""
        if self.crm is None:
            return []
        return [self.crm] if isinstance(self.crm, CrmRef) else list(self.crm)
