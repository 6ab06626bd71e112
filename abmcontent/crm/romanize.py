"""Readable ascii forms of company names and domains (for account ids), and company keys.

``kaede-unyu.co.jp`` gives ``kaede-unyu``; ``株式会社 楓運輸`` gives ``momiji-unyu``
(Hepburn romanisation by pykakasi, which works offline); legal forms such as 株式会社,
（株）, 合同会社, Inc. or GmbH are dropped first.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from abmcontent.crm.values import (
    company_slug,
    drop_legal_suffixes,
    has_japanese,
    name_key,
    normalize,
)

_JA_LEGAL = re.compile(
    r"(株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|"
    r"公益財団法人|社会福祉法人|医療法人|学校法人|独立行政法人|国立大学法人|[(（]\s*[株有合]\s*[)）]|㈱|㈲)"
)
_SECOND_LEVEL = frozenset(
    ("co", "or", "ne", "ac", "go", "gr", "ed", "lg", "com", "net", "org", "gov", "edu", "ltd")
)
"""Labels under a country code that a company registers below (``co.jp``, ``com.au``)."""


def strip_legal_forms(name: str) -> str:
    """The name without Japanese legal forms (株式会社, （株）, 合同会社...) and spaces around."""
    return " ".join(_JA_LEGAL.sub(" ", normalize(name)).split())


@functools.lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The key that says two names are the same company (legal forms and width ignored).

    Case, spaces and punctuation are ignored as well.

    ``株式会社楓運輸``, ``（株）楓運輸`` and ``楓運輸`` share a key, and so do ``Acme
    Corp.`` and ``ACME``.
    """
    key = name_key(drop_legal_suffixes(strip_legal_forms(name)))
    return key or name_key(name)


def domain_label(website: str) -> str:
    """The registrable label of a website or domain, or ``""`` when there is none.

    ``https://www.kaede-unyu.co.jp/about`` and ``kaede-unyu.co.jp`` give ``kaede-unyu``.
    """
    text = website.strip()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2 or all(x.isdigit() for x in labels):
        return ""
    if labels[0] == "www":
        labels = labels[1:]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else ""


@functools.lru_cache(maxsize=1)
def _kakasi() -> object:
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def romanize(text: str) -> str:
    """Hepburn romanisation of Japanese text, words separated by spaces (ascii kept)."""
    converter = _kakasi()
    words = converter.convert(text)  # type: ignore[attr-defined]
    return " ".join(str(w["hepburn"]) for w in words if str(w["hepburn"]).strip())


def name_slug(name: str) -> str:
    """A slug of a company name without its legal form, romanised when it is Japanese."""
    bare = strip_legal_forms(name)
    return company_slug(romanize(bare) if has_japanese(bare) else bare)
