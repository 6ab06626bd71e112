"""Turn CSV records into account and contact records, each cell checked and reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from abmcontent.crm.csvfile import CsvRecord
from abmcontent.crm.detect import Detected
from abmcontent.crm.industries import industry_slug
from abmcontent.crm.issues import RowIssue
from abmcontent.crm.values import (
    has_japanese,
    join_place,
    normalize,
    parse_count,
    parse_money,
    whole,
)
from abmcontent.models.currencies import ISO_4217
from abmcontent.models.profile import Segment

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
class AccountRecord:
    """One account row, read and checked.

    Attributes:
        industry: the industry slug, or ``None`` when the cell is empty or unmappable
            (``industry_raw`` keeps the cell).
        revenue: ``(amount, ISO currency)`` or ``None``.
    """

    file: str
    row: int
    line: int
    source: str
    crm_id: str
    name: str
    name_en: str = ""
    industry: str | None = None
    industry_raw: str = ""
    segment: Segment | None = None
    headquarters: str = ""
    employees: int | None = None
    revenue: tuple[float | int, str] | None = None
    website: str = ""
    owner: str = ""
    locale: str = "en"
    issues: list[RowIssue] = field(default_factory=list)


@dataclass
class ContactRecord:
    """One contact row, read and checked (its role is decided by the importer)."""

    file: str
    row: int
    line: int
    source: str
    crm_id: str
    name: str
    title: str
    account_crm_id: str
    account_name: str
    email: str = ""


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

    name = normalize(record.get(col("name")))
    if not name:
        return None
    account = AccountRecord(
        file=file,
        row=record.row,
        line=record.line,
        source=mapping.source,
        crm_id=record.get(col("crm_id")),
        name=name,
        name_en=normalize(record.get(col("name_en"))),
        website=record.get(col("website")),
        owner=normalize(record.get(col("owner"))),
    )
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
    account.revenue = _revenue(record, detected, account)
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


def _revenue(
    record: CsvRecord, detected: Detected, account: AccountRecord
) -> tuple[float | int, str] | None:
    def problem(column: str | None, reason: str) -> None:
        account.issues.append(RowIssue(account.file, record.row, record.line, column or "", reason))

    column = detected.column("annual_revenue")
    cell = record.get(column)
    if not cell:
        return None
    try:
        amount, currency = parse_money(cell)
    except ValueError as exc:
        problem(column, f"{exc} (cell ignored)")
        return None
    code_column = detected.column("currency")
    code = normalize(record.get(code_column)).upper()
    if currency is None and code:
        if code not in ISO_4217:
            problem(code_column, f"'{code}' is not an ISO 4217 currency code (revenue ignored)")
            return None
        currency = code
    if currency is None:
        currency = detected.mapping.currency or ("JPY" if account.locale == "ja" else "USD")
    return whole(amount * detected.mapping.revenue_unit), currency


def read_contact(
    record: CsvRecord, detected: Detected, file: str
) -> tuple[ContactRecord | None, list[RowIssue]]:
    """Read one row of a contacts export.

    Returns:
        The record, or ``None`` with the reason when the row lacks a name or an account.
    """
    col = detected.column
    issues: list[RowIssue] = []
    name = normalize(record.get(col("full_name")))
    first = normalize(record.get(col("first_name")))
    last = normalize(record.get(col("last_name")))
    if not name:
        japanese = has_japanese(first + last)
        parts = [last, first] if japanese else [first, last]
        name = " ".join(p for p in parts if p)
    account_ids = record.get(col("account_crm_id"))
    account_id = re.split(r"[;,]", account_ids)[0].strip() if account_ids else ""
    account_name = normalize(record.get(col("account_name")))
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
        title=normalize(record.get(col("title"))),
        account_crm_id=account_id,
        account_name=account_name,
        email=record.get(col("email")),
    )
    return contact, issues
