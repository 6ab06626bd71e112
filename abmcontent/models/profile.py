"""The account profile: one target company, its buying group, pains and pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

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
CostUnit = Literal["hour", "day", "month", "year", "incident"]

#: the exposure taken when none is given: a monthly cost recurs 12 times, a yearly one once
DEFAULT_EXPOSURE: dict[str, float] = {"month": 12.0, "year": 1.0}
#: the largest exposure taken (hours of all trucks or people together stay far below it)
MAX_EXPOSURE = 10**9

_CUSTOMER_FIGURE = (
    "the account's own figure: the business case sets it out for the account, with where it "
    "comes from"
)


class UnitCost(Money):
    """What a challenge costs the account per hour, day, month or year, or per incident."""

    audience_reason: ClassVar[str] = (
        "the account's own figure, what it is counted per and where it comes from: the business "
        "case sets them out for the account"
    )

    per: CostUnit = Field(
        description="What the amount is counted per: hour, day, month, year or incident."
    )
    source: LocalizedText | None = Field(
        None,
        description="Where the figure and its exposure come from (the account's estimate, an "
        "invoice, a peer's incident); printed in the business case's footnote.",
    )


class Alternative(StrictModel):
    """What the account pays if it does not choose us: a renewal quote, a like-for-like refresh."""

    audience_reason: ClassVar[str] = (
        "the account's own option and its price as the account knows it: the business case "
        "compares our offer with it, naming the source"
    )

    label: LocalizedText = Field(
        description="The option as the reader knows it (RouteMax renewal, like-for-like refresh)."
    )
    one_off: Money | None = Field(None, description="What it costs once (a refresh, a licence).")
    per_year: Money | None = Field(
        None, description="What it costs every year (maintenance, subscription)."
    )
    source: LocalizedText = Field(
        description="Where the price comes from (the renewal quote of 2026-09, a tender)."
    )

    @model_validator(mode="after")
    def _one_price_in_one_currency(self) -> Alternative:
        prices = [m for m in (self.one_off, self.per_year) if m is not None]
        if not prices:
            raise ValueError("give one_off, per_year or both: what the alternative costs")
        if len({m.currency for m in prices}) > 1:
            raise ValueError("one_off and per_year must be in the same currency")
        return self


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
    cost: Annotated[
        UnitCost | None,
        CustomerSafe(_CUSTOMER_FIGURE),
        Field(
            description="What the challenge costs per `per` unit (an hour of stopped "
            "production, an incident): the business case computes the expected loss from it."
        ),
    ] = None
    exposure: Annotated[
        float | None,
        CustomerSafe(_CUSTOMER_FIGURE),
        Field(
            ge=0,
            le=MAX_EXPOSURE,
            description="How many `cost.per` units a year are expected (6 hours of stoppage, "
            "38,000 truck-hours of waiting, 0.2 incidents: once in five years). Defaults to 12 "
            "for a monthly cost and 1 for a yearly one (below 1: the chance it happens).",
        ),
    ] = None

    @field_validator("exposure")
    @classmethod
    def _exposure_needs_a_cost(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and "cost" in info.data and info.data["cost"] is None:
            raise ValueError("exposure counts units of cost.per a year: give cost as well")
        return value  # (an invalid cost is reported on its own)


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
    renewal: Annotated[
        Money | None,
        CustomerSafe("our yearly price, which the proposal's 3-year total cost presents"),
        Field(
            description="The yearly price from the second year on (subscription renewal, "
            "maintenance): the 3-year total cost counts it for years 2 and 3."
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

    @model_validator(mode="after")
    def _renewal_in_the_value_currency(self) -> Opportunity:
        if self.renewal is None:
            return self
        if self.value is None:
            raise ValueError("renewal is the yearly price after the first: give value as well")
        if self.renewal.currency != self.value.currency:
            raise ValueError(
                f"renewal must be in the currency of value ({self.value.currency}), "
                f"not {self.renewal.currency}"
            )
        return self


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
    alternative: Annotated[
        Alternative | None,
        CustomerSafe(
            "the account's own option and its price: the business case compares our offer with "
            "it, naming the source"
        ),
        Field(
            description="What the account pays without us (the incumbent's renewal, a "
            "refresh): the business case's 3-year total cost compares our offer with it."
        ),
    ] = None
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
