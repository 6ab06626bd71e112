"""Pick the text of one locale from a localized value, falling back to the other locale."""

from __future__ import annotations

from typing import Any

from abmcontent.models.common import LOCALES, Locale


def text(value: Any, locale: Locale) -> str:
    """Return ``value`` in ``locale``: plain strings as they are, maps by key with fallback."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if locale in value:
            return str(value[locale])
        for other in LOCALES:
            if other in value:
                return str(value[other])
        return ""
    return str(value)


def texts(value: Any, locale: Locale) -> list[str]:
    """Return a list of texts in ``locale``: a localized list, or a list of localized texts."""
    if value is None:
        return []
    if isinstance(value, dict):
        chosen = value.get(locale)
        if chosen is None:
            chosen = next((value[o] for o in LOCALES if o in value), [])
        return [str(v) for v in chosen]
    return [text(v, locale) for v in value]
