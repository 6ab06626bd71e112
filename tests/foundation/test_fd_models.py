"""The models: unknown fields refused, localized text, money, slug ids, defaults."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from abmcontent.models import AccountProfile, CaseStudy, Money, PersonasFile, Product
from abmcontent.models.profile import Challenge, Stakeholder

MINIMAL = {"id": "acme", "name": "Acme", "locale": "en", "tier": "lite", "industry": "retail"}


def test_minimal_profile_has_empty_lists_by_default() -> None:
    account = AccountProfile.model_validate(MINIMAL)
    assert account.challenges == [] and account.stakeholders == []
    assert account.opportunities == [] and account.engagement == [] and account.competitors == []
    assert account.logo is None


@pytest.mark.parametrize("missing", ["id", "name", "locale", "tier", "industry"])
def test_each_required_profile_field_is_required(missing: str) -> None:
    data = {k: v for k, v in MINIMAL.items() if k != missing}
    with pytest.raises(ValidationError) as info:
        AccountProfile.model_validate(data)
    assert [e["loc"] for e in info.value.errors()] == [(missing,)]


def test_unknown_fields_are_refused_at_every_level() -> None:
    with pytest.raises(ValidationError):
        AccountProfile.model_validate({**MINIMAL, "teir": "lite"})
    with pytest.raises(ValidationError):
        Stakeholder.model_validate({"id": "a", "name": "A", "role": "cfo", "email": "x"})
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": 1, "currency": "USD", "note": "x"})


@pytest.mark.parametrize("value", ["acme", "a", "a1-b2", "x" * 64, "2024-plan"])
def test_valid_slugs(value: str) -> None:
    assert AccountProfile.model_validate({**MINIMAL, "id": value}).id == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Acme",
        "acme_co",
        "acme co",
        "../etc",
        "a/b",
        "-acme",
        "x" * 65,
        "café",
        "ａｃｍｅ",
        "a.b",
    ],
)
def test_non_slugs_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        AccountProfile.model_validate({**MINIMAL, "id": value})
    with pytest.raises(ValidationError):
        Stakeholder.model_validate({"id": value, "name": "A", "role": "cfo"})


def test_localized_text_is_a_string_or_a_locale_map() -> None:
    for title in ("Cost", {"ja": "コスト", "en": "Cost"}, {"en": "Cost"}):
        assert Challenge.model_validate({"id": "c", "title": title}).title == title
    for bad in ({"fr": "Coût"}, ["Cost"], 3, "", {"en": ""}):
        with pytest.raises(ValidationError):
            Challenge.model_validate({"id": "c", "title": bad})


def test_localized_list_is_a_list_or_a_locale_map_of_lists() -> None:
    ok = {"title": "CFO", "priorities": {"ja": ["投資対効果"], "en": ["ROI"]}}
    assert PersonasFile.model_validate({"cfo": ok}).root["cfo"].priorities == ok["priorities"]
    with pytest.raises(ValidationError):
        PersonasFile.model_validate({"cfo": {"title": "CFO", "priorities": {"de": ["x"]}}})
    with pytest.raises(ValidationError):
        PersonasFile.model_validate({"Not A Slug": {"title": "CFO"}})


@pytest.mark.parametrize("code", ["JPY", "USD", "EUR", "GBP", "CHF", "KRW"])
def test_money_accepts_iso_4217_codes(code: str) -> None:
    assert Money(amount=1, currency=code).currency == code


@pytest.mark.parametrize("code", ["XYZ", "jpy", "YEN", "US", "USDX", "", "$"])
def test_money_refuses_other_currency_codes(code: str) -> None:
    with pytest.raises(ValidationError):
        Money(amount=1, currency=code)


def test_money_refuses_negative_amounts() -> None:
    with pytest.raises(ValidationError):
        Money(amount=-5, currency="USD")


def test_enumerations_are_closed() -> None:
    for field, bad in (("tier", "gold"), ("locale", "fr"), ("segment", "huge")):
        with pytest.raises(ValidationError):
            AccountProfile.model_validate({**MINIMAL, field: bad})


def test_dates_and_typed_values() -> None:
    account = AccountProfile.model_validate(
        {
            **MINIMAL,
            "stakeholders": [{"id": "a", "name": "A", "role": "cfo"}],
            "engagement": [
                {"date": "2026-10-14", "stakeholder": "a", "kind": "call", "summary": "Hi"}
            ],
        }
    )
    assert account.engagement[0].date == dt.date(2026, 10, 14)
    with pytest.raises(ValidationError):
        AccountProfile.model_validate({**MINIMAL, "employees": "many"})


def test_library_models_refuse_unknown_fields_and_bad_ids() -> None:
    product = {"id": "route", "name": "Route", "summary": "Routing"}
    assert Product.model_validate(product).value_by_role == {}
    with pytest.raises(ValidationError):
        Product.model_validate({**product, "price": 3})
    with pytest.raises(ValidationError):
        Product.model_validate({**product, "id": "Route Optimizer"})
    story = {
        "id": "s",
        "customer": "C",
        "industry": "retail",
        "locale": "en",
        "situation": "a",
        "solution": "b",
        "outcome": "c",
    }
    assert CaseStudy.model_validate(story).roles == []
    with pytest.raises(ValidationError):
        CaseStudy.model_validate({**story, "locale": "de"})
