"""The persona part of a render context: what a role cares about and what we ask of it."""

from __future__ import annotations

from typing import Any

from abmcontent.context.localize import text, texts
from abmcontent.context.strings import label, strings_for
from abmcontent.models import Persona
from abmcontent.models.common import Locale


def persona_context(
    key: str | None, persona: Persona | None, locale: Locale, *, internal: bool = False
) -> dict[str, Any]:
    """The persona of role ``key`` as templates see it; a generic one when it is unknown.

    ``tone`` (coaching for the rep, an internal field) is there for ``internal`` documents
    only.
    """
    strings = strings_for(locale)
    if persona is None or key is None:
        return {
            "key": key or "",
            "title": strings["generic_persona_title"],
            "priorities": [],
            "kpis": [],
            "criteria": [],
            "proof": "strategic",
            "proof_label": label("proof", "strategic", locale),
            "call_to_action": strings["generic_call_to_action"],
            "generic": True,
        } | ({"tone": ""} if internal else {})
    found: dict[str, Any] = {
        "key": key,
        "title": text(persona.title, locale),
        "priorities": texts(persona.priorities, locale),
        "kpis": list(persona.kpis),
        "criteria": list(persona.criteria),
        "proof": persona.proof,
        "proof_label": label("proof", persona.proof, locale),
        "call_to_action": text(persona.call_to_action, locale) or strings["generic_call_to_action"],
        "generic": False,
    }
    if internal:
        found["tone"] = text(persona.tone, locale)
    return found
