"""Every id that reaches a URL is checked as a slug before it is used (404 otherwise)."""

from __future__ import annotations

import re

from fastapi import HTTPException

from abmcontent.models.common import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)


def is_slug(value: str) -> bool:
    """True when ``value`` is a slug: lowercase ascii letters, digits and '-', 1 to 64."""
    return len(value) <= 64 and _SLUG.fullmatch(value) is not None


def require_slug(value: str) -> str:
    """Return ``value`` when it is a slug.

    Raises:
        HTTPException: 404 for anything else (nothing else may reach a file path).
    """
    if not is_slug(value):
        raise HTTPException(404, "not a valid id")
    return value
