"""Every id that reaches a URL is checked before it is used: a slug or a small number."""

from __future__ import annotations

import re

from fastapi import HTTPException

from abmcontent.models.common import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
#: ascii digits only: ``str.isdigit`` also accepts ``²`` and ``①``, which ``int`` refuses
_NUMBER = re.compile(r"[0-9]{1,9}")


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


def small_number(value: str) -> int | None:
    """``value`` as an int when it is 1 to 9 ascii digits, else ``None``.

    Job ids and row numbers come from URLs and forms; ``²``, ``①`` or a 5000-digit number
    are then simply unknown ids, never an exception.
    """
    return int(value) if _NUMBER.fullmatch(value) else None
