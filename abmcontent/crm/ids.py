"""Deterministic, unique slugs for new accounts and stakeholders."""

from __future__ import annotations

import re

from abmcontent.crm.romanize import domain_label, name_slug
from abmcontent.crm.values import company_slug, has_japanese, short_hash, slugify
from abmcontent.models.common import SLUG_PATTERN


class IdAllocator:
    """Hands out slugs that are not taken yet (``name``, then ``name-2``, ``name-3``...)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        """Start with the ids already in use."""
        self.taken: set[str] = set(taken or ())
        self._next: dict[str, int] = {}

    def allocate(self, candidates: list[str]) -> str:
        """Return the best valid candidate, with ``-2``, ``-3``... added when it is taken."""
        valid = [c for c in candidates if c and re.fullmatch(SLUG_PATTERN, c)]
        if not valid:
            raise ValueError("no valid id candidate")
        if valid[0] not in self.taken:
            self.taken.add(valid[0])
            return valid[0]
        base = valid[0][:60].rstrip("-")
        number = self._next.get(base, 2)
        while f"{base}-{number}" in self.taken:
            number += 1
        chosen = f"{base}-{number}"
        self._next[base] = number + 1
        self.taken.add(chosen)
        return chosen


def account_id_candidates(
    name: str, name_en: str, source: str, crm_id: str, website: str = ""
) -> list[str]:
    """Ids to try for a new account, best first.

    The label of the company's domain (``kaede-unyu.co.jp`` -> ``kaede-unyu``), else the
    English name, else the name (romanised when Japanese; legal forms such as 株式会社,
    （株）, ``Co., Ltd.`` or ``GmbH`` dropped), else ``<source>-<crm id>``, else a hash of
    the name.
    """
    found: list[str] = [slugify(domain_label(website))]
    if name_en:
        found.append(company_slug(name_en))
    found.append(name_slug(name))
    if crm_id:
        found.append(slugify(f"{source}-{crm_id}"))
    found.append(f"account-{short_hash(name)}")
    return [c for c in found if c]


def person_id_candidates(name: str, crm_id: str, email: str = "") -> list[str]:
    """Ids to try for a new stakeholder, best first.

    The name when it is not Japanese, else the local part of the e-mail address
    (``d.ito@...`` gives ``d-ito``), else ``contact-<crm id>``, else a hash of the name.
    """
    found: list[str] = []
    if not has_japanese(name):
        found.append(slugify(name))
    elif "@" in email:
        found.append(slugify(email.split("@", 1)[0]))
    if crm_id:
        found.append(slugify(f"contact-{crm_id}"))
    found.append(f"person-{short_hash(name)}")
    return [c for c in found if c]


def suggest_account_id(name: str, name_en: str, website: str, taken: set[str]) -> str:
    """The id an import would give a new account with these values (the web form's hint).

    Args:
        name: the company name as written.
        name_en: its English name, or ``""``.
        website: its website or domain, or ``""``.
        taken: the ids already in the workspace.

    Returns:
        A free id, or ``""`` when nothing is filled in yet.
    """
    if not (name.strip() or name_en.strip() or website.strip()):
        return ""
    candidates = account_id_candidates(name, name_en, "account", "", website)
    return IdAllocator(taken).allocate(candidates)
