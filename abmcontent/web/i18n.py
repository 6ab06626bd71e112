"""The interface in Japanese and English: the words of the pages and how a language is chosen.

The language comes from the ``abm_lang`` cookie (set by the switch in the header), else from
the browser's ``Accept-Language``, else English. Labels of enumerations (tier, influence,
stage...) come from :mod:`abmcontent.context.strings`, like the documents'.
"""

from __future__ import annotations

from typing import Literal

from abmcontent.context.strings import label

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
LANG_COOKIE = "abm_lang"

MESSAGES: dict[str, dict[Lang, str]] = {
    "app_name": {"ja": "ABMワークスペース", "en": "ABM workspace"},
    "nav_accounts": {"ja": "アカウント", "en": "Accounts"},
    "nav_batch": {"ja": "一括生成", "en": "Batch build"},
    "switch_to": {"ja": "English", "en": "日本語"},
    "accounts_title": {"ja": "アカウント一覧", "en": "Accounts"},
    "accounts_count": {"ja": "{shown} / {total} 社", "en": "{shown} of {total} accounts"},
    "new_account": {"ja": "アカウントを追加", "en": "New account"},
    "search": {"ja": "検索", "en": "Search"},
    "search_placeholder": {"ja": "社名・ID・担当者で検索", "en": "Name, id or owner"},
    "filter_all": {"ja": "すべて", "en": "All"},
    "apply": {"ja": "絞り込む", "en": "Apply"},
    "clear_filters": {"ja": "条件をクリア", "en": "Clear filters"},
    "col_account": {"ja": "アカウント", "en": "Account"},
    "col_tier": {"ja": "ティア", "en": "Tier"},
    "col_industry": {"ja": "業種", "en": "Industry"},
    "col_locale": {"ja": "言語", "en": "Language"},
    "col_pipeline": {"ja": "商談中の金額", "en": "Open pipeline"},
    "col_state": {"ja": "検証", "en": "Validation"},
    "col_last_build": {"ja": "最終生成", "en": "Last build"},
    "no_match": {"ja": "条件に合うアカウントはありません。", "en": "No account matches."},
    "never": {"ja": "未生成", "en": "Never"},
    "state_ok": {"ja": "問題なし", "en": "OK"},
    "state_warnings": {"ja": "注意 {n}件", "en": "{n} warning(s)"},
    "state_errors": {"ja": "エラー {n}件", "en": "{n} error(s)"},
    "locale_ja": {"ja": "日本語", "en": "Japanese"},
    "locale_en": {"ja": "英語", "en": "English"},
    "tab_overview": {"ja": "概要", "en": "Overview"},
    "tab_documents": {"ja": "資料", "en": "Documents"},
    "tab_edit": {"ja": "編集", "en": "Edit"},
    "snapshot": {"ja": "アカウント概要", "en": "Snapshot"},
    "buying_group": {"ja": "購買関係者", "en": "Buying group"},
    "challenges": {"ja": "課題（影響度順）", "en": "Challenges by impact"},
    "opportunities": {"ja": "商談", "en": "Opportunities"},
    "competitors": {"ja": "競合", "en": "Competitors"},
    "engagement": {"ja": "最近の接点", "en": "Recent engagement"},
    "business_goals": {"ja": "経営目標", "en": "Business goals"},
    "headquarters": {"ja": "本社", "en": "Headquarters"},
    "employees": {"ja": "従業員数", "en": "Employees"},
    "annual_revenue": {"ja": "売上高", "en": "Annual revenue"},
    "segment": {"ja": "規模", "en": "Segment"},
    "website": {"ja": "Webサイト", "en": "Website"},
    "owners": {"ja": "担当", "en": "Account team"},
    "owner_sales": {"ja": "営業", "en": "Sales"},
    "owner_marketing": {"ja": "マーケティング", "en": "Marketing"},
    "summary": {"ja": "概要", "en": "Summary"},
    "pipeline_total": {"ja": "商談中の金額", "en": "Open pipeline"},
    "product": {"ja": "製品", "en": "Product"},
    "kind": {"ja": "種別", "en": "Type"},
    "stage": {"ja": "ステージ", "en": "Stage"},
    "value": {"ja": "金額", "en": "Value"},
    "close_date": {"ja": "受注予定", "en": "Close"},
    "status": {"ja": "状況", "en": "Status"},
    "date": {"ja": "日付", "en": "Date"},
    "who": {"ja": "相手", "en": "Who"},
    "what": {"ja": "内容", "en": "What"},
    "priorities": {"ja": "関心事", "en": "Priorities"},
    "notes": {"ja": "メモ", "en": "Notes"},
    "problems_title": {"ja": "このプロファイルの問題", "en": "Problems in this profile"},
    "problems_intro": {
        "ja": "エラーがあるため、このアカウントの資料は生成できません。"
        "編集画面で修正してください。",
        "en": "This account's documents cannot be made until the errors are fixed. Fix them "
        "in the edit form.",
    },
    "warnings_title": {"ja": "注意事項", "en": "Warnings"},
    "line": {"ja": "{n}行目", "en": "line {n}"},
    "library_broken": {
        "ja": "ライブラリ（library/）にエラーがあるため、資料を生成できません。",
        "en": "The library (library/) has errors, so no document can be made.",
    },
    "documents_title": {"ja": "資料", "en": "Documents"},
    "badge_customer": {"ja": "お客様向け", "en": "Customer-facing"},
    "badge_internal": {"ja": "社内用", "en": "Internal"},
    "internal_download": {
        "ja": "社内用・社外秘：お客様に送付・転送しないでください。",
        "en": "Internal — do not forward: never send this document to the customer.",
    },
    "audience": {"ja": "対象", "en": "For"},
    "audience_account": {"ja": "アカウント全体", "en": "Whole account"},
    "generate": {"ja": "生成", "en": "Generate"},
    "regenerate": {"ja": "再生成", "en": "Regenerate"},
    "download": {"ja": "ダウンロード", "en": "Download"},
    "not_generated": {"ja": "まだ生成されていません", "en": "Not generated yet"},
    "no_preview": {"ja": "プレビューなし", "en": "No preview"},
    "generated_at": {"ja": "{when} 生成", "en": "Generated {when}"},
    "why_stories": {"ja": "事例を選んだ理由", "en": "Why these stories"},
    "nav_scores": {"ja": "スコアとティア", "en": "Scores and tiers"},
    "f_logo": {"ja": "ロゴ", "en": "Logo"},
    "f_logo_help": {
        "ja": "ワークスペースからの画像パス (assets/logos/…)",
        "en": "Image path from the workspace (assets/logos/…)",
    },
    "f_tier_pinned": {
        "ja": "ティアを固定 (スコアで変更しない)",
        "en": "Pin the tier (scoring never changes it)",
    },
    "f_business_goals": {"ja": "事業目標 (1行に1つ)", "en": "Business goals (one per line)"},
    "f_goals_kept": {
        "ja": "事業目標は多言語で書かれているため、YAMLのまま保持されます。",
        "en": "The business goals are written per language and are kept as they are in the YAML.",
    },
    "add_opportunity": {"ja": "商談を追加", "en": "Add an opportunity"},
    "f_opportunity_name": {"ja": "商談名", "en": "Deal name"},
    "f_product": {"ja": "製品", "en": "Product"},
    "f_opportunity_kind": {"ja": "種別", "en": "Kind"},
    "f_amount": {"ja": "金額", "en": "Amount"},
    "f_close_date": {"ja": "完了予定日", "en": "Close date"},
    "f_competitors": {"ja": "競合", "en": "Competitors"},
    "add_competitor": {"ja": "競合を追加", "en": "Add a competitor"},
    "f_battlecard": {"ja": "バトルカード", "en": "Battlecard"},
    "f_competitor_status": {"ja": "状況", "en": "Status"},
    "f_engagement": {"ja": "接点の履歴", "en": "Engagement"},
    "add_engagement": {"ja": "接点を追加", "en": "Add an engagement"},
    "f_date": {"ja": "日付", "en": "Date"},
    "f_engagement_kind": {"ja": "種類", "en": "Kind"},
    "f_stakeholder": {"ja": "関係者", "en": "Stakeholder"},
    "nav_import": {"ja": "CRM取り込み", "en": "CRM import"},
    "import_title": {"ja": "CRMエクスポートの取り込み", "en": "Import CRM exports"},
    "import_intro": {
        "ja": "Salesforce・HubSpotの取引先・取引先責任者・商談のエクスポート (CSV・XLSX) を"
        "アップロードし、変更内容を確認してから取り込みます。",
        "en": "Upload Salesforce or HubSpot account, contact and deal exports (CSV or XLSX), "
        "review the changes, then apply them.",
    },
    "import_files": {"ja": "エクスポートファイル", "en": "Export files"},
    "import_files_help": {
        "ja": "複数選択できます。順序は問いません。",
        "en": "Several at once, in any order.",
    },
    "import_preset": {"ja": "CRM", "en": "CRM"},
    "import_detect": {"ja": "列名から判定", "en": "Recognise from the columns"},
    "import_mapping": {"ja": "マッピングファイル (任意)", "en": "Mapping file (optional)"},
    "import_link": {
        "ja": "同名の手作成プロファイルにリンクする",
        "en": "Link rows to hand-made profiles of the same name",
    },
    "import_preview": {"ja": "変更を確認", "en": "Preview the changes"},
    "import_preview_title": {
        "ja": "変更の確認 (まだ何も書き込まれていません)",
        "en": "Preview (nothing written yet)",
    },
    "import_done_title": {"ja": "取り込みました", "en": "Imported"},
    "import_apply": {"ja": "この内容で取り込む", "en": "Apply these changes"},
    "import_rows": {"ja": "行", "en": "row(s)"},
    "import_diff": {"ja": "差分", "en": "Diff"},
    "import_issues": {"ja": "問題 ({n}件)", "en": "Problems ({n})"},
    "import_no_file": {"ja": "ファイルを選んでください。", "en": "Choose at least one file."},
    "import_titles": {"ja": "ペルソナに当てはまらない役職", "en": "Titles that match no persona"},
    "import_titles_help": {
        "ja": "役割を選ぶと library/personas.yaml にパターンが追加され、確認をやり直します。",
        "en": "Choosing a role adds a pattern to library/personas.yaml, then the preview is "
        "made again.",
    },
    "import_role_for": {"ja": "「{title}」の役割", "en": "Role for “{title}”"},
    "import_assign": {"ja": "割り当てる", "en": "Assign"},
    "import_status_created": {"ja": "作成", "en": "created"},
    "import_status_updated": {"ja": "更新", "en": "updated"},
    "import_status_unchanged": {"ja": "変更なし", "en": "unchanged"},
    "import_status_failed": {"ja": "書き込めず", "en": "not written"},
    "scores_title": {"ja": "スコアとティア", "en": "Scores and tiers"},
    "scores_intro": {
        "ja": "library/icp.yaml に照らした今日のスコアと、提案されるティアです。",
        "en": "Today's fit scores against library/icp.yaml and the tiers they propose.",
    },
    "scores_score": {"ja": "スコア", "en": "Score"},
    "scores_tier_now": {"ja": "現在のティア", "en": "Tier now"},
    "scores_tier_proposed": {"ja": "提案", "en": "Proposed"},
    "scores_pin": {"ja": "固定", "en": "Pin"},
    "scores_pinned": {"ja": "固定中", "en": "Pinned"},
    "scores_pin_it": {"ja": "固定する", "en": "Pin"},
    "scores_unpin": {"ja": "固定を解除", "en": "Unpin"},
    "scores_changes": {"ja": "ティアの変更 ({n}件)", "en": "Tier changes ({n})"},
    "scores_apply": {"ja": "{n}件の変更を書き込む", "en": "Write these {n} change(s)"},
    "scores_no_changes": {"ja": "変更はありません。", "en": "No tier would change."},
    "scores_applied": {"ja": "ティアを書き込みました。", "en": "The tiers were written."},
    "scores_stale": {
        "ja": "表示後にスコアが変わりました。確認してからもう一度書き込んでください。",
        "en": "The scores changed since the page was shown; nothing was written. "
        "Review and apply again.",
    },
    "scores_refused": {
        "ja": "一部のプロファイルを書き込めませんでした (エラーを確認してください)。",
        "en": "Some profiles could not be written (see their problems).",
    },
    "scores_not_scored": {"ja": "エラーのため未採点: {ids}", "en": "Not scored (errors): {ids}"},
    "stories_stored": {
        "ja": "資料の作成時に記録された理由です。",
        "en": "As recorded when the document was built.",
    },
    "stories_computed": {
        "ja": "未作成: 今作成した場合に選ばれる事例です。",
        "en": "Not built yet: the stories a build would choose now.",
    },
    "out_of_date": {"ja": "最新ではありません", "en": "Out of date"},
    "out_of_date_help": {
        "ja": "作成後に変更されたファイル: {files}",
        "en": "Changed since it was built: {files}",
    },
    "no_stories": {"ja": "条件に合う事例はありません", "en": "No matching story"},
    "all_formats": {"ja": "標準の形式", "en": "Default formats"},
    "job_running": {"ja": "生成中…", "en": "Working…"},
    "job_busy": {
        "ja": "別の生成処理が実行中です。終わってからもう一度お試しください。",
        "en": "Another build is running. Try again when it has finished.",
    },
    "job_started": {"ja": "生成を開始しました。", "en": "Build started."},
    "job_done": {"ja": "完了しました", "en": "Finished"},
    "job_failed": {"ja": "失敗した資料があります", "en": "Some documents failed"},
    "job_error": {"ja": "処理を完了できませんでした", "en": "The build could not finish"},
    "job_cancel": {"ja": "生成を中止", "en": "Stop this build"},
    "job_cancelled": {
        "ja": "中止しました（完了した資料は保存されています）",
        "en": "Stopped (the documents already finished are kept)",
    },
    "edit_title": {"ja": "{name} を編集", "en": "Edit {name}"},
    "new_title": {"ja": "アカウントを追加", "en": "New account"},
    "save": {"ja": "保存", "en": "Save"},
    "create": {"ja": "作成", "en": "Create"},
    "cancel": {"ja": "キャンセル", "en": "Cancel"},
    "saved": {"ja": "保存しました。", "en": "Saved."},
    "created": {"ja": "アカウントを作成しました。", "en": "Account created."},
    "form_invalid": {
        "ja": "入力内容に問題があります。保存されていません。",
        "en": "Some fields need attention. Nothing was saved.",
    },
    "file_changed": {
        "ja": "このファイルは開いた後に変更されました。再読み込みしてから編集してください。",
        "en": "The file changed since you opened it. Reload the page and edit again.",
    },
    "already_exists": {
        "ja": "このIDのアカウントは既にあります",
        "en": "An account with this id exists",
    },
    "section_basics": {"ja": "基本情報", "en": "Basics"},
    "section_people": {"ja": "購買関係者", "en": "Buying group"},
    "section_challenges": {"ja": "課題", "en": "Challenges"},
    "f_id": {"ja": "ID", "en": "Id"},
    "f_id_help": {
        "ja": "半角英小文字・数字・ハイフン（ファイル名になります）。"
        "空欄ならWebサイトか社名から作ります",
        "en": "Lowercase letters, digits and '-' (it names the file); left empty, it is made "
        "from the website or the name",
    },
    "f_name": {"ja": "社名", "en": "Name"},
    "f_name_en": {"ja": "英語社名", "en": "English name"},
    "f_locale": {"ja": "資料の言語", "en": "Document language"},
    "f_tier": {"ja": "ティア", "en": "Tier"},
    "f_industry": {"ja": "業種", "en": "Industry"},
    "f_segment": {"ja": "規模", "en": "Segment"},
    "f_headquarters": {"ja": "本社", "en": "Headquarters"},
    "f_employees": {"ja": "従業員数", "en": "Employees"},
    "f_website": {"ja": "Webサイト", "en": "Website"},
    "f_summary": {"ja": "概要", "en": "Summary"},
    "f_revenue": {"ja": "売上高", "en": "Annual revenue"},
    "f_currency": {"ja": "通貨", "en": "Currency"},
    "f_owner_sales": {"ja": "営業担当", "en": "Sales owner"},
    "f_owner_marketing": {"ja": "マーケティング担当", "en": "Marketing owner"},
    "f_person_name": {"ja": "氏名", "en": "Name"},
    "f_title": {"ja": "役職", "en": "Job title"},
    "f_role": {"ja": "役割", "en": "Role"},
    "f_influence": {"ja": "影響力", "en": "Influence"},
    "f_priorities": {"ja": "関心事（1行に1つ）", "en": "Priorities (one per line)"},
    "f_notes": {"ja": "メモ", "en": "Notes"},
    "f_challenge_title": {"ja": "課題", "en": "Challenge"},
    "f_detail": {"ja": "詳細", "en": "Detail"},
    "f_impact": {"ja": "影響度", "en": "Impact"},
    "f_tags": {"ja": "タグ（カンマ区切り）", "en": "Tags (comma separated)"},
    "f_owners": {
        "ja": "関係する役割（カンマ区切り）",
        "en": "Roles that feel it (comma separated)",
    },
    "f_none": {"ja": "（なし）", "en": "(none)"},
    "f_kept": {
        "ja": "多言語の関心事はそのまま保持されます（YAMLで編集）",
        "en": "Multilingual priorities are kept as they are (edit them in YAML)",
    },
    "add_person": {"ja": "関係者を追加", "en": "Add a stakeholder"},
    "add_challenge": {"ja": "課題を追加", "en": "Add a challenge"},
    "remove": {"ja": "削除", "en": "Remove"},
    "will_remove": {"ja": "保存時に削除されます", "en": "Removed when you save"},
    "batch_title": {"ja": "一括生成", "en": "Batch build"},
    "batch_intro": {
        "ja": "選んだアカウントの資料をまとめて生成します。変更のない資料はスキップされます。",
        "en": "Builds the documents of the accounts you choose. Documents whose inputs did "
        "not change are skipped.",
    },
    "batch_tier": {"ja": "ティアで選ぶ", "en": "By tier"},
    "batch_accounts": {"ja": "アカウント", "en": "Accounts"},
    "batch_docs": {"ja": "資料", "en": "Documents"},
    "batch_all_hint": {"ja": "（選ばなければすべて）", "en": "(none ticked: all)"},
    "batch_force": {"ja": "変更がなくても再生成する", "en": "Rebuild even what is up to date"},
    "batch_start": {"ja": "生成を開始", "en": "Start build"},
    "batch_progress": {"ja": "進捗", "en": "Progress"},
    "batch_results": {"ja": "結果", "en": "Results"},
    "batch_none": {"ja": "まだ実行されていません。", "en": "No build has run yet."},
    "count_built": {"ja": "生成 {n}", "en": "{n} built"},
    "count_up_to_date": {"ja": "変更なし {n}", "en": "{n} up to date"},
    "count_failed": {"ja": "失敗 {n}", "en": "{n} failed"},
    "failed_docs": {"ja": "失敗した資料と理由", "en": "Failed documents and why"},
    "built_docs": {"ja": "生成した資料", "en": "Documents built"},
    "error_404": {"ja": "ページが見つかりません", "en": "Page not found"},
    "error_403": {"ja": "リクエストを受け付けられません", "en": "Request refused"},
    "error_back": {"ja": "アカウント一覧へ戻る", "en": "Back to the accounts"},
    "login_title": {"ja": "アクセストークン", "en": "Access token"},
    "login_intro": {
        "ja": "このワークスペースを開くには、"
        "サーバーを起動した人から受け取ったトークンを入力してください。",
        "en": "Enter the token you were given by whoever started this server.",
    },
    "login_wrong": {"ja": "トークンが正しくありません。", "en": "That token is not right."},
    "login_submit": {"ja": "開く", "en": "Open"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    message = texts[lang]
    return message.format(**values) if values else message


def enum_label(kind: str, value: str | None, lang: Lang) -> str:
    """The label of an enumeration value (tier, influence, stage...) in ``lang``."""
    if not value:
        return ""
    return label(kind, value, lang)


def parse_lang(value: str | None) -> Lang | None:
    """``value`` when it is a supported language, else ``None``."""
    if value == "ja":
        return "ja"
    if value == "en":
        return "en"
    return None


def negotiate(cookie: str | None, accept_language: str | None) -> Lang:
    """The interface language: the cookie's, else the browser's best match, else English."""
    chosen = parse_lang(cookie)
    if chosen is not None:
        return chosen
    ranked: list[tuple[float, int, Lang]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        lang = parse_lang(tag.strip().lower().split("-")[0])
        if lang is None:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, number = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, lang))
    return min(ranked)[2] if ranked else "en"
