"""CRM industry names (Salesforce picklist, HubSpot, Japanese labels) -> industry slugs."""

from __future__ import annotations

import re

from abmcontent.crm.values import has_japanese, normalize, slugify

_TABLE: dict[str, tuple[str, ...]] = {
    "logistics": (
        "Transportation",
        "Transportation & Logistics",
        "Logistics",
        "Logistics and Supply Chain",
        "Transportation/Trucking/Railroad",
        "Transportation Trucking Railroad",
        "Package/Freight Delivery",
        "Package Freight Delivery",
        "Warehousing",
        "Shipping",
        "Maritime",
        "物流",
        "運輸",
        "運輸・物流",
        "物流・運輸",
        "倉庫",
        "運送",
    ),
    "retail": ("Retail", "Supermarkets", "Consumer Goods", "小売", "小売業", "流通・小売"),
    "e-commerce": (
        "E-commerce",
        "Ecommerce",
        "Internet",
        "Online Retail",
        "EC",
        "通販",
        "通信販売",
    ),
    "manufacturing": (
        "Manufacturing",
        "Machinery",
        "Industrial Automation",
        "Electrical/Electronic Manufacturing",
        "Electronics",
        "Mechanical or Industrial Engineering",
        "Automotive",
        "製造",
        "製造業",
        "機械",
        "電子部品",
        "自動車",
    ),
    "food-and-beverage": (
        "Food & Beverage",
        "Food & Beverages",
        "Food and Beverage",
        "Food Production",
        "Beverages",
        "食品",
        "飲料",
        "食品・飲料",
    ),
    "pharma": (
        "Pharmaceuticals",
        "Pharmaceutical",
        "Biotechnology",
        "Life Sciences",
        "製薬",
        "医薬品",
    ),
    "healthcare": (
        "Healthcare",
        "Health Care",
        "Hospital & Health Care",
        "Medical Practice",
        "Hospitals",
        "医療",
        "病院",
        "医療・福祉",
    ),
    "financial-services": (
        "Banking",
        "Finance",
        "Financial Services",
        "Insurance",
        "金融",
        "銀行",
        "保険",
    ),
    "technology": (
        "Technology",
        "Computer Software",
        "Information Technology and Services",
        "Software",
        "IT",
        "情報通信",
        "ソフトウェア",
    ),
    "telecommunications": ("Telecommunications", "Communications", "通信"),
    "energy": ("Energy", "Utilities", "Oil & Energy", "エネルギー", "電力・ガス"),
    "construction": ("Construction", "Building Materials", "建設", "建設業"),
    "public-sector": ("Government", "Government Administration", "官公庁", "自治体"),
    "education": ("Education", "Education Management", "Higher Education", "教育"),
}


def _key(name: str) -> str:
    text = normalize(name).casefold().replace("&", " and ")
    return re.sub(r"[\s\W_]+", "", text)


_INDEX: dict[str, str] = {_key(name): slug for slug, names in _TABLE.items() for name in names}


def industry_slug(raw: str, extra: dict[str, str] | None = None) -> str | None:
    """Map a CRM industry name to a slug.

    The mapping file's ``industries`` are looked up first, then the built-in table (names
    compared ignoring case, spaces, ``&``/``and`` and punctuation; HubSpot's
    ``TRANSPORTATION_TRUCKING_RAILROAD`` style too), then the name is slugified.

    Args:
        raw: the cell.
        extra: CRM name -> slug from the mapping file.

    Returns:
        The slug, or ``None`` when the name has nothing a slug can be made of (e.g. an
        unknown Japanese name).
    """
    key = _key(raw)
    for name, slug in (extra or {}).items():
        if _key(name) == key:
            return slug
    if key in _INDEX:
        return _INDEX[key]
    if has_japanese(raw):
        return None
    return slugify(raw) or None
