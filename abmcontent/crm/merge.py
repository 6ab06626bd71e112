"""Apply CRM records to profile YAML: create profiles, update CRM-owned fields only.

CRM-owned fields (:data:`CRM_FIELDS`) follow the CRM on every import; an empty cell never
erases a value. Fields set only when a profile or stakeholder is created (``locale``,
``tier``, ``segment``, a stakeholder's ``role``) and everything written by hand
(``summary``, ``challenges``, ``notes``, ``priorities``...) are never touched. Edits are
made in place on the round-trip mapping, so comments, key order and styles stay.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from abmcontent.crm.ids import IdAllocator, person_id_candidates
from abmcontent.crm.records import AccountRecord, ContactRecord
from abmcontent.crm.values import domain_key, name_key
from abmcontent.models.profile import AccountProfile, Stakeholder

PROFILE_ORDER: tuple[str, ...] = tuple(AccountProfile.model_fields)
STAKEHOLDER_ORDER: tuple[str, ...] = tuple(Stakeholder.model_fields)
CRM_FIELDS: tuple[str, ...] = (
    "name",
    "name_en",
    "industry",
    "headquarters",
    "employees",
    "annual_revenue",
    "website",
    "owners.sales",
    "crm",
)
"""Profile fields the CRM owns: updated by every import."""

CREATED_ONLY: tuple[str, ...] = ("id", "locale", "tier", "segment")
"""Fields set when a profile is created and left to people afterwards."""

NEW_PROFILE_HEADER = (
    "Imported from {crm} by `abmcontent import`. Re-imports update only the fields the CRM "
    "owns: {fields}, and the name, stage, value, close date (product and kind when mapped) "
    "of the opportunities that carry a crm_id. Everything else is yours to edit and is kept."
)


def flow_map(values: dict[str, Any]) -> CommentedMap:
    """A mapping written on one line (``{amount: 1, currency: JPY}``)."""
    mapping = CommentedMap(values)
    mapping.fa.set_flow_style()
    return mapping


def _position(mapping: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    keys = list(mapping)
    if key in order:
        for previous in reversed(order[: order.index(key)]):
            if previous in mapping:
                return keys.index(previous) + 1
    return len(keys)


def set_value(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> bool:
    """Set ``mapping[key]`` to ``value`` in place; return True when something changed.

    Nested mappings are updated key by key (their style and comments stay); a new key is
    inserted after the field that precedes it in ``order``.
    """
    if key in mapping:
        current = mapping[key]
        if isinstance(current, CommentedMap) and isinstance(value, dict):
            changed = False
            for sub_key, sub_value in value.items():
                changed |= set_value(current, sub_key, sub_value, tuple(value))
            return changed
        if current == value and isinstance(current, bool) == isinstance(value, bool):
            return False
        mapping[key] = value
        return True
    mapping.insert(_position(mapping, key, order), key, value)
    return True


def crm_values(record: AccountRecord) -> dict[str, Any]:
    """The CRM-owned values a record gives (empty cells left out)."""
    values: dict[str, Any] = {"name": record.name}
    if record.name_en and record.name_en != record.name:
        values["name_en"] = record.name_en
    if record.industry:
        values["industry"] = record.industry
    if record.headquarters:
        values["headquarters"] = record.headquarters
    if record.employees is not None:
        values["employees"] = record.employees
    if record.revenue is not None:
        amount, currency = record.revenue
        values["annual_revenue"] = flow_map({"amount": amount, "currency": currency})
    if record.website:
        values["website"] = record.website
    if record.owner:
        values["owners"] = CommentedMap({"sales": record.owner})
    if record.crm_id:
        values["crm"] = crm_ref(record.source, record.crm_id, record.last_activity)
    return values


def crm_ref(source: str, crm_id: str, last_activity: dt.date | None = None) -> CommentedMap:
    """A ``crm`` entry, written on one line: ``{source: hubspot, id: '2011'}``."""
    values: dict[str, Any] = {"source": source, "id": crm_id}
    if last_activity is not None:
        values["last_activity"] = last_activity
    return flow_map(values)


def crm_entries(data: CommentedMap) -> list[CommentedMap]:
    """The CRM records of a profile, whether ``crm`` holds one mapping or a list of them."""
    crm = data.get("crm")
    found = [crm] if isinstance(crm, dict) else crm if isinstance(crm, list) else []
    return [r for r in found if isinstance(r, CommentedMap) and r.get("source") and r.get("id")]


def link_crm(data: CommentedMap, source: str, crm_id: str) -> bool:
    """Add CRM record ``(source, crm_id)`` to the profile unless it is there already.

    A profile with one record keeps ``crm`` as a mapping; a second record turns it into a
    list (the first record stays first).

    Returns:
        True when the record was added.
    """
    entries = crm_entries(data)
    if any((str(r["source"]), str(r["id"])) == (source, crm_id) for r in entries):
        return False
    ref = crm_ref(source, crm_id)
    if not entries:
        set_value(data, "crm", ref, PROFILE_ORDER)
    elif isinstance(data["crm"], CommentedSeq):
        data["crm"].append(ref)
    else:
        data["crm"] = CommentedSeq([data["crm"], ref])
    return True


def note_activity(data: CommentedMap, source: str, crm_id: str, day: dt.date | None) -> bool:
    """Record ``day`` as the last activity of CRM record ``(source, crm_id)`` if it is later.

    Returns:
        True when the stored date changed.
    """
    if day is None:
        return False
    for ref in crm_entries(data):
        if (str(ref["source"]), str(ref["id"])) != (source, crm_id):
            continue
        current = ref.get("last_activity")
        if isinstance(current, dt.date) and current >= day:
            return False
        ref["last_activity"] = day
        return True
    return False


def is_primary(data: CommentedMap, source: str) -> bool:
    """True when ``source`` is the profile's first CRM (or the profile has none).

    The first CRM updates the CRM-owned fields; the others only fill fields still empty,
    so two CRMs that disagree do not rewrite a profile on every import.
    """
    entries = crm_entries(data)
    return not entries or str(entries[0]["source"]) == source


def create_profile(record: AccountRecord, account_id: str, industry: str) -> CommentedMap:
    """Build a new profile for ``record`` (tier ``programmatic`` until it is scored).

    Args:
        record: the account row.
        account_id: its new, unique id.
        industry: the industry slug to use when the row has none.
    """
    values = crm_values(record)
    data = CommentedMap()
    data["id"] = account_id
    data["name"] = values.pop("name")
    if "name_en" in values:
        data["name_en"] = values.pop("name_en")
    data["locale"] = record.locale
    data["tier"] = "programmatic"
    data["industry"] = values.pop("industry", industry)
    if record.segment is not None:
        data["segment"] = record.segment
    for key, value in values.items():
        set_value(data, key, value, PROFILE_ORDER)
    return data


def new_profile_header(source: str) -> str:
    """The comment at the top of a profile an import creates from CRM ``source``."""
    return NEW_PROFILE_HEADER.format(crm=source, fields=", ".join(CRM_FIELDS))


def update_profile(data: CommentedMap, record: AccountRecord) -> list[str]:
    """Update the CRM-owned fields of an existing profile; return the fields changed.

    The record's CRM id is added to ``crm`` (a profile keeps the id of every CRM it was
    matched with). A CRM that is not the profile's first one only fills empty fields (and
    turns a bare domain into the full URL of the same site). A full website URL is never
    replaced by the bare domain of the same site.
    """
    changed: list[str] = []
    values = crm_values(record)
    values.pop("crm", None)
    known_names = {name_key(str(data.get("name", ""))), name_key(str(data.get("name_en", "")))}
    if name_key(record.name) in known_names:
        values.pop("name")
    if "name_en" in values and name_key(values["name_en"]) in known_names:
        values.pop("name_en")
    website = str(data.get("website") or "")
    if "website" in values and _less_than(values["website"], website):
        values.pop("website")
    primary = is_primary(data, record.source)
    for key, value in values.items():
        upgrade = key == "website" and _less_than(website, value)
        if not primary and data.get(key) and not upgrade:
            continue
        if set_value(data, key, value, PROFILE_ORDER):
            changed.append("owners.sales" if key == "owners" else key)
    if record.crm_id:
        if link_crm(data, record.source, record.crm_id):
            changed.append(f"crm ({record.source} {record.crm_id})")
        if note_activity(data, record.source, record.crm_id, record.last_activity):
            changed.append(f"crm.last_activity ({record.source})")
    return changed


def _less_than(new: str, current: str) -> bool:
    """True when ``new`` is the bare domain of the full URL ``current`` (same site)."""
    if not current or "//" in new or new == current:
        return False
    return domain_key(new) == domain_key(current) != ""


def hand_fields(data: CommentedMap) -> list[str]:
    """The filled fields of a profile that an import never changes (stakeholders aside)."""
    owned = {f.split(".")[0] for f in CRM_FIELDS} | set(CREATED_ONLY) | {"stakeholders"}
    return [str(key) for key, value in data.items() if key not in owned and value]


def stakeholder_ids(data: CommentedMap) -> set[str]:
    """The ids of the profile's stakeholders."""
    people = data.get("stakeholders") or []
    return {str(p.get("id")) for p in people if isinstance(p, dict) and p.get("id")}


def find_stakeholder(data: CommentedMap, contact: ContactRecord) -> CommentedMap | None:
    """The stakeholder of ``contact``: same CRM id, else same name (without a CRM id)."""
    people = [p for p in data.get("stakeholders") or [] if isinstance(p, CommentedMap)]
    if contact.crm_id:
        for person in people:
            if str(person.get("crm_id", "")) == contact.crm_id:
                return person
    key = name_key(contact.name)
    for person in people:
        if name_key(str(person.get("name", ""))) == key and (
            not contact.crm_id or not person.get("crm_id")
        ):
            return person
    return None


def update_stakeholder(person: CommentedMap, contact: ContactRecord) -> list[str]:
    """Update the CRM-owned fields of a stakeholder (name, title, crm_id)."""
    changed: list[str] = []
    values: dict[str, Any] = {}
    if name_key(str(person.get("name", ""))) != name_key(contact.name):
        values["name"] = contact.name
    if contact.title:
        values["title"] = contact.title
    if contact.crm_id:
        values["crm_id"] = contact.crm_id
    for key, value in values.items():
        if set_value(person, key, value, STAKEHOLDER_ORDER):
            changed.append(key)
    return changed


def add_stakeholder(data: CommentedMap, contact: ContactRecord, role: str) -> str:
    """Append a new stakeholder with ``role`` to the profile; return its id."""
    allocator = IdAllocator(stakeholder_ids(data))
    person_id = allocator.allocate(
        person_id_candidates(contact.name, contact.crm_id, contact.email)
    )
    person = CommentedMap()
    person["id"] = person_id
    person["name"] = contact.name
    if contact.title:
        person["title"] = contact.title
    person["role"] = role
    if contact.crm_id:
        person["crm_id"] = contact.crm_id
    people = data.get("stakeholders")
    if not isinstance(people, CommentedSeq):
        people = CommentedSeq()
        set_value(data, "stakeholders", people, PROFILE_ORDER)
    people.append(person)
    return person_id
