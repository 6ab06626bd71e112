"""Built-in mappings of the standard Salesforce report exports and HubSpot exports."""

from __future__ import annotations

from abmcontent.crm.mapping import AccountColumns, ContactColumns, Mapping
from abmcontent.errors import UsageError

SALESFORCE = Mapping(
    source="salesforce",
    label="Salesforce",
    accounts=AccountColumns(
        crm_id=["Account ID", "Account ID (18)", "Id"],
        name=["Account Name", "取引先名"],
        name_en=["Account Name (English)", "English Name", "Account Name (EN)"],
        industry=["Industry", "業種"],
        segment=["Segment"],
        state=["Billing State/Province", "Billing State", "請求先都道府県"],
        city=["Billing City", "請求先市区郡"],
        country=["Billing Country", "請求先国"],
        employees=["Employees", "従業員数"],
        annual_revenue=["Annual Revenue", "売上高"],
        currency=["Annual Revenue Currency", "Account Currency", "Currency"],
        website=["Website", "Web サイト", "Webサイト"],
        owner=["Account Owner", "取引先 所有者", "取引先所有者"],
    ),
    contacts=ContactColumns(
        crm_id=["Contact ID", "取引先責任者 ID"],
        account_crm_id=["Account ID", "取引先 ID"],
        account_name=["Account Name", "取引先名"],
        first_name=["First Name", "名"],
        last_name=["Last Name", "姓"],
        full_name=["Full Name", "Contact Name", "氏名"],
        title=["Title", "役職"],
        email=["Email", "メール"],
    ),
)
"""Salesforce "Accounts" and "Contacts & Accounts" report exports (English or Japanese UI)."""

HUBSPOT = Mapping(
    source="hubspot",
    label="HubSpot",
    accounts=AccountColumns(
        crm_id=["Record ID", "Company ID"],
        name=["Company name", "Name", "会社名"],
        name_en=["Company name (English)", "English Name"],
        industry=["Industry", "業種"],
        segment=["Segment"],
        state=["State/Region", "都道府県"],
        city=["City", "市区町村"],
        country=["Country/Region", "国/地域"],
        employees=["Number of Employees", "従業員数"],
        annual_revenue=["Annual Revenue", "年間売上高"],
        currency=["Annual Revenue Currency", "Currency"],
        website=["Website URL", "Company Domain Name", "ウェブサイトURL"],
        owner=["Company owner", "会社の所有者"],
    ),
    contacts=ContactColumns(
        crm_id=["Record ID", "Contact ID"],
        account_crm_id=["Associated Company IDs", "Associated Company ID", "Primary Company ID"],
        account_name=["Associated Company", "Company Name", "関連付けられた会社"],
        first_name=["First Name", "名"],
        last_name=["Last Name", "姓"],
        full_name=["Full Name", "氏名"],
        title=["Job Title", "役職"],
        email=["Email", "メール"],
    ),
)
"""HubSpot "Companies" and "Contacts" exports."""

PRESETS: dict[str, Mapping] = {"salesforce": SALESFORCE, "hubspot": HUBSPOT}


def preset(name: str) -> Mapping:
    """Return the built-in mapping called ``name``.

    Raises:
        UsageError: there is no such preset.
    """
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        known = ", ".join(PRESETS)
        raise UsageError(f"unknown preset '{name}' (choose one of: {known})") from None
