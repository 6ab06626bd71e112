"""Turn CSV records into account, contact and deal records, each cell checked and reported.

Names and titles are kept as the CRM writes them (:func:`as_written`); only the keys used
to match them are normalised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from abmcontent.crm.csvfile import CsvRecord
from abmcontent.crm.detect import Detected
from abmcontent.crm.industries import industry_slug
from abmcontent.crm.issues import RowIssue
from abmcontent.crm.values import (
    as_written,
    has_japanese,
    join_place,
    name_key,
    normalize,
    parse_count,
    parse_date,
    parse_money,
    whole,
)
from abmcontent.models.currencies import ISO_4217
from abmcontent.models.profile import OpportunityKind, Segment, Stage

_SEGMENTS: dict[str, Segment] = {
    "enterprise": "enterprise",
    "ent": "enterprise",
    "largeenterprise": "enterprise",
    "midmarket": "mid_market",
    "mid": "mid_market",
    "mm": "mid_market",
    "commercial": "mid_market",
    "smb": "smb",
    "small": "smb",
    "smallbusiness": "smb",
    "大企業": "enterprise",
    "中堅": "mid_market",
    "中堅企業": "mid_market",
    "中小": "smb",
    "中小企業": "smb",
}


@dataclass
class SourceRow:
    """Where a record comes from: file, spreadsheet row, line, CRM and its record id."""

    file: str
    row: int
    line: int
    source: str
    crm_id: str


@dataclass
class AccountRecord(SourceRow):
    """One account row, read and checked.

    Attributes:
        industry: the industry slug, or ``None`` when the cell is empty or unmappable
            (``industry_raw`` keeps the cell).
        revenue: ``(amount, ISO currency)`` or ``None``.
    """

    name: str = ""
    name_en: str = ""
    industry: str | None = None
    industry_raw: str = ""
    segment: Segment | None = None
    headquarters: str = ""
    employees: int | None = None
    revenue: tuple[float | int, str] | None = None
    website: str = ""
    domain: str = ""
    owner: str = ""
    locale: str = "en"
    last_activity: dt.date | None = None
    issues: list[RowIssue] = field(default_factory=list)


@dataclass
class ContactRecord(SourceRow):
    """One contact row, read and checked (its role is decided by the importer)."""

    name: str = ""
    title: str = ""
    account_crm_id: str = ""
    account_name: str = ""
    email: str = ""
    other_account_ids: tuple[str, ...] = ()
    last_activity: dt.date | None = None


@dataclass
class DealRecord(SourceRow):
    """One deal (opportunity) row, read and checked.

    Attributes:
        product: the product id, or ``None`` when the row names none that is known.
        value: ``(amount, ISO currency)`` or ``None``.
    """

    stage: Stage = "discovery"
    name: str = ""
    account_crm_id: str = ""
    account_name: str = ""
    kind: OpportunityKind | None = None
    value: tuple[float | int, str] | None = None
    close_date: dt.date | None = None
    product: str | None = None
    last_activity: dt.date | None = None


def _segment_from(count: int | None, detected: Detected) -> Segment | None:
    if count is None:
        return None
    bands = detected.mapping.segments
    if count >= bands.enterprise:
        return "enterprise"
    if count >= bands.mid_market:
        return "mid_market"
    return "smb"


def read_account(record: CsvRecord, detected: Detected, file: str) -> AccountRecord | None:
    """Read one row of an accounts export.

    Returns:
        The record (its ``issues`` list cells that were left out), or ``None`` when the
        row has no account name.
    """
    col = detected.column
    mapping = detected.mapping

    def issue(column: str | None, reason: str, severity: str = "error") -> RowIssue:
        return RowIssue(file, record.row, record.line, column or "", reason, severity)

    name = as_written(record.get(col("name")))
    if not name:
        return None
    account = AccountRecord(
        file=file,
        row=record.row,
        line=record.line,
        source=mapping.source,
        crm_id=record.get(col("crm_id")),
        name=name,
        name_en=as_written(record.get(col("name_en"))),
        website=record.get(col("website")) or record.get(col("domain")),
        domain=record.get(col("domain")),
        owner=as_written(record.get(col("owner"))),
    )
    account.last_activity = read_date(record, detected, "last_activity", account.issues, file)
    japanese = has_japanese(name)
    account.locale = mapping.locale or ("ja" if japanese else "en")
    raw_industry = record.get(col("industry"))
    account.industry_raw = raw_industry
    if raw_industry:
        account.industry = industry_slug(raw_industry, mapping.industries)
        if account.industry is None:
            account.issues.append(
                issue(
                    col("industry"),
                    f"no industry slug known for '{raw_industry}' (add it under `industries:` "
                    "in a mapping file)",
                    "warning",
                )
            )
    place = record.get(col("headquarters"))
    if not place:
        parts = [record.get(col("state")), record.get(col("city")), record.get(col("country"))]
        place = join_place([normalize(p) for p in parts], japanese)
    account.headquarters = normalize(place)
    employees = record.get(col("employees"))
    if employees:
        try:
            account.employees = parse_count(employees)
        except ValueError as exc:
            account.issues.append(issue(col("employees"), f"{exc} (cell ignored)"))
    account.revenue = read_money(
        record,
        detected,
        ("annual_revenue", "currency"),
        account.locale == "ja",
        account.issues,
        file,
    )
    raw_segment = record.get(col("segment"))
    if raw_segment:
        key = re.sub(r"[\s\W_]+", "", normalize(raw_segment).casefold())
        account.segment = _SEGMENTS.get(key)
        if account.segment is None:
            account.issues.append(
                issue(
                    col("segment"),
                    f"'{raw_segment}' is not a segment (enterprise, mid_market, smb); "
                    "taken from the employee count instead",
                    "warning",
                )
            )
    if account.segment is None:
        account.segment = _segment_from(account.employees, detected)
    return account


def read_money(
    record: CsvRecord,
    detected: Detected,
    fields: tuple[str, str],
    japanese: bool,
    issues: list[RowIssue],
    file: str,
) -> tuple[float | int, str] | None:
    """An amount of money from the row: ``(amount, ISO currency)``, or ``None``.

    Args:
        record: the row.
        detected: how the file is read (its columns and mapping).
        fields: the amount field and the currency-code field (``annual_revenue`` and
            ``currency``, or ``amount`` and ``currency``); the mapping's ``revenue_unit``
            applies to ``annual_revenue`` only.
        japanese: the account is Japanese (its amounts default to JPY).
        issues: receives the problems of the cells (the amount is then left out).
        file: the name to report problems under.
    """

    def problem(column: str | None, reason: str) -> None:
        issues.append(RowIssue(file, record.row, record.line, column or "", reason))

    column = detected.column(fields[0])
    cell = record.get(column)
    if not cell:
        return None
    try:
        amount, currency = parse_money(cell)
    except ValueError as exc:
        problem(column, f"{exc} (cell ignored)")
        return None
    code_column = detected.column(fields[1])
    code = normalize(record.get(code_column)).upper()
    if currency is None and code:
        if code not in ISO_4217:
            problem(code_column, f"'{code}' is not an ISO 4217 currency code (amount ignored)")
            return None
        currency = code
    if currency is None:
        currency = detected.mapping.currency or ("JPY" if japanese else "USD")
    unit = detected.mapping.revenue_unit if fields[0] == "annual_revenue" else 1
    return whole(amount * unit), currency


def read_contact(
    record: CsvRecord, detected: Detected, file: str
) -> tuple[ContactRecord | None, list[RowIssue]]:
    """Read one row of a contacts export.

    Returns:
        The record, or ``None`` with the reason when the row lacks a name or an account.
    """
    col = detected.column
    issues: list[RowIssue] = []
    name = as_written(record.get(col("full_name")))
    first = as_written(record.get(col("first_name")))
    last = as_written(record.get(col("last_name")))
    if not name:
        japanese = has_japanese(first + last)
        parts = [last, first] if japanese else [first, last]
        name = " ".join(p for p in parts if p)
    account_ids = split_ids(record.get(col("account_crm_id")))
    account_id = account_ids[0] if account_ids else ""
    account_name = as_written(record.get(col("account_name")))
    if not name:
        column = col("last_name") or col("full_name") or ""
        issues.append(RowIssue(file, record.row, record.line, column, "the contact has no name"))
        return None, issues
    if not account_id and not account_name:
        column = col("account_crm_id") or col("account_name") or ""
        issues.append(
            RowIssue(file, record.row, record.line, column, f"{name}: no account id or name")
        )
        return None, issues
    contact = ContactRecord(
        file=file,
        row=record.row,
        line=record.line,
        source=detected.mapping.source,
        crm_id=record.get(col("crm_id")),
        name=name,
        title=as_written(record.get(col("title"))),
        account_crm_id=account_id,
        account_name=account_name,
        email=record.get(col("email")),
        other_account_ids=tuple(account_ids[1:]),
    )
    contact.last_activity = read_date(record, detected, "last_activity", issues, file)
    return contact, issues


def split_ids(cell: str) -> list[str]:
    """The record ids of a cell that may list several (``123;456``), in order."""
    return [part.strip() for part in re.split(r"[;,\n]", cell) if part.strip()]


def read_date(
    record: CsvRecord, detected: Detected, name: str, issues: list[RowIssue], file: str
) -> dt.date | None:
    """The date in field ``name`` of the row; a cell that is no date is reported."""
    column = detected.column(name)
    cell = record.get(column)
    if not cell:
        return None
    try:
        return parse_date(cell, day_first=detected.mapping.day_first)
    except ValueError as exc:
        issues.append(
            RowIssue(file, record.row, record.line, column or "", f"{exc} (cell ignored)")
        )
        return None


def _lookup(table: dict[str, str], cell: str) -> str | None:
    """The value of ``cell`` in a mapping table, keys compared by :func:`name_key`."""
    key = name_key(cell)
    for name, value in table.items():
        if name_key(name) == key:
            return value
    return None


def read_deal(
    record: CsvRecord, detected: Detected, file: str, products: set[str]
) -> tuple[DealRecord | None, list[RowIssue]]:
    """Read one row of a deals (opportunities) export.

    The stage goes through the mapping's ``stages``; the product is kept when the cell is
    a product id of ``products`` or a name under the mapping's ``products``, and is left
    unset otherwise (with a warning when the cell is not empty).

    Returns:
        The record, or ``None`` with the reason when the row lacks an account or a
        known stage.
    """
    col = detected.column
    mapping = detected.mapping
    issues: list[RowIssue] = []

    def issue(field_name: str, reason: str, severity: str = "error") -> None:
        issues.append(
            RowIssue(file, record.row, record.line, col(field_name) or "", reason, severity)
        )

    crm_id = record.get(col("crm_id"))
    name = as_written(record.get(col("name")))
    label = name or crm_id or "the deal"
    account_ids = split_ids(record.get(col("account_crm_id")))
    account_name = as_written(record.get(col("account_name")))
    if not account_ids and not account_name:
        issue(
            "account_crm_id" if col("account_crm_id") else "account_name",
            f"{label}: no account id or name; deal skipped",
        )
        return None, issues
    raw_stage = record.get(col("stage"))
    stage = _lookup(dict(mapping.stages), raw_stage) if raw_stage else None
    if stage is None:
        known = "no stage" if not raw_stage else f"stage '{raw_stage}' is not mapped"
        issue(
            "stage",
            f"{label}: {known}; deal skipped (map it to discovery, proposal, negotiation, won "
            "or lost under `stages:` in a mapping file)",
        )
        return None, issues
    deal = DealRecord(
        file=file,
        row=record.row,
        line=record.line,
        source=mapping.source,
        crm_id=crm_id,
        name=name,
        account_crm_id=account_ids[0] if account_ids else "",
        account_name=account_name,
        stage=stage,  # type: ignore[arg-type]
    )
    raw_kind = record.get(col("kind"))
    if raw_kind:
        deal.kind = _lookup(dict(mapping.kinds), raw_kind)  # type: ignore[assignment]
        if deal.kind is None:
            issue(
                "kind",
                f"{label}: deal type '{raw_kind}' is not mapped; kind left unset "
                "(map it under `kinds:` in a mapping file)",
                "warning",
            )
    raw_product = record.get(col("product"))
    if raw_product:
        deal.product = (
            raw_product if raw_product in products else _lookup(dict(mapping.products), raw_product)
        )
        if deal.product is None:
            issue(
                "product",
                f"{label}: product '{raw_product}' is no product of "
                "library/seller.yaml; left unset (map it under `products:` in a mapping "
                "file)",
                "warning",
            )
    japanese = mapping.locale == "ja" or has_japanese(account_name or name)
    deal.value = read_money(record, detected, ("amount", "currency"), japanese, issues, file)
    deal.close_date = read_date(record, detected, "close_date", issues, file)
    deal.last_activity = read_date(record, detected, "last_activity", issues, file)
    return deal, issues
