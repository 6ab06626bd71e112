"""Purpose-made libraries and accounts, built from the models (no files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from abmcontent.context import Audience, build_context
from abmcontent.loading.workspace import Library
from abmcontent.models import AccountProfile, Battlecard, CaseStudy, Persona, SellerFile

PERSONAS: dict[str, Any] = {
    "cfo": {"title": {"ja": "財務責任者", "en": "Finance leader"}, "proof": "roi"},
    "coo": {"title": {"ja": "業務責任者", "en": "Operations leader"}, "proof": "operational"},
    "cio": {"title": {"ja": "IT責任者", "en": "IT leader"}, "proof": "technical"},
    "ciso": {"title": {"ja": "セキュリティ責任者", "en": "Security leader"}},
}


def library(
    products: list[dict[str, Any]] | None = None,
    stories: list[dict[str, Any]] | None = None,
    battlecards: list[dict[str, Any]] | None = None,
) -> Library:
    seller = SellerFile.model_validate(
        {
            "company": {"name": "Seller", "colors": {"primary": "#0B4F8A", "accent": "#F29F05"}},
            "products": products or [],
        }
    )
    cases = [CaseStudy.model_validate(story(**s)) for s in (stories or [])]
    cards = [Battlecard.model_validate(b) for b in (battlecards or [])]
    return Library(
        seller=seller,
        personas={k: Persona.model_validate(v) for k, v in PERSONAS.items()},
        case_studies={c.id: c for c in cases},
        battlecards={b.id: b for b in cards},
    )


def story(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "customer": "Customer",
        "locale": "en",
        "situation": {"en": "Before.", "ja": "導入前。"},
        "solution": {"en": "What we did.", "ja": "実施内容。"},
        "outcome": {"en": "After.", "ja": "導入後。"},
    }
    return {**base, **fields}


def account(**fields: Any) -> AccountProfile:
    base: dict[str, Any] = {
        "id": "acme",
        "name": "Acme",
        "locale": "en",
        "tier": "strategic",
        "industry": "logistics",
    }
    return AccountProfile.model_validate({**base, **fields})


def context(lib: Library, acc: AccountProfile, audience: Audience, doc: str = "proposal") -> Any:
    return build_context(
        lib, acc, audience, doc=doc, root=Path("/nonexistent"), today=dt.date(2026, 11, 25)
    ).data


def role(key: str) -> Audience:
    return Audience("role", key, key)
