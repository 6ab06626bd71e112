"""Shared field types: slugs, localized text, money with ISO 4217 codes, hex colours."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from abmcontent.models.currencies import ISO_4217

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,63})$"
#: the largest amount of money taken (10**18 is beyond any company's revenue in any currency)
MAX_AMOUNT = 10**18
#: the largest head count taken (no employer has a hundred million people)
MAX_EMPLOYEES = 100_000_000

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="Lowercase ascii letters, digits and '-', 1 to 64 characters."),
]
"""An identifier that is safe to use in an output path."""

Locale = Literal["ja", "en"]
"""A document language."""

LOCALES: tuple[Locale, ...] = ("ja", "en")

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]

LocalizedText = Annotated[
    NonEmptyStr | dict[Locale, NonEmptyStr],
    Field(description="A plain string, or a map from locale (ja, en) to string."),
]
"""Text given once, or per locale."""

LocalizedList = Annotated[
    list[NonEmptyStr] | dict[Locale, list[NonEmptyStr]],
    Field(description="A list of strings, or a map from locale (ja, en) to a list of strings."),
]
"""A list of texts given once, or per locale."""


class StrictModel(BaseModel):
    """Base of every file model: unknown fields are errors, so typos are caught.

    Numbers must be finite: ``.inf``, ``.nan``, ``1e309`` (and the text ``inf``) are errors.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


def _check_currency(code: str) -> str:
    if code not in ISO_4217:
        raise ValueError(f"'{code}' is not an ISO 4217 currency code")
    return code


class Money(StrictModel):
    """An amount of money in one currency."""

    audience_reason: ClassVar[str] = "an amount: it is as customer-safe as the field holding it"

    amount: Annotated[
        float | int,
        Field(ge=0, le=MAX_AMOUNT, description="The amount, in whole units."),
    ]
    currency: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Z]{3}$"),
        AfterValidator(_check_currency),
        Field(description="ISO 4217 currency code, e.g. JPY, USD, EUR."),
    ]


HexColor = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
    Field(description="A colour as #RRGGBB."),
]
