"""The content library: our company and products, personas, case studies, battlecards."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, RootModel

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


class Colors(StrictModel):
    """Brand colours."""

    primary: HexColor = Field(description="Titles, rules, the main chart series.")
    accent: HexColor = Field(description="One highlight per page at most.")
    text: HexColor = Field("#1F2937", description="Body text.")


class Company(StrictModel):
    """The selling company."""

    name: NonEmptyStr
    name_en: NonEmptyStr | None = None
    tagline: LocalizedText | None = None
    logo: NonEmptyStr | None = Field(None, description="Image path relative to the workspace.")
    colors: Colors


class Product(StrictModel):
    """Something we sell, with the value it brings to each role."""

    id: Slug
    name: NonEmptyStr
    summary: LocalizedText
    tags: list[Slug] = Field(default_factory=list, description="Challenge tags it answers.")
    value_by_role: dict[Slug, LocalizedText] = Field(default_factory=dict)


class SellerFile(StrictModel):
    """library/seller.yaml."""

    company: Company
    products: list[Product] = Field(default_factory=list)


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"'{pattern}' is not a valid regular expression: {exc}") from exc
    return patterns


class Persona(StrictModel):
    """A stakeholder role: what it cares about and how to speak to it."""

    title: LocalizedText
    priorities: LocalizedList = Field(default_factory=list)
    kpis: list[NonEmptyStr] = Field(default_factory=list)
    proof: Proof = "strategic"
    tone: LocalizedText | None = None
    call_to_action: LocalizedText | None = None
    title_patterns: Annotated[list[NonEmptyStr], AfterValidator(_check_patterns)] = Field(
        default_factory=list,
        description="Regular expressions matched against job titles to infer this role.",
    )


class PersonasFile(RootModel[dict[Slug, Persona]]):
    """library/personas.yaml: persona key -> persona."""


class Result(StrictModel):
    """One measured outcome of a case study."""

    metric: LocalizedText
    value: float
    unit: LocalizedText = ""


class Quote(StrictModel):
    """What the customer said."""

    text: LocalizedText
    by: NonEmptyStr
    title: LocalizedText | None = None


class CaseStudy(StrictModel):
    """A customer story, chosen per account and audience."""

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

    objection: LocalizedText
    response: LocalizedText


class Battlecard(StrictModel):
    """How we win against one competitor."""

    id: Slug
    name: NonEmptyStr
    positioning: LocalizedText | None = None
    strengths: LocalizedList = Field(default_factory=list)
    weaknesses: LocalizedList = Field(default_factory=list)
    our_differentiators: LocalizedList = Field(default_factory=list)
    landmines: LocalizedList = Field(
        default_factory=list, description="Questions that expose the competitor's weakness."
    )
    objections: list[Objection] = Field(default_factory=list)
