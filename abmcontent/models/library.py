"""The content library: our company and products, personas, case studies, battlecards."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, RootModel

from abmcontent.models.audience import CustomerSafe, Internal
from abmcontent.models.common import (
    HexColor,
    Locale,
    LocalizedList,
    LocalizedText,
    NonEmptyStr,
    Slug,
    StrictModel,
)
from abmcontent.models.profile import Segment

Proof = Literal["roi", "operational", "technical", "strategic"]
StorySection = Literal[
    "business_case",
    "situation",
    "goals",
    "solution",
    "proof",
    "comparison",
    "investment",
    "deployment",
    "people",
    "next_steps",
]
"""A section of a customer document's storyline (see abmcontent.context.storyline)."""


class Colors(StrictModel):
    """Brand colours."""

    audience_reason: ClassVar[str] = "our brand, printed on every document"

    primary: HexColor = Field(description="Titles, rules, the main chart series.")
    accent: HexColor = Field(description="One highlight per page at most.")
    text: HexColor = Field("#1F2937", description="Body text.")


class Company(StrictModel):
    """The selling company."""

    audience_reason: ClassVar[str] = "who we are, printed on every document"

    name: NonEmptyStr
    name_en: NonEmptyStr | None = None
    tagline: LocalizedText | None = None
    logo: NonEmptyStr | None = Field(None, description="Image path relative to the workspace.")
    colors: Colors


class Product(StrictModel):
    """Something we sell, with the value it brings to each role."""

    audience_reason: ClassVar[str] = "our published product messaging"

    id: Slug
    name: NonEmptyStr
    summary: LocalizedText
    tags: list[Slug] = Field(default_factory=list, description="Challenge tags it answers.")
    industries: list[Slug] = Field(
        default_factory=list,
        description="Industries it is made for (account `industry` values); none: every "
        "industry. A tag match alone pitches it only to accounts of these industries.",
    )
    value_by_role: dict[Slug, LocalizedText] = Field(default_factory=dict)


#: how old a comparison claim may be before it is reported as stale, by default
DEFAULT_CLAIM_MAX_AGE_MONTHS = 12
#: themes nearly any product claims, by default: one of them shared alone is a weak match
DEFAULT_GENERIC_TAGS = (
    "automation",
    "compliance",
    "cost-reduction",
    "data-integration",
    "efficiency",
    "risk",
    "security",
    "sustainability",
)


class SellerFile(StrictModel):
    """library/seller.yaml."""

    audience_reason: ClassVar[str] = "who we are and what we sell: printed on every document"

    company: Company
    products: list[Product] = Field(default_factory=list)
    criteria: Annotated[
        dict[Slug, LocalizedText],
        CustomerSafe("the names of the rows of a comparison"),
    ] = Field(
        default_factory=dict,
        description="Comparison criteria (cost, security...), by key: the rows of a comparison.",
    )
    generic_tags: Annotated[
        list[Slug],
        CustomerSafe("matching vocabulary: decides which products are pitched, printed nowhere"),
    ] = Field(
        default_factory=lambda: list(DEFAULT_GENERIC_TAGS),
        description="Tags too general to pitch a product on their own: a product is pitched "
        "on a tag match when it shares two tags with a challenge, or one tag not listed here.",
    )
    claim_max_age_months: Annotated[
        int, Field(ge=1, le=120), Internal("a setting of validate and the battlecard")
    ] = Field(
        DEFAULT_CLAIM_MAX_AGE_MONTHS,
        description="Comparison claims older than this are stale: reported and flagged.",
    )


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"'{pattern}' is not a valid regular expression: {exc}") from exc
    return patterns


class Persona(StrictModel):
    """A stakeholder role: what it cares about and how to speak to it."""

    audience_reason: ClassVar[str] = (
        "what the role cares about and what we ask of it: customer documents speak to it"
    )

    title: LocalizedText
    priorities: LocalizedList = Field(default_factory=list)
    kpis: list[NonEmptyStr] = Field(default_factory=list)
    criteria: list[Slug] = Field(
        default_factory=list,
        description="Comparison criteria (keys of seller.yaml `criteria`) the role weighs, "
        "most important first.",
    )
    proof: Proof = "strategic"
    storyline: list[StorySection] | None = Field(
        None,
        description="The sections of this role's documents, in order (default: the "
        "storyline of its proof style).",
    )
    tone: Annotated[
        LocalizedText | None, Internal("coaching for the rep on how to speak to the role")
    ] = None
    call_to_action: LocalizedText | None = None
    title_patterns: Annotated[
        list[NonEmptyStr],
        AfterValidator(_check_patterns),
        Internal("import configuration, not content"),
    ] = Field(
        default_factory=list,
        description="Regular expressions matched against job titles to infer this role.",
    )


class PersonasFile(RootModel[dict[Slug, Persona]]):
    """library/personas.yaml: persona key -> persona."""

    audience_reason: ClassVar[str] = "the personas, by key"


class Result(StrictModel):
    """One measured outcome of a case study."""

    audience_reason: ClassVar[str] = "part of a published customer story"

    metric: LocalizedText
    value: float
    unit: LocalizedText = ""


class Quote(StrictModel):
    """What the customer said."""

    audience_reason: ClassVar[str] = "part of a published customer story"

    text: LocalizedText
    by: NonEmptyStr
    title: LocalizedText | None = None


class CaseStudy(StrictModel):
    """A customer story, chosen per account and audience."""

    audience_reason: ClassVar[str] = "a published customer story, approved for use"

    id: Slug
    title: LocalizedText | None = Field(None, description="The outcome as a headline.")
    customer: LocalizedText
    industry: Slug
    segment: Segment | None = None
    locale: Locale = Field(description="Language the story is written in.")
    challenge_tags: list[Slug] = Field(default_factory=list)
    products: list[Slug] = Field(default_factory=list)
    roles: list[Slug] = Field(default_factory=list)
    situation: LocalizedText
    solution: LocalizedText
    outcome: LocalizedText
    results: list[Result] = Field(default_factory=list)
    quote: Quote | None = None


class Objection(StrictModel):
    """An objection the account may raise, and how to answer it."""

    audience_reason: ClassVar[str] = "objection handling (the whole list is internal)"

    objection: LocalizedText
    response: LocalizedText


class ClaimSide(StrictModel):
    """One vendor's side of a comparison claim: what is true, per whom, as of when."""

    audience_reason: ClassVar[str] = (
        "a verifiable, sourced and dated claim: fair to print in a comparison"
    )

    text: LocalizedText
    source: LocalizedText = Field(description="Where it can be checked (datasheet, report...).")
    as_of: dt.date = Field(description="The date the claim was true.")


class Claim(StrictModel):
    """A like-for-like comparison on one criterion: the competitor's offer and ours."""

    audience_reason: ClassVar[str] = "a sourced comparison row: fair to print for the account"

    criterion: Slug = Field(description="Key of seller.yaml `criteria`.")
    competitor: ClaimSide
    ours: ClaimSide


class Battlecard(StrictModel):
    """How we win against one competitor."""

    audience_reason: ClassVar[str] = (
        "the vendor's name, what it offers and our sourced comparison with it"
    )

    id: Slug
    name: NonEmptyStr
    positioning: LocalizedText | None = None
    strengths: Annotated[
        LocalizedList,
        Internal("our unsourced assessment for the account team; customers see sourced claims"),
    ] = Field(default_factory=list)
    weaknesses: Annotated[
        LocalizedList,
        Internal("our unsourced assessment for the account team; customers see sourced claims"),
    ] = Field(default_factory=list)
    our_differentiators: LocalizedList = Field(default_factory=list)
    claims: list[Claim] = Field(
        default_factory=list,
        description="Sourced, dated comparisons on the criteria of seller.yaml.",
    )
    landmines: Annotated[LocalizedList, Internal("questions for the rep to ask, not to show")] = (
        Field(default_factory=list, description="Questions that expose the competitor's weakness.")
    )
    objections: Annotated[list[Objection], Internal("objection handling for the rep")] = Field(
        default_factory=list
    )
