"""Locale-aware formatting of money, numbers and dates, in the house style.

Japanese uses 万/億/兆 units (``4,800万円``, ``2,450億円``, ``1億5,000万円``); English uses
symbols and short scales (``$380,000``, ``$610M``, ``¥245B``).
"""

from __future__ import annotations

import datetime as dt

from abmcontent.models.common import Locale, Money

_JA_CURRENCY_SUFFIX = {"JPY": "円", "USD": "ドル", "EUR": "ユーロ", "GBP": "ポンド", "CNY": "元"}
_EN_CURRENCY_PREFIX = {"USD": "$", "JPY": "¥", "EUR": "€", "GBP": "£", "CNY": "CN¥"}
_EN_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _ja_units(amount: float) -> str:
    """Write a non-negative amount with 兆/億/万 units, keeping the two largest units."""
    value = round(amount)
    if value < 10_000:
        return f"{value:,}"
    units = ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, ""))
    parts: list[str] = []
    for size, name in units:
        count, value = divmod(value, size)
        if count:
            parts.append(f"{count:,}{name}")
        if len(parts) == 2:
            break
        if parts and not count:
            break
    return "".join(parts)


def format_money(money: Money | None, locale: Locale) -> str:
    """Format ``money`` for documents in ``locale`` (empty string for ``None``)."""
    if money is None:
        return ""
    amount = float(money.amount)
    code = money.currency
    if locale == "ja":
        suffix = _JA_CURRENCY_SUFFIX.get(code)
        if suffix is None:
            return f"{_ja_units(amount)} {code}"
        return f"{_ja_units(amount)}{suffix}"
    prefix = _EN_CURRENCY_PREFIX.get(code, f"{code} ")
    scales = ((10**12, "T"), (10**9, "B"), (10**6, "M"))
    for index, (size, name) in enumerate(scales):
        if amount >= size:
            scaled = amount / size
            decimals = 2 if scaled < 10 else 1 if scaled < 100 else 0
            if index and round(scaled, decimals) >= 1000:  # 999.6M reads as 1B, not 1,000M
                size, name = scales[index - 1]
                scaled, decimals = amount / size, 2
            return f"{prefix}{_trim(scaled, decimals)}{name}"
    return f"{prefix}{_trim(amount, 0 if amount >= 100 or amount.is_integer() else 2)}"


def format_number(value: float, locale: Locale, decimals: int = 1) -> str:
    """Format a plain number with thousands separators (half-width digits in both locales)."""
    del locale  # both locales use the same separators
    return _trim(value, decimals)


def format_date(value: dt.date, locale: Locale) -> str:
    """``2026年11月25日`` in Japanese, ``November 25, 2026`` in English."""
    if locale == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{_EN_MONTHS[value.month - 1]} {value.day}, {value.year}"


def format_short_date(value: dt.date, locale: Locale) -> str:
    """``2026/11/25`` in Japanese, ``Nov 25, 2026`` in English: for tables and timelines."""
    if locale == "ja":
        return f"{value.year}/{value.month}/{value.day}"
    return f"{_EN_MONTHS[value.month - 1][:3]} {value.day}, {value.year}"


def format_count(value: int, locale: Locale, unit_ja: str = "名", unit_en: str = "") -> str:
    """A count with its unit: ``8,200名`` / ``8,200``."""
    if locale == "ja":
        return f"{value:,}{unit_ja}"
    return f"{value:,}{(' ' + unit_en) if unit_en else ''}"


def chart_scale(amounts: list[float], currency: str, locale: Locale) -> tuple[float, str]:
    """A divisor and unit label that keep money values in a chart short and readable.

    Japanese charts count in 万 or 億 (``4,800`` with unit ``万円``); English charts in
    thousands, millions or billions (``48`` with unit ``¥M``).
    """
    top = max(amounts, default=0.0)
    if locale == "ja":
        suffix = _JA_CURRENCY_SUFFIX.get(currency, f" {currency}")
        if top >= 10**10:
            return 10.0**8, f"億{suffix}"
        if top >= 10**5:
            return 10.0**4, f"万{suffix}"
        return 1.0, suffix.strip()
    prefix = _EN_CURRENCY_PREFIX.get(currency, f"{currency} ")
    for size, name in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if top >= size:
            return float(size), f"{prefix.strip()}{name}"
    return 1.0, prefix.strip()
