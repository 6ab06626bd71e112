"""The column mapping of an export: which column holds which profile field, and options.

A mapping is what the built-in presets (:mod:`abmcontent.crm.presets`) are made of, and
what ``--mapping MAP.yaml`` reads for any other CRM or a customised export. Each field
names one column header or a list of alternatives (the first one present in the file is
used); headers are compared ignoring case, character width and spaces.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, model_validator

from abmcontent.errors import Problem, UsageError
from abmcontent.loading.errors_format import problems_from_validation
from abmcontent.loading.yamlfile import YamlSyntaxError, parse_yaml
from abmcontent.models.common import Locale, NonEmptyStr, Slug, StrictModel
from abmcontent.models.profile import OpportunityKind, Stage

Columns = Annotated[
    NonEmptyStr | list[NonEmptyStr],
    Field(description="A column header, or alternatives: the first present in the file is used."),
]
FileKind = Literal["accounts", "contacts", "deals"]


class AccountColumns(StrictModel):
    """Columns of an accounts (companies) export."""

    crm_id: Columns | None = Field(None, description="Record id, stored to match re-imports.")
    name: Columns = Field(description="Account name (required).")
    name_en: Columns | None = Field(None, description="English name, when `name` is not.")
    industry: Columns | None = None
    segment: Columns | None = Field(None, description="enterprise, mid_market or smb.")
    headquarters: Columns | None = Field(None, description="One column with the whole place.")
    state: Columns | None = Field(None, description="State, prefecture or region.")
    city: Columns | None = None
    country: Columns | None = None
    employees: Columns | None = None
    annual_revenue: Columns | None = None
    currency: Columns | None = Field(None, description="ISO code of the revenue's currency.")
    website: Columns | None = Field(None, description="Website URL, stored as written.")
    domain: Columns | None = Field(
        None, description="Company domain; matches the same company across CRMs."
    )
    owner: Columns | None = Field(None, description="Account owner; becomes owners.sales.")
    last_activity: Columns | None = Field(
        None, description="Date of the last activity; feeds engagement recency."
    )


class ContactColumns(StrictModel):
    """Columns of a contacts export; a contact needs a name and a link to its account."""

    crm_id: Columns | None = Field(None, description="Contact id, stored to match re-imports.")
    account_crm_id: Columns | None = Field(None, description="The account's record id.")
    account_name: Columns | None = Field(None, description="The account's name.")
    first_name: Columns | None = None
    last_name: Columns | None = None
    full_name: Columns | None = Field(None, description="Used when there is no last name.")
    title: Columns | None = Field(None, description="Job title; the role is inferred from it.")
    email: Columns | None = Field(
        None, description="Only its local part is used, for the id of a Japanese name."
    )
    last_activity: Columns | None = Field(
        None, description="Date of the last activity; the account's latest one counts."
    )

    @model_validator(mode="after")
    def _enough(self) -> ContactColumns:
        if self.last_name is None and self.full_name is None:
            raise ValueError("contacts need a `last_name` or a `full_name` column")
        if self.account_crm_id is None and self.account_name is None:
            raise ValueError("contacts need an `account_crm_id` or an `account_name` column")
        return self


class DealColumns(StrictModel):
    """Columns of a deals (opportunities) export; a deal needs a stage and an account."""

    crm_id: Columns | None = Field(None, description="Deal id, matched on re-imports.")
    name: Columns | None = Field(None, description="Deal name.")
    account_crm_id: Columns | None = Field(None, description="The account's record id.")
    account_name: Columns | None = Field(None, description="The account's name.")
    stage: Columns = Field(description="Deal stage, mapped through `stages`.")
    amount: Columns | None = None
    currency: Columns | None = Field(None, description="ISO code of the amount's currency.")
    close_date: Columns | None = None
    product: Columns | None = Field(
        None, description="Product; a product id of seller.yaml or a name under `products`."
    )
    kind: Columns | None = Field(None, description="Deal type: new, upsell or cross_sell.")
    last_activity: Columns | None = Field(
        None, description="Date of the last activity; the account's latest one counts."
    )

    @model_validator(mode="after")
    def _enough(self) -> DealColumns:
        if self.account_crm_id is None and self.account_name is None:
            raise ValueError("deals need an `account_crm_id` or an `account_name` column")
        return self


class SegmentBands(StrictModel):
    """Employee counts from which a new account is ``enterprise`` or ``mid_market``."""

    enterprise: int = Field(3000, ge=1)
    mid_market: int = Field(250, ge=1)


class Mapping(StrictModel):
    """A whole mapping file (``--mapping``) or a built-in preset."""

    source: Slug = Field(description="Stored as `crm.source`; re-imports match on it.")
    label: NonEmptyStr | None = Field(None, description="Name shown in messages.")
    accounts: AccountColumns | None = None
    contacts: ContactColumns | None = None
    deals: DealColumns | None = None
    stages: dict[NonEmptyStr, Stage] = Field(
        default_factory=dict,
        description="CRM deal stage -> stage (discovery, proposal, negotiation, won, lost), "
        "on top of the preset's.",
    )
    products: dict[NonEmptyStr, Slug] = Field(
        default_factory=dict, description="CRM product name -> product id of seller.yaml."
    )
    kinds: dict[NonEmptyStr, OpportunityKind] = Field(
        default_factory=dict, description="CRM deal type -> new, upsell or cross_sell."
    )
    day_first: bool = Field(
        False, description="Read dates such as 03/04/2024 as 3 April (default: March 4)."
    )
    industries: dict[NonEmptyStr, Slug] = Field(
        default_factory=dict,
        description="CRM industry name -> industry slug, on top of the built-in table.",
    )
    locale: Locale | None = Field(
        None, description="Locale of new accounts (default: ja when the name is Japanese)."
    )
    currency: NonEmptyStr | None = Field(
        None,
        description="Currency of revenue cells that name none (default: JPY for ja, else USD).",
    )
    revenue_unit: float = Field(
        1, gt=0, description="Multiply revenue cells by this (1000 for an export in thousands)."
    )
    segments: SegmentBands = Field(default_factory=SegmentBands)
    fallback_role: Slug | None = Field(
        None,
        description="Role for contacts whose title matches no persona (default: skip them).",
    )

    @property
    def display(self) -> str:
        """The name used in messages."""
        return self.label or self.source


def header_key(name: str) -> str:
    """The key a column header is compared by: width, case and spaces ignored.

    ``取引先 ID``, ``取引先ID`` and ``取引先　ＩＤ`` are one column.
    """
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def first_column(columns: str | list[str] | None, header: dict[str, str]) -> str | None:
    """Return the header of the first of ``columns`` that the file has.

    Args:
        columns: the mapping's column name or alternatives.
        header: :func:`header_key` of each header -> header name as in the file.
    """
    if columns is None:
        return None
    for name in [columns] if isinstance(columns, str) else columns:
        found = header.get(header_key(name))
        if found is not None:
            return found
    return None


_TABLES = ("industries", "stages", "products", "kinds")
"""Mapping fields that are lookup tables: a mapping file adds to the preset's."""


def merge(base: Mapping, override: Mapping) -> Mapping:
    """Return ``base`` with the fields that ``override`` sets explicitly replaced."""
    data: dict[str, Any] = base.model_dump(exclude_none=True)
    for name in override.model_fields_set:
        value = getattr(override, name)
        if name in _TABLES:
            data[name] = {**getattr(base, name), **value}
        elif value is not None:
            data[name] = value.model_dump() if hasattr(value, "model_dump") else value
    return Mapping.model_validate(data)


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file.

    Raises:
        UsageError: the file is missing, not YAML, or not a valid mapping; every problem is
            listed as ``file:line: field: reason``.
    """
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read mapping file {name}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise UsageError(str(Problem(name, exc.line, "", exc.reason))) from None
    if not isinstance(doc.data, dict):
        raise UsageError(f"{name}: expected a mapping of fields (source, accounts, contacts...)")
    try:
        return Mapping.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from_validation(exc, Mapping, doc, name)
        raise UsageError("invalid mapping file:\n" + "\n".join(map(str, problems))) from None
