"""The ideal customer profile (``library/icp.yaml``): how accounts are scored and tiered.

Every criterion gives an account a value from 0 to 1 (from the tables below); the fit score
is the weighted mean of those values, scaled to 0-100. Tiers are then proposed by rank:
the best ``capacity.strategic`` accounts become ``strategic``, the next ``capacity.lite``
``lite``, the rest ``programmatic``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from abmcontent.models.common import Slug, StrictModel
from abmcontent.models.currencies import ISO_4217
from abmcontent.models.profile import CompetitorStatus, EngagementKind, Segment, Stage

Fraction = Annotated[float, Field(ge=0, le=1, description="A value from 0 (poor) to 1 (ideal).")]
Weight = Annotated[float, Field(ge=0, description="Relative importance; 0 turns it off.")]

CRITERIA: tuple[str, ...] = (
    "industry",
    "segment",
    "size",
    "revenue",
    "recency",
    "intensity",
    "opportunities",
    "competitors",
)
"""The scoring criteria, in the order they are shown."""


class Weights(StrictModel):
    """How much each criterion counts; they need not add up to 100."""

    industry: Weight = 0
    segment: Weight = 0
    size: Weight = Field(0, ge=0, description="Employee count bands.")
    revenue: Weight = Field(0, ge=0, description="Annual revenue bands.")
    recency: Weight = Field(0, ge=0, description="Days since the last engagement.")
    intensity: Weight = Field(0, ge=0, description="Weighted engagements in a recent window.")
    opportunities: Weight = Field(0, ge=0, description="The most advanced open opportunity.")
    competitors: Weight = Field(0, ge=0, description="Incumbent or evaluated competitors.")

    @model_validator(mode="after")
    def _some_weight(self) -> Weights:
        if not any(getattr(self, name) > 0 for name in CRITERIA):
            raise ValueError("at least one weight must be above 0")
        return self


class Band(StrictModel):
    """A lower bound and the value of everything from it up to the next band."""

    min: float = Field(ge=0, description="Lower bound (inclusive).")
    value: Fraction


class RevenueBands(StrictModel):
    """Revenue bands in one currency, with the rates that convert other currencies to it."""

    currency: str = Field(description="ISO 4217 code the band bounds are given in.")
    rates: dict[str, Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict,
        description="Value of one unit of another currency in `currency` (JPY: 0.0067).",
    )
    bands: list[Band] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_currencies(self) -> RevenueBands:
        for code in (self.currency, *self.rates):
            if code not in ISO_4217:
                raise ValueError(f"'{code}' is not an ISO 4217 currency code")
        return self


class RecencyBand(StrictModel):
    """The value of a last engagement no older than ``within_days``."""

    within_days: int = Field(ge=0)
    value: Fraction


_DEFAULT_POINTS: dict[EngagementKind, float] = {
    "meeting": 3,
    "call": 2,
    "event": 2,
    "webinar": 1,
    "content_view": 1,
    "email": 0.5,
}


class Intensity(StrictModel):
    """Engagement volume: points per kind, summed over a window, full marks at ``full_at``."""

    window_days: int = Field(180, ge=1, description="Only engagements this recent count.")
    full_at: float = Field(6, gt=0, description="Points that give the full value.")
    points: dict[EngagementKind, Annotated[float, Field(ge=0)]] = Field(
        default_factory=lambda: dict(_DEFAULT_POINTS),
        description="Points per engagement kind.",
    )


class Capacity(StrictModel):
    """How many accounts the team can serve in each personalised tier."""

    strategic: int = Field(0, ge=0)
    lite: int = Field(0, ge=0)


class MinScore(StrictModel):
    """The lowest score a tier accepts (an account below it goes one tier down)."""

    strategic: float = Field(0, ge=0, le=100)
    lite: float = Field(0, ge=0, le=100)


def _default_stages() -> dict[Stage, float]:
    return {"discovery": 0.6, "proposal": 0.85, "negotiation": 1.0, "won": 0.4, "lost": 0.0}


def _default_competitors() -> dict[CompetitorStatus | Literal["none"], float]:
    return {"none": 1.0, "displaced": 1.0, "evaluating": 0.6, "incumbent": 0.3}


class IcpFile(StrictModel):
    """library/icp.yaml: the ideal customer profile and the team's tier capacity."""

    weights: Weights
    industries: dict[Slug, Fraction] = Field(
        default_factory=dict, description="Industry slug -> value; unlisted industries get 0."
    )
    segments: dict[Segment, Fraction] = Field(
        default_factory=dict, description="Segment -> value; unlisted or unknown get 0."
    )
    size: list[Band] = Field(
        default_factory=list, description="Employee bands: the highest `min` reached counts."
    )
    revenue: RevenueBands | None = None
    recency: list[RecencyBand] = Field(
        default_factory=list, description="The tightest band the last engagement falls in."
    )
    intensity: Intensity = Field(default_factory=Intensity)
    opportunities: dict[Stage, Fraction] = Field(
        default_factory=_default_stages,
        description="Stage -> value; the best opportunity counts, none gives 0.",
    )
    competitors: dict[CompetitorStatus | Literal["none"], Fraction] = Field(
        default_factory=_default_competitors,
        description="Status -> value; the lowest over the account's competitors counts.",
    )
    capacity: Capacity = Field(default_factory=Capacity)
    min_score: MinScore = Field(default_factory=MinScore)
