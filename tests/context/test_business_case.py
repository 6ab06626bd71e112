"""The business case: computed from the profile on hand-computed examples, in JPY and USD.

Every figure is checked against arithmetic done by hand, with its formatted text and its
footnote; then the missing inputs, the mixed currencies, the validation of the new fields,
the validate note and the `context` command on the sample.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from abmcontent.api import validate
from abmcontent.documents import DOCUMENTS
from abmcontent.loading.workspace import load_workspace
from abmcontent.sample import init_workspace
from tests.checkout import COMMAND, checkout_env
from tests.foundation.factories import account, context, library, role

PRODUCTS = [
    {"id": "route-optimizer", "name": "Sorami Route", "summary": "Routing", "tags": ["routing"]},
    {"id": "demand-forecast", "name": "Sorami Forecast", "summary": "Forecast"},
    {"id": "shipment-visibility", "name": "Sorami Track", "summary": "Tracking"},
]


def _jpy(amount: int, **more: Any) -> dict[str, Any]:
    return {"amount": amount, "currency": "JPY", **more}


def _usd(amount: int, **more: Any) -> dict[str, Any]:
    return {"amount": amount, "currency": "USD", **more}


def _case(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = context(library(products=PRODUCTS), account(**fields), role("cfo"))
    return data["business_case"]


JPY_ACCOUNT: dict[str, Any] = {
    "locale": "ja",
    "challenges": [
        {
            "id": "line-stop",
            "title": "生産ラインの停止",
            "cost": _jpy(85_000_000, per="hour", source="お客様の試算"),
            "exposure": 6,
        },
        {"id": "fines", "title": "納入遅れの違約金", "cost": _jpy(2_000_000, per="month")},
        {"id": "no-cost", "title": "費用の分からない課題"},
    ],
    "opportunities": [
        {
            "product": "route-optimizer",
            "value": _jpy(48_000_000),
            "renewal": _jpy(9_000_000),
            "stage": "proposal",
        },
        {"product": "demand-forecast", "value": _jpy(21_000_000), "stage": "discovery"},
        {"product": "shipment-visibility", "value": _jpy(99_000_000), "stage": "won"},
    ],
}


def test_jpy_business_case_matches_the_hand_computed_figures() -> None:
    case = _case(**JPY_ACCOUNT)
    assert case["available"] and case["currency"] == "JPY"
    # 85,000,000 x 6 = 510,000,000; 2,000,000 x 12 = 24,000,000; sum 534,000,000
    loss = case["annual_loss"]
    assert [i["amount"] for i in loss["items"]] == [510_000_000, 24_000_000]
    assert loss["amount"] == 534_000_000 and loss["text"] == "5億3,400万円"
    assert loss["items"][0]["rate_text"] == "1時間あたり8,500万円 × 年6時間"
    assert loss["items"][0]["footnote"] == (
        "生産ラインの停止：1時間あたり8,500万円 × 年6時間 = 年5億1,000万円"
        "（challenges[0].cost, challenges[0].exposure）。出典：お客様の試算。"
    )
    assert loss["items"][1]["footnote"] == (
        "納入遅れの違約金：月200万円 × 12か月 = 年2,400万円（challenges[1].cost）。"
    )
    # open deals only: 48,000,000 + 21,000,000 (the won deal is not counted)
    investment = case["investment"]
    assert investment["amount"] == 69_000_000 and investment["text"] == "6,900万円"
    assert investment["footnote"] == (
        "投資額 6,900万円 = Sorami Route 4,800万円 + Sorami Forecast 2,100万円"
        "（opportunities[product=route-optimizer].value, "
        "opportunities[product=demand-forecast].value）。商談中の案件のみを計上。"
    )
    # 69,000,000 / (534,000,000 / 12 = 44,500,000) = 1.55 months
    payback = case["payback"]
    assert payback["months"] == 1.6 and payback["text"] == "1.6か月"
    assert payback["footnote"].startswith(
        "投資回収期間 1.6か月 = 投資額 6,900万円 ÷ 月あたり想定損失 4,450万円"
    )
    # 3 years: status quo 3 x 534,000,000; ours 69,000,000 + 2 x 9,000,000
    tco = case["tco"]
    assert [(o["key"], o["amount"], o["text"]) for o in tco["options"]] == [
        ("status_quo", 1_602_000_000, "16億200万円"),
        ("proposal", 87_000_000, "8,700万円"),
    ]
    assert tco["baseline"] == "status_quo" and tco["saving_amount"] == 1_515_000_000
    assert tco["chart"] == {
        "categories": ["現状維持", "当社のご提案"],
        "series": [{"name": "万円", "values": [160200.0, 8700.0]}],
    }
    assert tco["options"][1]["footnote"] == (
        "当社のご提案 3年間 8,700万円 = 投資額 6,900万円 + 年間更新費 900万円 × 2年"
        "（opportunities[product=route-optimizer].value, "
        "opportunities[product=demand-forecast].value, "
        "opportunities[product=route-optimizer].renewal）。"
    )
    assert case["headline"] == "想定損失 年5億3,400万円に対し投資6,900万円、1.6か月で回収"
    assert case["missing"] == [] and case["left_out"] == []


USD_ACCOUNT: dict[str, Any] = {
    "locale": "en",
    "challenges": [
        {"id": "fines", "title": "OTIF fines", "cost": _usd(6_100_000, per="year")},
        {
            "id": "recall",
            "title": "A product recall",
            "cost": _usd(400_000, per="incident"),
            "exposure": 0.25,
        },
    ],
    "opportunities": [
        {
            "product": "shipment-visibility",
            "value": _usd(540_000),
            "renewal": _usd(120_000),
            "stage": "negotiation",
        }
    ],
    "alternative": {
        "label": "a like-for-like refresh",
        "one_off": _usd(1_200_000),
        "source": "The account's refresh tender, September 2026",
    },
}


def test_usd_business_case_matches_the_hand_computed_figures() -> None:
    case = _case(**USD_ACCOUNT)
    assert case["available"] and case["currency"] == "USD"
    loss = case["annual_loss"]
    # 6,100,000 x 1 + 400,000 x 0.25 = 6,200,000
    assert loss["amount"] == 6_200_000 and loss["text"] == "$6.2M"
    assert [i["rate_text"] for i in loss["items"]] == [
        "$6.1M a year",
        "$400,000 an incident × a 25% chance a year",
    ]
    assert loss["items"][0]["footnote"] == "OTIF fines: $6.1M a year (challenges[0].cost)."
    assert loss["items"][1]["footnote"] == (
        "A product recall: $400,000 an incident × a 25% chance a year = $100,000 a year "
        "(challenges[1].cost, challenges[1].exposure)."
    )
    assert case["investment"]["text"] == "$540,000"
    # 540,000 / (6,200,000 / 12 = 516,667) = 1.05 months
    assert case["payback"]["months"] == 1.0 and case["payback"]["text"] == "1 month"
    tco = case["tco"]
    # status quo 3 x 6.2M; the refresh 1.2M once; ours 540,000 + 2 x 120,000
    assert [(o["key"], o["amount"], o["text"]) for o in tco["options"]] == [
        ("status_quo", 18_600_000, "$18.6M"),
        ("alternative", 1_200_000, "$1.2M"),
        ("proposal", 780_000, "$780,000"),
    ]
    assert tco["baseline"] == "alternative"
    assert tco["saving_amount"] == 420_000 and tco["saving_text"] == "$420,000"
    assert tco["chart"]["series"] == [{"name": "$M", "values": [18.6, 1.2, 0.78]}]
    assert tco["chart"]["categories"] == ["Status quo", "a like-for-like refresh", "Our proposal"]
    assert tco["options"][1]["footnote"] == (
        "a like-for-like refresh over 3 years $1.2M = one-off $1.2M (alternative.one_off). "
        "Source: The account's refresh tender, September 2026."
    )
    assert case["headline"] == ("$780,000 over 3 years against $1.2M for a like-for-like refresh")


def test_every_footnote_names_the_fields_its_figure_comes_from() -> None:
    for fields in (JPY_ACCOUNT, USD_ACCOUNT):
        case = _case(**fields)
        figures = [case[key] for key in ("annual_loss", "investment", "payback", "tco")]
        assert case["footnotes"] == [f["footnote"] for f in figures]
        for figure in figures:
            assert figure["fields"]
            for name in figure["fields"]:
                assert name in figure["footnote"], (name, figure["footnote"])
    payback = _case(**USD_ACCOUNT)["payback"]
    assert set(payback["fields"]) == {
        "opportunities[product=shipment-visibility].value",
        "challenges[0].cost",
        "challenges[1].cost",
        "challenges[1].exposure",
    }


def test_missing_inputs_leave_the_case_out_and_name_the_fields() -> None:
    bare = _case(challenges=[{"id": "c", "title": "A challenge"}])
    assert bare["available"] is False and bare["footnotes"] == [] and bare["headline"] == ""
    assert bare["missing"] == ["opportunities[].value", "challenges[].cost"]
    for key in ("annual_loss", "investment", "payback", "tco"):
        assert bare[key]["available"] is False and bare[key]["missing"], key
    assert bare["annual_loss"]["missing"] == ["challenges[].cost", "challenges[].exposure"]

    hourly = _case(
        challenges=[{"id": "c", "title": "Downtime", "cost": _usd(10_000, per="hour")}],
        opportunities=[{"product": "route-optimizer", "value": _usd(50_000)}],
    )
    assert hourly["available"] is False
    assert hourly["missing"] == ["challenges[0].exposure", "challenges[].cost"]
    assert hourly["annual_loss"]["missing"] == ["challenges[0].exposure"]
    assert hourly["investment"]["available"] is True

    quote_only = _case(
        opportunities=[{"product": "route-optimizer", "value": _usd(50_000)}],
        alternative={"label": "Renewal", "per_year": _usd(40_000), "source": "Quote"},
    )
    assert quote_only["available"] is True and quote_only["missing"] == []
    assert quote_only["payback"]["available"] is False
    assert quote_only["tco"]["available"] is True
    assert [o["key"] for o in quote_only["tco"]["options"]] == ["alternative", "proposal"]


def test_mixed_currencies_count_the_main_currency_and_say_what_was_left_out() -> None:
    fields = {
        **JPY_ACCOUNT,
        "challenges": [
            *JPY_ACCOUNT["challenges"],
            {
                "id": "eu",
                "title": "欧州拠点",
                "cost": {"amount": 50_000, "currency": "EUR", "per": "month"},
            },
        ],
        "alternative": {"label": "更新", "one_off": _usd(300_000), "source": "見積"},
    }
    case = _case(**fields)
    assert case["currency"] == "JPY"
    assert case["annual_loss"]["amount"] == 534_000_000  # the EUR cost is not added
    assert [o["key"] for o in case["tco"]["options"]] == ["status_quo", "proposal"]
    assert case["left_out"] == [
        {"field": "challenges[3].cost", "text": "5万ユーロ"},
        {"field": "alternative.one_off", "text": "30万ドル"},
    ]
    assert case["left_out_text"] == (
        "JPY建ての数値のみを計上し、次を除いています："
        "5万ユーロ（challenges[3].cost）、30万ドル（alternative.one_off）。"
    )


def test_the_main_currency_is_the_one_most_figures_are_in() -> None:
    case = _case(
        locale="en",
        challenges=[
            {"id": "a", "title": "A", "cost": _usd(1_000, per="month")},
            {"id": "b", "title": "B", "cost": _usd(2_000, per="month")},
        ],
        opportunities=[{"product": "route-optimizer", "value": _jpy(5_000_000)}],
    )
    assert case["currency"] == "USD" and case["available"] is False
    assert case["missing"] == ["opportunities[].value"]
    assert case["left_out_text"] == (
        "Counts figures in USD only; left out: ¥5M (opportunities[product=route-optimizer].value)."
    )


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"challenges": [{"id": "c", "title": "T", "exposure": 3}]},
            "exposure counts units of cost.per a year: give cost as well",
        ),
        ({"challenges": [{"id": "c", "title": "T", "cost": _usd(1, per="week")}]}, "per"),
        (
            {"challenges": [{"id": "c", "title": "T", "cost": _usd(1, per="day"), "exposure": -1}]},
            "greater than or equal to 0",
        ),
        ({"alternative": {"label": "L", "source": "S"}}, "give one_off, per_year or both"),
        (
            {"alternative": {"label": "L", "source": "S", "one_off": _usd(1), "per_year": _jpy(1)}},
            "one_off and per_year must be in the same currency",
        ),
        (
            {"opportunities": [{"product": "p", "value": _usd(1), "renewal": _jpy(1)}]},
            "renewal must be in the currency of value (USD), not JPY",
        ),
        ({"opportunities": [{"product": "p", "renewal": _jpy(1)}]}, "give value as well"),
    ],
)
def test_invalid_business_case_fields_are_refused(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(ValidationError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        account(**fields)


def test_only_the_customer_documents_that_make_the_case_receive_it() -> None:
    lib = library(products=PRODUCTS)
    acc = account(**USD_ACCOUNT)
    for doc, spec in DOCUMENTS.items():
        data = context(lib, acc, role("cfo"), doc=doc)
        assert ("business_case" in data) == (doc in ("proposal", "competitive")), doc
        assert "business_case" not in spec.sections or not spec.internal


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_workspace(tmp_path_factory.mktemp("bc") / "ws")


def test_every_sample_account_has_a_business_case(sample: Path) -> None:
    ws = load_workspace(sample)
    assert ws.library is not None
    for account_id, profile in ws.accounts.items():
        case = context(ws.library, profile, role("cfo"))["business_case"]
        assert case["available"], (account_id, case["missing"])
        assert case["left_out"] == [] and case["headline"], account_id
    notes = [p for p in validate(ws) if p.severity == "info"]
    assert notes == []


def test_validate_notes_which_fields_would_enable_the_business_case(tmp_path: Path) -> None:
    sample = init_workspace(tmp_path / "ws")  # its own copy: this test edits a profile
    profile = sample / "account_profiles" / "tsumugi-online.yaml"
    text = profile.read_text(encoding="utf-8")
    cut = text.replace("    exposure: 38400", "#    exposure: 38400")
    cut = cut.replace("    value: {amount: 3600000, currency: JPY}\n    renewal", "    renewal")
    cut = cut.replace("    renewal: {amount: 1400000, currency: JPY}\n", "")
    assert cut != text
    profile.write_text(cut, encoding="utf-8")
    notes = [(p.file, p.field, p.reason) for p in validate(sample) if p.severity == "info"]
    file = "account_profiles/tsumugi-online.yaml"
    assert notes == [
        (file, "challenges[0].exposure",
         "the business case leaves out challenge 'delivery-inquiries': its cost is per "
         "incident; add exposure (how many a year are expected)"),
        (file, "opportunities[].value",
         "the proposal leaves out the business case: it has no investment; give the "
         "open deals a value"),
        (file, "challenges[].cost",
         "the proposal leaves out the business case: it has nothing to set the investment "
         "against; add challenges[].cost with challenges[].exposure (the expected loss), or "
         "alternative (what the account pays without us)"),
    ]  # fmt: skip
    done = subprocess.run(
        [*COMMAND, "validate", "--verbose", "--workspace", str(sample)],
        capture_output=True, text=True, env=checkout_env(), check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{file}: challenges[0].exposure: info: the business case leaves out" in done.stdout
    assert f"{file}: opportunities[].value: info: the proposal leaves out" in done.stdout


def test_the_context_command_shows_the_derivation(sample: Path) -> None:
    done = subprocess.run(
        [*COMMAND, "context", "hokuto-logistics", "--doc", "proposal", "--for",
         "takahashi-yumi", "--date", "2026-11-25", "--workspace", str(sample)],
        capture_output=True, text=True, env=checkout_env(), check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    case = data["business_case"]
    # hand-computed: 11,500,000 x 12 + 8,000 x 16,800 = 138,000,000 + 134,400,000
    assert case["annual_loss"]["text"] == "2億7,240万円"
    assert case["investment"]["text"] == "6,900万円"
    assert case["payback"]["text"] == "3か月"  # 69,000,000 / 22,700,000 = 3.04
    assert (
        "ドライバー不足と労働時間規制：1件あたり8,000円 × 年16,800件 = 年1億3,440万円"
        "（challenges[1].cost, challenges[1].exposure）" in case["annual_loss"]["footnote"]
    )
    options = {o["key"]: o["text"] for o in case["tco"]["options"]}
    # RouteMax: 74,000,000 + 3 x 13,300,000; ours: 69,000,000 + 2 x 13,000,000
    assert options == {"status_quo": "8億1,720万円", "alternative": "1億1,390万円",
                       "proposal": "9,500万円"}  # fmt: skip
    assert case["tco"]["baseline"] == "alternative"


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], ""),
        (["JPY"], "JPY"),
        (["USD", "JPY", "JPY"], "JPY"),
        (["USD", "JPY"], "USD"),  # a tie: the first listed
        (["JPY", "USD", "USD", "JPY"], "JPY"),
    ],
)
def test_one_rule_picks_the_main_currency(codes: list[str], expected: str) -> None:
    from abmcontent.context.business_inputs import most_common_currency

    assert most_common_currency(codes) == expected


def test_the_investment_chart_and_the_case_pick_the_same_currency_on_a_tie() -> None:
    from abmcontent.context import builder
    from abmcontent.context.business_inputs import main_currency
    from abmcontent.models.profile import Opportunity

    deals = [
        Opportunity.model_validate({"product": "route-optimizer", "value": _usd(1_000_000)}),
        Opportunity.model_validate({"product": "demand-forecast", "value": _jpy(5_000_000)}),
    ]
    chart = builder._investment(deals, {"route-optimizer": "R", "demand-forecast": "F"}, "en")
    assert chart["investment_chart"]["categories"] == ["R"]  # USD, the first listed
    profile = account(opportunities=[d.model_dump(exclude_none=True) for d in deals])
    assert main_currency(profile) == "USD"
