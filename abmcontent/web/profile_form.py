"""The profile form: read it from a file or a submission, write it back into the YAML.

Edits are made in place on the ruamel round-trip mapping (the CRM importer's helpers), so
comments, key order and styles of everything not edited stay as they were. The new text
is checked with the loader's own steps (:func:`abmcontent.crm.checkprofile.check_profile_text`:
parser, model, reference checks) before anything is written; each problem is shown next to
the form field it names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from abmcontent.crm.merge import PROFILE_ORDER, STAKEHOLDER_ORDER, flow_map, set_value
from abmcontent.crm.yamlio import InvalidDate
from abmcontent.errors import Problem
from abmcontent.models.profile import Challenge, CompetitorRef, Engagement, Opportunity
from abmcontent.web.slugs import small_number

CHALLENGE_ORDER: tuple[str, ...] = tuple(Challenge.model_fields)
OPPORTUNITY_ORDER: tuple[str, ...] = tuple(Opportunity.model_fields)
COMPETITOR_ORDER: tuple[str, ...] = tuple(CompetitorRef.model_fields)
ENGAGEMENT_ORDER: tuple[str, ...] = tuple(Engagement.model_fields)
#: plain profile fields of the form, in file order
SCALARS = (
    "name",
    "name_en",
    "locale",
    "tier",
    "industry",
    "segment",
    "headquarters",
    "website",
    "logo",
)
LOCALIZED = ("summary",)
PERSON_FIELDS = ("id", "name", "title", "role", "influence")
PERSON_LOCALIZED = ("notes",)
CHALLENGE_FIELDS = ("id", "impact")
CHALLENGE_LOCALIZED = ("title", "detail")
CHALLENGE_LISTS = ("tags", "owners")
OPPORTUNITY_FIELDS = (
    "product",
    "name",
    "kind",
    "stage",
    "close_date",
    "value_amount",
    "value_currency",
)
COMPETITOR_FIELDS = ("id", "status")
COMPETITOR_LOCALIZED = ("notes",)
ENGAGEMENT_FIELDS = ("date", "stakeholder", "kind")
ENGAGEMENT_LOCALIZED = ("summary",)
DATES = ("date", "close_date")
_ROW_KEY = re.compile(
    r"^(?P<kind>p|c|o|k|e)-(?P<key>[0-9]{1,4})-(?P<name>[a-z_]+)(?:\.(?P<loc>ja|en))?$"
)
#: row kind -> (profile list, plain fields, localized fields)
ROW_KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "o": ("opportunities", OPPORTUNITY_FIELDS, ()),
    "k": ("competitors", COMPETITOR_FIELDS, COMPETITOR_LOCALIZED),
    "e": ("engagement", ENGAGEMENT_FIELDS, ENGAGEMENT_LOCALIZED),
}

#: a form value: text, or text per locale for a field written as a locale map
Value = str | dict[str, str]


def file_hash(text: str) -> str:
    """Fingerprint of a profile's text (detects edits made since the form was opened)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Row:
    """One stakeholder or challenge of the form.

    Attributes:
        key: the row's number in the form (``p-3-name``).
        orig: its position in the file, or ``None`` for a new row.
        values: field -> value.
        remove: to be deleted when the form is saved.
        lines_kept: its priorities are multilingual and kept as they are (not in the form).
        errors: field -> reasons.
    """

    key: int
    orig: int | None
    values: dict[str, Value] = field(default_factory=dict)
    remove: bool = False
    lines_kept: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict)

    def get(self, name: str) -> Value:
        """The value of ``name`` (empty text when absent)."""
        return self.values.get(name, "")

    @property
    def blank(self) -> bool:
        """True for a new row left empty (ignored when saving)."""
        return self.orig is None and not any(_filled(v) for k, v in self.values.items())


@dataclass
class ProfileForm:
    """The state of the form: values, rows and the problems found in them."""

    values: dict[str, Value] = field(default_factory=dict)
    people: list[Row] = field(default_factory=list)
    challenges: list[Row] = field(default_factory=list)
    sections: dict[str, list[Row]] = field(
        default_factory=lambda: {name: [] for name, _, _ in ROW_KINDS.values()}
    )
    goals_kept: bool = False
    sha: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def get(self, name: str) -> Value:
        """The value of ``name`` (empty text when absent)."""
        return self.values.get(name, "")

    @property
    def rows(self) -> list[Row]:
        """Every row of every list section."""
        return [*self.people, *self.challenges, *(r for v in self.sections.values() for r in v)]

    @property
    def has_errors(self) -> bool:
        """True when any problem was found."""
        return bool(self.errors or self.general or any(r.errors for r in self.rows))

    def next_key(self) -> int:
        """A row number no row uses yet."""
        return max((r.key for r in self.rows), default=-1) + 1


def _filled(value: Value) -> bool:
    if isinstance(value, dict):
        return any(v for v in value.values())
    return bool(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _amount(value: Any) -> str:
    """An amount of money as the form shows it: ``245,000,000,000`` (read back by _number)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    return _text(value)


def _loc(value: Any) -> Value:
    """A file value as a form value: locale maps stay maps, the rest becomes text."""
    if isinstance(value, dict) and value and set(value) <= {"ja", "en"}:
        return {"ja": _text(value.get("ja")), "en": _text(value.get("en"))}
    return _text(value)


def _joined(value: Any) -> str:
    return ", ".join(_text(v) for v in value) if isinstance(value, list) else _text(value)


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def form_from_data(data: Mapping[str, Any], text: str = "") -> ProfileForm:
    """The form showing a profile as it is in its file."""
    form = ProfileForm(sha=file_hash(text) if text else "")
    form.values["id"] = _text(data.get("id"))
    for name in SCALARS:
        form.values[name] = _text(data.get(name))
    for name in LOCALIZED:
        form.values[name] = _loc(data.get(name))
    form.values["employees"] = _text(data.get("employees"))
    revenue = _map(data.get("annual_revenue"))
    form.values["revenue_amount"] = _amount(revenue.get("amount"))
    form.values["revenue_currency"] = _text(revenue.get("currency"))
    owners = _map(data.get("owners"))
    form.values["owner_sales"] = _text(owners.get("sales"))
    form.values["owner_marketing"] = _text(owners.get("marketing"))
    key = 0
    people = data.get("stakeholders")
    for index, person in enumerate(people if isinstance(people, list) else []):
        person = _map(person)
        row = Row(key, index)
        for name in PERSON_FIELDS:
            row.values[name] = _text(person.get(name))
        for name in PERSON_LOCALIZED:
            row.values[name] = _loc(person.get(name))
        priorities = person.get("priorities")
        items = priorities if isinstance(priorities, list) else []
        if all(isinstance(p, str | int | float) for p in items):
            row.values["priorities"] = "\n".join(_text(p) for p in items)
        else:
            row.lines_kept = True
        form.people.append(row)
        key += 1
    challenges = data.get("challenges")
    for index, item in enumerate(challenges if isinstance(challenges, list) else []):
        item = _map(item)
        row = Row(key, index)
        for name in CHALLENGE_FIELDS:
            row.values[name] = _text(item.get(name))
        for name in CHALLENGE_LOCALIZED:
            row.values[name] = _loc(item.get(name))
        for name in CHALLENGE_LISTS:
            row.values[name] = _joined(item.get(name))
        form.challenges.append(row)
        key += 1
    goals = data.get("business_goals")
    goal_items = goals if isinstance(goals, list) else []
    if all(isinstance(g, str | int | float) for g in goal_items):
        form.values["business_goals"] = "\n".join(_text(g) for g in goal_items)
    else:
        form.goals_kept = True
    form.values["tier_pinned"] = "1" if data.get("tier_pinned") is True else ""
    for kind, (section, plain_fields, localized) in ROW_KINDS.items():
        listed = data.get(section)
        for index, entry in enumerate(listed if isinstance(listed, list) else []):
            row = Row(key, index)
            entry_map = _map(entry)
            for name in plain_fields:
                row.values[name] = _text(entry_map.get(name))
            for name in localized:
                row.values[name] = _loc(entry_map.get(name))
            if kind == "o":
                value = _map(entry_map.get("value"))
                row.values["value_amount"] = _amount(value.get("amount"))
                row.values["value_currency"] = _text(value.get("currency"))
            form.sections[section].append(row)
            key += 1
    return form


def _read(fields: Mapping[str, str], name: str) -> Value:
    if f"{name}.ja" in fields or f"{name}.en" in fields:
        return {
            "ja": fields.get(f"{name}.ja", "").strip(),
            "en": fields.get(f"{name}.en", "").strip(),
        }
    return fields.get(name, "").strip()


def form_from_submission(fields: Mapping[str, str]) -> ProfileForm:
    """The form as the browser sent it (one value per field name)."""
    form = ProfileForm(sha=fields.get("sha", ""))
    names = ["id", *SCALARS, *LOCALIZED, "employees", "revenue_amount", "revenue_currency"]
    for name in [*names, "owner_sales", "owner_marketing", "business_goals", "tier_pinned"]:
        form.values[name] = _read(fields, name)
    form.goals_kept = fields.get("goals_kept") == "1"
    rows: dict[tuple[str, int], dict[str, str]] = {}
    for name, value in fields.items():
        found = _ROW_KEY.match(name)
        if found:
            kind, key = found.group("kind"), int(found.group("key"))
            rows.setdefault((kind, key), {})[name.split("-", 2)[2]] = value
    for (kind, key), values in sorted(rows.items(), key=lambda item: item[0][1]):
        orig_text = values.get("orig", "")
        row = Row(key, small_number(orig_text))
        row.remove = values.get("remove") == "1"
        row.lines_kept = values.get("lines_kept") == "1"
        if kind in ROW_KINDS:
            section, plain_fields, localized = ROW_KINDS[kind]
            for name in (*plain_fields, *localized):
                row.values[name] = _read(values, name)
            form.sections[section].append(row)
        elif kind == "p":
            for name in (*PERSON_FIELDS, *PERSON_LOCALIZED, "priorities"):
                row.values[name] = _read(values, name)
            form.people.append(row)
        else:
            for name in (*CHALLENGE_FIELDS, *CHALLENGE_LOCALIZED, *CHALLENGE_LISTS):
                row.values[name] = _read(values, name)
            form.challenges.append(row)
    return form


def _number(text: str) -> int | float | str:
    """``8,200`` -> 8200; text that is not a number stays text (the model reports it)."""
    plain = text.replace(",", "").replace("_", "").strip()
    if re.fullmatch(r"\d+", plain):
        return int(plain)
    if re.fullmatch(r"\d+\.\d+", plain):
        return float(plain)
    return text


def _date(value: Value) -> Any:
    """A form date as the YAML gets it: a date, or the text kept plain when it is none."""
    text = value if isinstance(value, str) else ""
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return InvalidDate(text)


def _put(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key`` (in its place in ``order``), or delete it when ``value`` is empty."""
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        value = {k: v for k, v in value.items() if v not in ("", None)}
        if value and isinstance(mapping.get(key), CommentedMap):
            current = mapping[key]
            for gone in [k for k in current if k not in value]:
                del current[gone]
            set_value(mapping, key, value, order)
            return
    if value in ("", None) or value == {} or value == []:
        if key in mapping:
            del mapping[key]
        return
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        value = CommentedMap(value)
    set_value(mapping, key, value, order)


def _put_list(mapping: CommentedMap, key: str, items: list[str], order: tuple[str, ...]) -> None:
    """Set a list of texts, keeping the list's own style (``[a, b]`` or one per line)."""
    current = mapping.get(key)
    if not items:
        _put(mapping, key, None, order)
    elif isinstance(current, CommentedSeq):
        if [str(v) for v in current] != items:
            del current[:]
            current.extend(items)
    else:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        set_value(mapping, key, seq, order)


def _split(value: Value, separator: str) -> list[str]:
    text = value if isinstance(value, str) else ""
    return [part.strip() for part in text.split(separator) if part.strip()]


def _apply_person(person: CommentedMap, row: Row) -> None:
    for name in (*PERSON_FIELDS, *PERSON_LOCALIZED):
        _put(person, name, row.get(name), STAKEHOLDER_ORDER)
    if not row.lines_kept:
        _put_list(person, "priorities", _split(row.get("priorities"), "\n"), STAKEHOLDER_ORDER)


def _apply_challenge(item: CommentedMap, row: Row) -> None:
    for name in (*CHALLENGE_FIELDS, *CHALLENGE_LOCALIZED):
        _put(item, name, row.get(name), CHALLENGE_ORDER)
    for name in CHALLENGE_LISTS:
        _put_list(item, name, _split(row.get(name), ","), CHALLENGE_ORDER)


def _apply_plain(
    plain_fields: tuple[str, ...], localized: tuple[str, ...], order: tuple[str, ...]
) -> Any:
    """The function that writes one row of a plain section (competitors, engagement)."""

    def apply(item: CommentedMap, row: Row) -> None:
        for name in plain_fields:
            value = row.get(name)
            _put(item, name, _date(value) if name in DATES else value, order)
        for name in localized:
            _put(item, name, row.get(name), order)

    return apply


def _apply_opportunity(item: CommentedMap, row: Row) -> None:
    names = [n for n in OPPORTUNITY_FIELDS if not n.startswith("value_")]
    _apply_plain(tuple(names), (), OPPORTUNITY_ORDER)(item, row)
    amount, currency = row.get("value_amount"), row.get("value_currency")
    if not (_filled(amount) or _filled(currency)):
        _put(item, "value", None, OPPORTUNITY_ORDER)
        return
    value = {
        "amount": _number(amount) if isinstance(amount, str) and amount else None,
        "currency": currency or None,
    }
    if isinstance(item.get("value"), CommentedMap):
        _put(item, "value", value, OPPORTUNITY_ORDER)
    else:
        clean = {k: v for k, v in value.items() if v is not None}
        set_value(item, "value", flow_map(clean), OPPORTUNITY_ORDER)


SECTION_APPLY: dict[str, tuple[Any, tuple[str, ...]]] = {
    "opportunities": (_apply_opportunity, OPPORTUNITY_ORDER),
    "competitors": (
        _apply_plain(COMPETITOR_FIELDS, COMPETITOR_LOCALIZED, COMPETITOR_ORDER),
        COMPETITOR_ORDER,
    ),
    "engagement": (
        _apply_plain(ENGAGEMENT_FIELDS, ENGAGEMENT_LOCALIZED, ENGAGEMENT_ORDER),
        ENGAGEMENT_ORDER,
    ),
}
"""How the rows of each plain list section are written."""


def _apply_rows(
    data: CommentedMap, key: str, rows: list[Row], apply: Any, order: tuple[str, ...]
) -> None:
    seq = data.get(key)
    existing = list(seq) if isinstance(seq, CommentedSeq) else []
    if isinstance(seq, CommentedSeq):
        for row in sorted(rows, key=lambda r: -1 if r.orig is None else r.orig, reverse=True):
            if row.remove and row.orig is not None and row.orig < len(seq):
                del seq[row.orig]
    for row in rows:
        if row.remove or row.orig is None:
            continue
        if row.orig < len(existing) and isinstance(existing[row.orig], CommentedMap):
            apply(existing[row.orig], row)
    new_items = []
    for row in rows:
        if row.orig is None and not row.remove and not row.blank:
            item = CommentedMap()
            apply(item, row)
            new_items.append(item)
    if new_items:
        if not isinstance(seq, CommentedSeq):
            seq = CommentedSeq()
            set_value(data, key, seq, order)
        seq.extend(new_items)
    if isinstance(seq, CommentedSeq) and not seq:
        del data[key]


def apply_form(data: CommentedMap, form: ProfileForm, *, new: bool) -> None:
    """Write the form's values into ``data`` in place (comments and order kept)."""
    if new:
        _put(data, "id", form.get("id"), PROFILE_ORDER)
    for name in (*SCALARS, *LOCALIZED):
        _put(data, name, form.get(name), PROFILE_ORDER)
    employees = form.get("employees")
    _put(data, "employees", _number(employees) if isinstance(employees, str) else "", PROFILE_ORDER)
    amount, currency = form.get("revenue_amount"), form.get("revenue_currency")
    if _filled(amount) or _filled(currency):
        revenue: dict[str, Any] = {
            "amount": _number(amount) if isinstance(amount, str) and amount else None,
            "currency": currency or None,
        }
        current = data.get("annual_revenue")
        if isinstance(current, CommentedMap):
            _put(data, "annual_revenue", revenue, PROFILE_ORDER)
        else:
            clean = {k: v for k, v in revenue.items() if v is not None}
            set_value(data, "annual_revenue", flow_map(clean), PROFILE_ORDER)
    else:
        _put(data, "annual_revenue", None, PROFILE_ORDER)
    owners = {"sales": form.get("owner_sales"), "marketing": form.get("owner_marketing")}
    _put(data, "owners", owners, PROFILE_ORDER)
    if not form.goals_kept:
        goals = _split(form.get("business_goals"), "\n")
        _put_list(data, "business_goals", goals, PROFILE_ORDER)
    if form.get("tier_pinned") == "1":
        set_value(data, "tier_pinned", True, PROFILE_ORDER)
    elif "tier_pinned" in data:
        del data["tier_pinned"]
    _apply_rows(data, "challenges", form.challenges, _apply_challenge, PROFILE_ORDER)
    _apply_rows(data, "stakeholders", form.people, _apply_person, PROFILE_ORDER)
    for section, (apply, _order) in SECTION_APPLY.items():
        _apply_rows(data, section, form.sections[section], apply, PROFILE_ORDER)


_TOP_FIELDS = {
    "annual_revenue.amount": "revenue_amount",
    "annual_revenue.currency": "revenue_currency",
    "annual_revenue": "revenue_amount",
    "owners.sales": "owner_sales",
    "owners.marketing": "owner_marketing",
}


def place_errors(form: ProfileForm, problems: list[Problem]) -> None:
    """Put each problem next to the field it names; the rest goes on top of the form."""
    sections = {"stakeholders": form.people, "challenges": form.challenges, **form.sections}
    kept = {
        name: [r for r in rows if not r.remove and not r.blank] for name, rows in sections.items()
    }
    for problem in problems:
        parts = problem.field.split(".") if problem.field else []
        index = small_number(parts[1]) if len(parts) >= 2 else None
        if index is not None and parts[0] in kept:
            rows = kept[parts[0]]
            name = parts[2] if len(parts) > 2 else "id"
            name = "value_amount" if parts[0] == "opportunities" and name == "value" else name
            if index < len(rows):
                rows[index].errors.setdefault(name, []).append(problem.reason)
                continue
        top = _TOP_FIELDS.get(".".join(parts[:2]), parts[0] if parts else "")
        if top in form.values:
            form.errors.setdefault(top, []).append(problem.reason)
        else:
            where = f"{problem.field}: " if problem.field else ""
            form.general.append(f"{where}{problem.reason}")
