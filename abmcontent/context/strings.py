"""Words the documents print around the data, in each locale.

Templates use ``strings.<key>`` so one template serves both languages. Enumerations
(impact, influence, stage, ...) are labelled through :data:`LABELS`.
"""

from __future__ import annotations

from abmcontent.models.common import Locale

LABELS: dict[str, dict[str, dict[Locale, str]]] = {
    "tier": {
        "strategic": {"ja": "戦略アカウント", "en": "Strategic"},
        "lite": {"ja": "ライトABM", "en": "ABM Lite"},
        "programmatic": {"ja": "プログラマティック", "en": "Programmatic"},
    },
    "segment": {
        "enterprise": {"ja": "大企業", "en": "Enterprise"},
        "mid_market": {"ja": "中堅企業", "en": "Mid-market"},
        "smb": {"ja": "中小企業", "en": "SMB"},
    },
    "impact": {
        "high": {"ja": "高", "en": "High"},
        "medium": {"ja": "中", "en": "Medium"},
        "low": {"ja": "低", "en": "Low"},
    },
    "influence": {
        "decision_maker": {"ja": "決裁者", "en": "Decision maker"},
        "champion": {"ja": "推進者", "en": "Champion"},
        "influencer": {"ja": "影響者", "en": "Influencer"},
        "blocker": {"ja": "懸念者", "en": "Blocker"},
        "user": {"ja": "利用者", "en": "User"},
    },
    "competitor_status": {
        "incumbent": {"ja": "現行ベンダー", "en": "Incumbent"},
        "evaluating": {"ja": "比較検討中", "en": "Being evaluated"},
        "displaced": {"ja": "リプレース済み", "en": "Displaced"},
    },
    "stance": {
        "supporter": {"ja": "支持", "en": "Supporter"},
        "neutral": {"ja": "中立", "en": "Neutral"},
        "skeptic": {"ja": "慎重", "en": "Skeptic"},
        "opponent": {"ja": "反対", "en": "Opponent"},
    },
    "opportunity_kind": {
        "new": {"ja": "新規", "en": "New"},
        "upsell": {"ja": "アップセル", "en": "Upsell"},
        "cross_sell": {"ja": "クロスセル", "en": "Cross-sell"},
    },
    "stage": {
        "discovery": {"ja": "課題発見", "en": "Discovery"},
        "proposal": {"ja": "提案", "en": "Proposal"},
        "negotiation": {"ja": "交渉", "en": "Negotiation"},
        "won": {"ja": "受注", "en": "Won"},
        "lost": {"ja": "失注", "en": "Lost"},
    },
    "engagement_kind": {
        "meeting": {"ja": "面談", "en": "Meeting"},
        "webinar": {"ja": "ウェビナー", "en": "Webinar"},
        "content_view": {"ja": "コンテンツ閲覧", "en": "Content view"},
        "event": {"ja": "イベント", "en": "Event"},
        "email": {"ja": "メール", "en": "Email"},
        "call": {"ja": "電話", "en": "Call"},
    },
    "proof": {
        "roi": {"ja": "投資対効果", "en": "Return on investment"},
        "operational": {"ja": "現場での効果", "en": "Operational results"},
        "technical": {"ja": "技術的な適合性", "en": "Technical fit"},
        "strategic": {"ja": "経営へのインパクト", "en": "Strategic impact"},
    },
    "industry": {
        "logistics": {"ja": "物流", "en": "Logistics"},
        "healthcare": {"ja": "ヘルスケア", "en": "Healthcare"},
        "retail": {"ja": "小売", "en": "Retail"},
        "manufacturing": {"ja": "製造", "en": "Manufacturing"},
        "food-and-beverage": {"ja": "食品・飲料", "en": "Food and beverage"},
        "pharma": {"ja": "製薬", "en": "Pharmaceuticals"},
        "e-commerce": {"ja": "EC", "en": "E-commerce"},
        "automotive": {"ja": "自動車", "en": "Automotive"},
        "wholesale": {"ja": "卸売", "en": "Wholesale"},
        "chemicals": {"ja": "化学", "en": "Chemicals"},
        "construction": {"ja": "建設", "en": "Construction"},
        "energy": {"ja": "エネルギー", "en": "Energy"},
        "finance": {"ja": "金融", "en": "Financial services"},
        "public-sector": {"ja": "公共", "en": "Public sector"},
    },
}

STRINGS: dict[str, dict[Locale, str]] = {
    "prepared_for": {"ja": "{account} 様向け", "en": "Prepared for {account}"},
    "confidential": {"ja": "社外秘", "en": "Confidential"},
    "footer": {"ja": "{account} 様向け・社外秘", "en": "Prepared for {account} · Confidential"},
    "internal_label": {"ja": "社内用・社外秘", "en": "Internal — do not forward"},
    "customer_label": {"ja": "お客様向け", "en": "Customer-facing"},
    "honorific": {"ja": "{name} 様", "en": "{name}"},
    "audience_stakeholder": {"ja": "{name} 様（{title}）", "en": "for {name}, {title}"},
    "audience_role": {"ja": "{title}の皆様へ", "en": "for the {title}"},
    "role_addressee": {"ja": "{title}の皆様", "en": "the {title}"},
    "audience_account": {
        "ja": "{account} 経営チームの皆様へ",
        "en": "for the {account} leadership team",
    },
    "generic_persona_title": {"ja": "経営チーム", "en": "Leadership team"},
    "generic_call_to_action": {"ja": "課題整理ワークショップ", "en": "A discovery workshop"},
    "agenda": {"ja": "アジェンダ", "en": "Agenda"},
    "what_we_heard": {"ja": "現状の課題", "en": "What we heard"},
    "goals": {"ja": "目指す姿", "en": "Your goals"},
    "solution": {"ja": "ご提案内容", "en": "Proposed solution"},
    "case_studies": {"ja": "導入事例", "en": "Customer stories"},
    "competitive": {"ja": "競合比較", "en": "Competitive positioning"},
    "investment": {"ja": "投資と効果", "en": "Investment and return"},
    "buying_group": {"ja": "関係者マップ", "en": "Buying group"},
    "next_steps": {"ja": "次のステップ", "en": "Next steps"},
    "situation": {"ja": "課題", "en": "Situation"},
    "solution_used": {"ja": "解決策", "en": "Solution"},
    "outcome": {"ja": "成果", "en": "Outcome"},
    "results": {"ja": "導入効果", "en": "Results"},
    "why_relevant": {"ja": "この事例をご紹介する理由", "en": "Why this story is relevant"},
    "more_in_notes": {"ja": "（続きはノートに記載）", "en": " (more in the notes)"},
    "strengths": {"ja": "強み", "en": "Strengths"},
    "weaknesses": {"ja": "弱み", "en": "Weaknesses"},
    "our_differentiators": {"ja": "当社の差別化ポイント", "en": "Our differentiators"},
    "landmines": {"ja": "確認すべき質問", "en": "Landmine questions"},
    "objections": {"ja": "想定される反論と回答", "en": "Objection handling"},
    "objection": {"ja": "反論", "en": "Objection"},
    "response": {"ja": "回答", "en": "Response"},
    "positioning": {"ja": "ポジショニング", "en": "Positioning"},
    "executive_summary": {"ja": "エグゼクティブサマリー", "en": "Executive summary"},
    "account_situation": {"ja": "お客様の状況", "en": "The account's situation"},
    "comparison": {"ja": "比較表", "en": "Side-by-side comparison"},
    "recommendation": {"ja": "推奨アクション", "en": "Recommendation"},
    "snapshot": {"ja": "アカウント概要", "en": "Account snapshot"},
    "challenges": {"ja": "課題（影響度順）", "en": "Challenges by impact"},
    "opportunities": {"ja": "商談", "en": "Opportunities"},
    "engagement": {"ja": "最近の接点", "en": "Recent engagement"},
    "suggested_agenda": {"ja": "面談アジェンダ案", "en": "Suggested agenda"},
    "questions": {"ja": "出席者別の質問", "en": "Questions per attendee"},
    "owners": {"ja": "担当", "en": "Account team"},
    "owner_sales": {"ja": "営業", "en": "Sales"},
    "owner_marketing": {"ja": "マーケティング", "en": "Marketing"},
    "visit_date": {"ja": "訪問日", "en": "Visit date"},
    "headquarters": {"ja": "本社", "en": "Headquarters"},
    "employees": {"ja": "従業員数", "en": "Employees"},
    "annual_revenue": {"ja": "売上高", "en": "Annual revenue"},
    "industry": {"ja": "業種", "en": "Industry"},
    "segment": {"ja": "規模", "en": "Segment"},
    "tier": {"ja": "ティア", "en": "Tier"},
    "website": {"ja": "Webサイト", "en": "Website"},
    "impact": {"ja": "影響度", "en": "Impact"},
    "influence": {"ja": "影響力", "en": "Influence"},
    "priorities": {"ja": "関心事", "en": "Priorities"},
    "notes": {"ja": "メモ", "en": "Notes"},
    "last_engagement": {"ja": "最終接点", "en": "Last engagement"},
    "product": {"ja": "製品", "en": "Product"},
    "value": {"ja": "金額", "en": "Value"},
    "stage": {"ja": "ステージ", "en": "Stage"},
    "pipeline_total": {"ja": "商談総額", "en": "Open pipeline"},
    "date": {"ja": "日付", "en": "Date"},
    "page": {"ja": "ページ", "en": "Page"},
    "none": {"ja": "なし", "en": "None"},
    "name": {"ja": "氏名", "en": "Name"},
    "title": {"ja": "役職", "en": "Title"},
    "role": {"ja": "役割", "en": "Role"},
    "us": {"ja": "当社", "en": "Us"},
    "more_people": {
        "ja": "ほか{n}名（一覧はアカウントプロファイルを参照）",
        "en": "and {n} more (see the account profile for the full list)",
    },
    "your_market": {"ja": "市場でのポジション", "en": "Where you stand in your market"},
    "rivals": {"ja": "主な競合企業", "en": "Main rivals"},
    "company": {"ja": "企業", "en": "Company"},
    "revenue": {"ja": "売上高", "en": "Revenue"},
    "market_share": {"ja": "シェア", "en": "Share"},
    "benchmarks": {"ja": "業界水準との比較", "en": "Against your industry"},
    "metric": {"ja": "指標", "en": "Measure"},
    "industry_figure": {"ja": "業界水準", "en": "Industry"},
    "gap": {"ja": "差", "en": "Gap"},
    "source": {"ja": "出典", "en": "Source"},
    "as_of": {"ja": "時点", "en": "As of"},
    "market_position": {"ja": "市場での位置", "en": "Market position"},
    "ahead_of_industry": {"ja": "業界水準を上回る指標", "en": "Ahead of the industry on"},
    "behind_industry": {"ja": "業界水準を下回る指標", "en": "Behind the industry on"},
    "options_title": {"ja": "ご検討中の選択肢", "en": "The options in front of you"},
    "options_compared": {"ja": "比較した選択肢", "en": "Options compared"},
    "comparison_for": {"ja": "{reader}が重視される観点での比較",
                       "en": "Compared on what matters to {reader}"},
    "criterion": {"ja": "比較の観点", "en": "What you compare"},
    "comparison_note": {
        "ja": "各項目は公開情報に基づき、出典と時点を併記しています。"
        "●は{reader}が特に重視される観点です。",
        "en": "Every entry is based on public information, with its source and date. ● marks"
        " what matters most to {reader}.",
    },
    "meaning_for": {"ja": "{reader}にとっての意味", "en": "What it means for {reader}"},
    "suggested_next_step": {"ja": "ご提案する次のステップ", "en": "Suggested next step"},
    "your_contact": {"ja": "お問い合わせ先", "en": "Your contact"},
    "not_stated": {"ja": "公開情報なし", "en": "Not published"},
    "vendors_in_deal": {"ja": "この案件の競合", "en": "Vendors in this deal"},
    "on_this_account": {"ja": "この案件での動き", "en": "On this account"},
    "their_profile": {
        "ja": "相手の強みと弱み（社内評価）",
        "en": "Their strengths and weaknesses (our view)",
    },
    "sourced_claims": {"ja": "出典付きの比較ポイント", "en": "Sourced comparison points"},
    "stale_claim": {"ja": "要更新：{n}か月前の情報", "en": "Stale: {n} months old"},
    "stale_summary": {
        "ja": "{n}件の比較情報が{months}か月より古くなっています。"
        "使用前に最新の出典を確認してください。",
        "en": "{n} comparison points are older than {months} months: check the source before"
        " using them.",
    },
    "objections_title": {"ja": "想定される反論と回答", "en": "Objections and responses"},
    "people_title": {"ja": "関係者ごとの打ち手", "en": "Who stands where, and what to lead with"},
    "stance": {"ja": "スタンス", "en": "Stance"},
    "lead_with": {"ja": "示すべき根拠", "en": "Lead with"},
    "story_to_tell": {"ja": "紹介する事例", "en": "Story to tell"},
    "how_to_speak": {"ja": "伝え方", "en": "How to speak to them"},
    "no_competitors": {
        "ja": "このアカウントで把握している競合はありません。",
        "en": "No competitor is on record for this account.",
    },
    "no_case_studies": {
        "ja": "現時点で条件の近い公開事例はありません。個別の導入企業のご紹介をご相談ください。",
        "en": "No published story matches this account closely yet; we are glad to arrange a"
        " reference call instead.",
    },
    "why_we_win": {"ja": "当社が選ばれる理由", "en": "Why we win"},
    "reader_priorities": {"ja": "重視される点", "en": "What matters to this reader"},
    "next_step": {"ja": "次の一手", "en": "Recommended next step"},
    "proof_focus": {"ja": "示すべき根拠", "en": "Proof to lead with"},
    "key_figures": {"ja": "主な数値", "en": "Key figures"},
    "customer": {"ja": "お客様", "en": "Customer"},
    "products_used": {"ja": "導入製品", "en": "Products"},
    "vendor": {"ja": "ベンダー", "en": "Vendor"},
    "status": {"ja": "状況", "en": "Status"},
    "minutes": {"ja": "{n}分", "en": "{n} min"},
    "keep_in_mind": {"ja": "留意点", "en": "Keep in mind"},
    "ask": {"ja": "質問先", "en": "Ask"},
    "business_goals": {"ja": "経営目標", "en": "Business goals"},
    "close_date": {"ja": "受注予定", "en": "Close"},
    "kind": {"ja": "種別", "en": "Type"},
    "where_we_fit": {"ja": "当社がお役に立てる領域", "en": "Where we fit"},
    "value_for_you": {"ja": "期待できる効果", "en": "What it means for you"},
    "stories_intro": {
        "ja": "{account} 様の状況に近い事例を選びました。",
        "en": "Stories chosen for {account} and its situation.",
    },
}


def strings_for(locale: Locale) -> dict[str, str]:
    """All document strings in ``locale``."""
    return {key: texts[locale] for key, texts in STRINGS.items()}


def label(kind: str, value: str, locale: Locale) -> str:
    """The display label of an enumeration ``value`` (a slug made readable when unknown)."""
    texts = LABELS.get(kind, {}).get(value)
    if texts is not None:
        return texts[locale]
    readable = value.replace("_", " ").replace("-", " ")
    return readable[:1].upper() + readable[1:]
