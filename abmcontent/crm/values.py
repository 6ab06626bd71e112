"""Turn CRM cells into profile values: slugs, numbers, money, places, locales."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from abmcontent.models.currencies import ISO_4217

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_LEGAL_SUFFIXES = re.compile(
    r"[\s,.]+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|gmbh|ag|"
    r"kk|k\.k|sa|s\.a|bv|nv|pte|pty|holdings?)\.?$",
    re.IGNORECASE,
)
_SYMBOLS = {"$": "USD", "US$": "USD", "¥": "JPY", "円": "JPY", "€": "EUR", "£": "GBP"}
_MULTIPLIERS = {
    "k": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "千": 1e3,
    "万": 1e4,
    "百万": 1e6,
    "億": 1e8,
    "兆": 1e12,
}
_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>[a-zA-Z]{1,2}|千|万|百万|億|兆)?$")


def has_japanese(text: str) -> bool:
    """True when ``text`` contains kana or kanji."""
    return _JAPANESE.search(text) is not None


def normalize(text: str) -> str:
    """NFKC-normalise (full-width letters and digits become ascii) and collapse spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def as_written(text: str) -> str:
    """A cell as the CRM holds it, for storing: only the spaces around it are dropped.

    Names are stored as written (``（株）青葉フーズ``, ``ＮＥＸＴ ＬＯＧＩ株式会社``); only
    the keys used to match them are normalised (:func:`name_key`).
    """
    return text.strip()


def name_key(text: str) -> str:
    """A key to compare names: normalised, casefolded, punctuation and spaces dropped."""
    return re.sub(r"[\s\W_]+", "", normalize(text).casefold())


@functools.lru_cache(maxsize=65536)
def domain_key(website: str) -> str:
    """The host of a website or domain without ``www.``, for matching (``""`` if none).

    ``https://www.kaede-unyu.co.jp/about`` and ``kaede-unyu.co.jp`` give
    ``kaede-unyu.co.jp``.
    """
    text = normalize(website)
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    host = host.lower().strip(".").removeprefix("www.")
    return host if "." in host else ""


def slugify(text: str, limit: int = 64) -> str:
    """Make a slug of ascii letters, digits and ``-``; ``""`` when nothing ascii is left."""
    text = normalize(text).replace("&", " and ").replace("+", " plus ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def drop_legal_suffixes(name: str) -> str:
    """The normalised name without trailing legal forms (``Co., Ltd.``, ``GmbH``, ``Inc.``)."""
    text = normalize(name)
    while True:
        shorter = _LEGAL_SUFFIXES.sub("", text).strip(" ,.")
        if shorter == text or not shorter:
            return text
        text = shorter


def company_slug(name: str) -> str:
    """Slug of a company name without its legal form (``Hokuto Logistics Co., Ltd.``)."""
    return slugify(drop_legal_suffixes(name))


def short_hash(text: str) -> str:
    """Eight hex digits derived from ``text`` (deterministic)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def parse_count(text: str) -> int:
    """Read a head count such as ``1,150``, ``1150.0`` or ``１，１５０名``.

    Raises:
        ValueError: the cell is not a whole number.
    """
    cleaned = normalize(text).replace(",", "").replace(" ", "").rstrip("名人")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"'{text}' is not a number of employees") from None
    if value < 0 or value != int(value):
        raise ValueError(f"'{text}' is not a whole, positive number of employees")
    return int(value)


def parse_money(text: str) -> tuple[float, str | None]:
    """Read an amount such as ``$1,200,000.00``, ``JPY 245,000,000,000``, ``52億円``, ``3.5M``.

    Returns:
        The amount and the currency the cell names (``None`` when it names none).

    Raises:
        ValueError: the cell is not an amount.
    """
    cleaned = normalize(text).replace(",", "").replace(" ", "")
    currency: str | None = None
    head = re.match(r"^([A-Z]{3})", cleaned)
    tail = re.search(r"([A-Z]{3})$", cleaned)
    if head and head.group(1) in ISO_4217:
        currency, cleaned = head.group(1), cleaned[3:]
    elif tail and tail.group(1) in ISO_4217:
        currency, cleaned = tail.group(1), cleaned[:-3]
    for symbol in sorted(_SYMBOLS, key=len, reverse=True):
        if cleaned.startswith(symbol):
            currency, cleaned = _SYMBOLS[symbol], cleaned[len(symbol) :]
            break
        if cleaned.endswith(symbol):
            currency, cleaned = _SYMBOLS[symbol], cleaned[: -len(symbol)]
            break
    found = _NUMBER.match(cleaned)
    if found is None:
        raise ValueError(f"'{text}' is not an amount of money")
    amount = float(found.group("num"))
    mult = found.group("mult")
    if mult:
        factor = _MULTIPLIERS.get(mult.lower())
        if factor is None:
            raise ValueError(f"'{text}' is not an amount of money")
        amount *= factor
    return amount, currency


def whole(amount: float) -> float | int:
    """Return ``amount`` as an ``int`` when it has no fractional part."""
    return int(amount) if float(amount).is_integer() else round(amount, 2)


def join_place(parts: list[str], japanese: bool) -> str:
    """Join state, city and country into one place name.

    Japanese addresses go from the largest unit without separators (``東京都江東区``);
    others from the smallest, with commas (``Columbus, Ohio, United States``).
    """
    kept = [p for p in parts if p]
    if japanese:
        return "".join(p for p in kept if p not in ("日本", "Japan", "JP"))
    state, city, country = [*parts, "", "", ""][:3]
    ordered = [p for p in (city, state, country) if p]
    return ", ".join(ordered)


_DATE = re.compile(r"^(?P<a>\d{1,4})[-/.年](?P<b>\d{1,2})[-/.月](?P<c>\d{1,4})日?(?:[ T].*)?$")


def parse_date(text: str, *, day_first: bool = False) -> dt.date:
    """Read a CRM date: ``2024-05-01``, ``2024/5/1``, ``2024年5月1日``, ``5/1/2024``.

    A time after the date (``2024/05/01 10:15``) is ignored. A date that ends with the
    year is read month first (the US exports), or day first with ``day_first``.

    Raises:
        ValueError: the cell is not a date.
    """
    found = _DATE.match(normalize(text))
    if found is None:
        raise ValueError(f"'{text}' is not a date (expected e.g. 2024-05-01)")
    a, b, c = (int(found.group(k)) for k in "abc")
    if len(found.group("a")) == 4:
        year, month, day = a, b, c
    elif len(found.group("c")) == 4:
        year, month, day = (c, b, a) if day_first else (c, a, b)
    else:
        raise ValueError(f"'{text}' is not a date (the year needs four digits)")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a date ({exc})") from None
