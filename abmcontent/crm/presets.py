"""Built-in mappings of the standard Salesforce report exports and HubSpot exports.

Both CRMs name their columns in the language of the user's UI, so every field lists the
English and the Japanese header. Headers are compared ignoring case, width and spaces
(``取引先 ID`` and ``取引先ID`` are the same column).
"""

from __future__ import annotations

from abmcontent.crm.mapping import AccountColumns, ContactColumns, DealColumns, Mapping
from abmcontent.errors import UsageError
from abmcontent.models.profile import OpportunityKind, Stage

SALESFORCE_STAGES: dict[str, Stage] = {
    "Prospecting": "discovery",
    "Qualification": "discovery",
    "Needs Analysis": "discovery",
    "Value Proposition": "proposal",
    "Id. Decision Makers": "proposal",
    "Perception Analysis": "proposal",
    "Proposal/Price Quote": "proposal",
    "Negotiation/Review": "negotiation",
    "Closed Won": "won",
    "Closed Lost": "lost",
    "見込み": "discovery",
    "見込み客": "discovery",
    "評価": "discovery",
    "ニーズ分析": "discovery",
    "ニーズの分析": "discovery",
    "価値提案": "proposal",
    "意思決定者の特定": "proposal",
    "認識分析": "proposal",
    "提案/見積": "proposal",
    "提案/見積り": "proposal",
    "交渉/レビュー": "negotiation",
    "商談成立": "won",
    "成立": "won",
    "商談不成立": "lost",
    "不成立": "lost",
}
"""The stages of Salesforce's default sales process (English and Japanese UI)."""

HUBSPOT_STAGES: dict[str, Stage] = {
    "Appointment Scheduled": "discovery",
    "appointmentscheduled": "discovery",
    "Qualified To Buy": "discovery",
    "qualifiedtobuy": "discovery",
    "Presentation Scheduled": "proposal",
    "presentationscheduled": "proposal",
    "Decision Maker Bought-In": "proposal",
    "decisionmakerboughtin": "proposal",
    "Contract Sent": "negotiation",
    "contractsent": "negotiation",
    "Closed Won": "won",
    "closedwon": "won",
    "Closed Lost": "lost",
    "closedlost": "lost",
    "アポイント設定済み": "discovery",
    "アポ設定済み": "discovery",
    "購入見込みあり": "discovery",
    "購買意欲あり": "discovery",
    "プレゼン予定済み": "proposal",
    "意思決定者の賛同獲得": "proposal",
    "契約書送付済み": "negotiation",
    "成約": "won",
    "クローズ済み成立": "won",
    "失注": "lost",
    "クローズ済み不成立": "lost",
}
"""The stages of HubSpot's default sales pipeline (labels, internal names, Japanese UI)."""

KINDS: dict[str, OpportunityKind] = {
    "New Customer": "new",
    "New Business": "new",
    "newbusiness": "new",
    "新規顧客": "new",
    "新規ビジネス": "new",
    "新規": "new",
    "Existing Customer - Upgrade": "upsell",
    "Existing Customer - Replacement": "upsell",
    "Existing Business": "upsell",
    "existingbusiness": "upsell",
    "既存顧客 - アップグレード": "upsell",
    "既存顧客 - 交換": "upsell",
    "既存ビジネス": "upsell",
    "アップセル": "upsell",
    "クロスセル": "cross_sell",
    "Cross-sell": "cross_sell",
}
"""Deal types of both CRMs -> opportunity kinds."""

SALESFORCE = Mapping(
    source="salesforce",
    label="Salesforce",
    accounts=AccountColumns(
        crm_id=["Account ID", "Account ID (18)", "Id", "取引先 ID", "取引先 ID (18)"],
        name=["Account Name", "取引先名"],
        name_en=["Account Name (English)", "English Name", "Account Name (EN)", "取引先名 (英語)"],
        industry=["Industry", "業種"],
        segment=["Segment", "セグメント"],
        state=[
            "Billing State/Province",
            "Billing State",
            "請求先都道府県",
            "請求先住所 (都道府県)",
            "請求先 都道府県",
        ],
        city=["Billing City", "請求先市区郡", "請求先住所 (市区郡)", "請求先 市区郡"],
        country=["Billing Country", "請求先国", "請求先住所 (国)", "請求先 国"],
        employees=["Employees", "従業員数"],
        annual_revenue=["Annual Revenue", "売上高", "年間売上"],
        currency=["Annual Revenue Currency", "Account Currency", "Currency", "取引先 通貨", "通貨"],
        website=["Website", "Web サイト", "Webサイト", "ウェブサイト"],
        owner=["Account Owner", "取引先 所有者", "取引先所有者"],
        last_activity=["Last Activity", "Last Activity Date", "最終活動日"],
    ),
    contacts=ContactColumns(
        crm_id=["Contact ID", "取引先責任者 ID"],
        account_crm_id=["Account ID", "取引先 ID"],
        account_name=["Account Name", "取引先名"],
        first_name=["First Name", "名"],
        last_name=["Last Name", "姓"],
        full_name=["Full Name", "Contact Name", "氏名", "取引先責任者名", "取引先責任者: 氏名"],
        title=["Title", "役職"],
        email=["Email", "メール"],
        last_activity=["Last Activity", "Last Activity Date", "最終活動日"],
    ),
    deals=DealColumns(
        crm_id=["Opportunity ID", "商談 ID"],
        name=["Opportunity Name", "商談名"],
        account_crm_id=["Account ID", "取引先 ID"],
        account_name=["Account Name", "取引先名"],
        stage=["Stage", "フェーズ"],
        amount=["Amount", "金額"],
        currency=["Amount Currency", "Opportunity Currency", "金額 通貨", "商談 通貨", "通貨"],
        close_date=["Close Date", "完了予定日"],
        product=["Product Name", "Product", "商品名", "商品"],
        kind=["Type", "種別", "商談 種別"],
        last_activity=["Last Activity", "Last Activity Date", "最終活動日"],
    ),
    stages=SALESFORCE_STAGES,
    kinds=KINDS,
)
"""Salesforce "Accounts", "Contacts & Accounts" and "Opportunities" report exports."""

HUBSPOT = Mapping(
    source="hubspot",
    label="HubSpot",
    accounts=AccountColumns(
        crm_id=["Record ID", "Company ID", "レコードID", "会社ID"],
        name=["Company name", "Name", "会社名"],
        name_en=["Company name (English)", "English Name", "会社名 (英語)"],
        industry=["Industry", "業種"],
        segment=["Segment", "セグメント"],
        state=["State/Region", "都道府県/地域", "都道府県"],
        city=["City", "市区町村"],
        country=["Country/Region", "国/地域"],
        employees=["Number of Employees", "従業員数"],
        annual_revenue=["Annual Revenue", "年間売上高", "年間収益"],
        currency=["Annual Revenue Currency", "Currency", "通貨"],
        website=["Website URL", "ウェブサイトURL", "WebサイトURL"],
        domain=["Company Domain Name", "会社のドメイン名", "ドメイン名"],
        owner=["Company owner", "会社の所有者", "会社所有者", "会社の担当者"],
        last_activity=["Last Activity Date", "最終アクティビティー日", "最終アクティビティ日"],
    ),
    contacts=ContactColumns(
        crm_id=["Record ID", "Contact ID", "レコードID", "コンタクトID"],
        account_crm_id=[
            "Associated Company IDs",
            "Associated Company ID",
            "Primary Company ID",
            "関連付けられた会社ID",
            "関連付けられた会社のID",
            "関連付けられている会社ID",
        ],
        account_name=[
            "Associated Company",
            "Company Name",
            "関連付けられた会社",
            "関連付けられている会社",
            "会社名",
        ],
        first_name=["First Name", "名"],
        last_name=["Last Name", "姓"],
        full_name=["Full Name", "氏名"],
        title=["Job Title", "役職"],
        email=["Email", "メール", "Eメール"],
        last_activity=["Last Activity Date", "最終アクティビティー日", "最終アクティビティ日"],
    ),
    deals=DealColumns(
        crm_id=["Record ID", "Deal ID", "レコードID", "取引ID"],
        name=["Deal Name", "取引名"],
        account_crm_id=[
            "Associated Company IDs",
            "Associated Company ID",
            "関連付けられた会社ID",
            "関連付けられた会社のID",
            "関連付けられている会社ID",
        ],
        account_name=["Associated Company", "関連付けられた会社", "関連付けられている会社"],
        stage=["Deal Stage", "取引ステージ"],
        amount=["Amount", "金額"],
        currency=["Currency", "Deal Currency", "通貨"],
        close_date=["Close Date", "クローズ日", "完了予定日"],
        product=["Product", "Product Name", "製品", "製品名"],
        kind=["Deal Type", "取引タイプ"],
        last_activity=["Last Activity Date", "最終アクティビティー日", "最終アクティビティ日"],
    ),
    stages=HUBSPOT_STAGES,
    kinds=KINDS,
)
"""HubSpot "Companies", "Contacts" and "Deals" exports (English or Japanese UI)."""

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
