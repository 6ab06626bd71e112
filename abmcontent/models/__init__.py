"""Pydantic models of every workspace file: account profiles and the content library."""

from abmcontent.models.common import (
    Locale,
    LocalizedList,
    LocalizedText,
    Money,
    Slug,
)
from abmcontent.models.library import (
    Battlecard,
    CaseStudy,
    Persona,
    PersonasFile,
    Product,
    SellerFile,
)
from abmcontent.models.profile import AccountProfile

__all__ = [
    "AccountProfile",
    "Battlecard",
    "CaseStudy",
    "Locale",
    "LocalizedList",
    "LocalizedText",
    "Money",
    "Persona",
    "PersonasFile",
    "Product",
    "SellerFile",
    "Slug",
]
