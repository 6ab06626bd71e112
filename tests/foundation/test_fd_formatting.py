"""Money, numbers and dates in the house style of each locale."""

from __future__ import annotations

import datetime as dt

import pytest

from abmcontent.formatting import (
    format_count,
    format_date,
    format_money,
    format_number,
    format_short_date,
)
from abmcontent.models import Money


def ja(amount: float, currency: str = "JPY") -> str:
    return format_money(Money(amount=amount, currency=currency), "ja")


def en(amount: float, currency: str = "USD") -> str:
    return format_money(Money(amount=amount, currency=currency), "en")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0円"),
        (9_800, "9,800円"),
        (10_000, "1万円"),
        (15_000, "1万5,000円"),
        (48_000_000, "4,800万円"),
        (21_000_000, "2,100万円"),
        (100_000_000, "1億円"),
        (150_000_000, "1億5,000万円"),
        (245_000_000_000, "2,450億円"),
        (512_000_000_000, "5,120億円"),
        (1_000_000_000_000, "1兆円"),
        (1_500_000_000_000, "1兆5,000億円"),
        (3_200_000_000_000_000, "3,200兆円"),
    ],
)
def test_japanese_yen_uses_man_oku_cho(amount: int, expected: str) -> None:
    assert ja(amount) == expected


def test_japanese_keeps_the_two_largest_units() -> None:
    assert ja(123_456_789) == "1億2,345万円"
    assert ja(100_000_005) == "1億円"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (380_000, "USD", "38万ドル"),
        (2_000_000, "EUR", "200万ユーロ"),
        (50_000_000, "KRW", "5,000万 KRW"),
        (1_200, "CHF", "1,200 CHF"),
    ],
)
def test_japanese_other_currencies(amount: int, currency: str, expected: str) -> None:
    assert ja(amount, currency) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "$0"),
        (950, "$950"),
        (380_000, "$380,000"),
        (999_999, "$999,999"),
        (1_000_000, "$1M"),
        (1_500_000, "$1.5M"),
        (12_340_000, "$12.3M"),
        (610_000_000, "$610M"),
        (999_600_000, "$1B"),
        (2_450_000_000, "$2.45B"),
        (1_200_000_000_000, "$1.2T"),
    ],
)
def test_english_dollars_use_short_scale(amount: int, expected: str) -> None:
    assert en(amount) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (245_000_000_000, "JPY", "¥245B"),
        (48_000_000, "JPY", "¥48M"),
        (75_000, "EUR", "€75,000"),
        (3_000_000, "GBP", "£3M"),
        (5_000_000, "CHF", "CHF 5M"),
        (12_000, "SEK", "SEK 12,000"),
    ],
)
def test_english_other_currencies(amount: int, currency: str, expected: str) -> None:
    assert en(amount, currency) == expected


def test_no_money_is_an_empty_string() -> None:
    assert format_money(None, "ja") == format_money(None, "en") == ""


def test_dates() -> None:
    day = dt.date(2026, 11, 5)
    assert format_date(day, "ja") == "2026年11月5日"
    assert format_date(day, "en") == "November 5, 2026"
    assert format_short_date(day, "ja") == "2026/11/5"
    assert format_short_date(day, "en") == "Nov 5, 2026"
    assert format_date(dt.date(2027, 1, 31), "en") == "January 31, 2027"


def test_numbers_and_counts() -> None:
    assert format_number(1234.5, "ja") == format_number(1234.5, "en") == "1,234.5"
    assert format_number(-13.6, "en") == "-13.6"
    assert format_number(10.0, "en") == "10"
    assert format_count(8200, "ja") == "8,200名"
    assert format_count(8200, "en", unit_en="employees") == "8,200 employees"
