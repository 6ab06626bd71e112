"""What the account list and the account page show, built from the profile files.

Pages are built from each profile's raw YAML data, not only from the validated model, so a
broken profile is still shown, with each problem next to the item it concerns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from abmcontent.context.localize import text
from abmcontent.context.ranking import OPEN_STAGES
from abmcontent.errors import Problem
from abmcontent.formatting import format_count, format_money, format_short_date
from abmcontent.layout import PROFILES_DIR
from abmcontent.loading.workspace import Library, Workspace
from abmcontent.loading.yamlfile import YamlSyntaxError, parse_yaml
from abmcontent.models.common import Money
from abmcontent.outputs import Manifest
from abmcontent.web.i18n import Lang, enum_label
from abmcontent.web.slugs import small_number

IMPACT_ORDER = {"high": 0, "medium": 1, "low": 2}
INFLUENCE_ORDER = {"decision_maker": 0, "champion": 1, "influencer": 2, "blocker": 3, "user": 4}
LIST_SECTIONS = ("stakeholders", "challenges", "opportunities", "competitors", "engagement")


def profile_rel(account_id: str) -> str:
    """Workspace-relative path of an account's profile."""
    return f"{PROFILES_DIR}/{account_id}.yaml"


def profile_problems(ws: Workspace, account_id: str) -> list[Problem]:
    """Every problem found in the profile of ``account_id``."""
    rel = profile_rel(account_id)
    return [p for p in ws.problems if p.file == rel]


def read_raw(root: Path, account_id: str) -> dict[str, Any]:
    """The profile's data as written, or ``{}`` when it cannot be read as a mapping."""
    try:
        doc = parse_yaml((root / profile_rel(account_id)).read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return {}
    return doc.data if isinstance(doc.data, dict) else {}


def show(value: Any, lang: Lang) -> str:
    """Any profile value as text: localized maps in ``lang`` (falling back), lists joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(show(v, lang) for v in value)
    if isinstance(value, dict):
        return text(value, lang) if set(value) <= {"ja", "en"} else ""
    return str(value)


def money(value: Any, lang: Lang) -> str:
    """``{amount, currency}`` formatted for ``lang``; anything malformed as text."""
    if value is None:
        return ""
    try:
        return format_money(Money.model_validate(value), lang)
    except ValidationError:
        return str(value)


def money_total(values: list[Any], lang: Lang) -> tuple[str, float]:
    """The sum of amounts per currency, formatted (joined by ' + '), and a sort key."""
    totals: dict[str, float] = {}
    for value in values:
        try:
            item = Money.model_validate(value)
        except ValidationError:
            continue
        totals[item.currency] = totals.get(item.currency, 0.0) + float(item.amount)
    shown = " + ".join(
        format_money(Money(amount=amount, currency=code), lang) for code, amount in totals.items()
    )
    return shown, sum(totals.values())


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [v if isinstance(v, dict) else {} for v in value]


def open_pipeline(data: dict[str, Any], lang: Lang) -> tuple[str, float]:
    """The value of the account's open opportunities."""
    values = [
        o.get("value")
        for o in _items(data, "opportunities")
        if o.get("stage", "discovery") in OPEN_STAGES
    ]
    return money_total([v for v in values if v is not None], lang)


def last_builds(manifest: Manifest) -> dict[str, int]:
    """Account id -> modification time (ns) of its newest document."""
    newest: dict[str, int] = {}
    for entry in manifest.entries.values():
        newest[entry.account] = max(newest.get(entry.account, 0), entry.mtime_ns)
    return newest


def when(ns: int, lang: Lang) -> str:
    """A build time for people: ``2026/11/25 14:05`` / ``Nov 25, 2026 14:05``."""
    if ns <= 0:
        return ""
    moment = dt.datetime.fromtimestamp(ns / 1e9)
    return f"{format_short_date(moment.date(), lang)} {moment:%H:%M}"


@dataclass
class AccountRow:
    """One line of the account list."""

    id: str
    name: str
    name_en: str
    tier: str
    industry: str
    locale: str
    pipeline: str
    pipeline_value: float
    errors: int
    warnings: int
    last_build: str
    owner: str

    def matches(self, query: str) -> bool:
        """True when the search ``query`` appears in the name, id, industry or owner."""
        needle = query.casefold().strip()
        haystack = " ".join((self.id, self.name, self.name_en, self.industry, self.owner))
        return not needle or needle in haystack.casefold()


def account_rows(ws: Workspace, lang: Lang) -> list[AccountRow]:
    """Every account of the workspace, valid or not, sorted by id."""
    builds = last_builds(Manifest(ws.root))
    rows = []
    for account_id in ws.all_account_ids():
        data = read_raw(ws.root, account_id)
        problems = profile_problems(ws, account_id)
        shown, total = open_pipeline(data, lang)
        owners = data.get("owners") if isinstance(data.get("owners"), dict) else {}
        rows.append(
            AccountRow(
                id=account_id,
                name=show(data.get("name"), lang) or account_id,
                name_en=show(data.get("name_en"), lang),
                tier=show(data.get("tier"), lang),
                industry=show(data.get("industry"), lang),
                locale=show(data.get("locale"), lang),
                pipeline=shown,
                pipeline_value=total,
                errors=sum(p.severity == "error" for p in problems),
                warnings=sum(p.severity == "warning" for p in problems),
                last_build=when(builds.get(account_id, 0), lang),
                owner=" ".join(show(v, lang) for v in (owners or {}).values()),
            )
        )
    return rows


@dataclass
class Filters:
    """The filters of the account list."""

    tier: str = ""
    industry: str = ""
    locale: str = ""
    q: str = ""

    def apply(self, rows: list[AccountRow]) -> list[AccountRow]:
        """The rows that pass every filter."""
        return [
            r
            for r in rows
            if (not self.tier or r.tier == self.tier)
            and (not self.industry or r.industry == self.industry)
            and (not self.locale or r.locale == self.locale)
            and r.matches(self.q)
        ]

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.tier or self.industry or self.locale or self.q)


@dataclass
class Placed:
    """Problems sorted by where they belong: the profile as a whole, or one list item."""

    general: list[Problem] = field(default_factory=list)
    items: dict[tuple[str, int], list[Problem]] = field(default_factory=dict)

    def at(self, section: str, index: int) -> list[Problem]:
        """The problems of item ``index`` of ``section``."""
        return self.items.get((section, index), [])


def place_problems(problems: list[Problem]) -> Placed:
    """Attach each problem to the list item its field names (``stakeholders.2.role``)."""
    placed = Placed()
    for problem in problems:
        parts = problem.field.split(".")
        index = small_number(parts[1]) if len(parts) >= 2 else None
        if parts[0] in LIST_SECTIONS and index is not None:
            placed.items.setdefault((parts[0], index), []).append(problem)
        else:
            placed.general.append(problem)
    return placed


def _persona_title(library: Library | None, role: str, lang: Lang) -> str:
    if library is not None and role in library.personas:
        return text(library.personas[role].title, lang)
    return role


def _product_name(library: Library | None, product: str) -> str:
    if library is not None:
        for item in library.seller.products:
            if item.id == product:
                return item.name
    return product


def _competitor_name(library: Library | None, competitor: str) -> str:
    if library is not None and competitor in library.battlecards:
        return library.battlecards[competitor].name
    return competitor


def _date(value: Any, lang: Lang) -> str:
    if isinstance(value, dt.date):
        return format_short_date(value, lang)
    return show(value, lang)


def account_page(ws: Workspace, account_id: str, lang: Lang) -> dict[str, Any]:
    """Everything the account page shows, in ``lang``; lists sorted for reading."""
    data = read_raw(ws.root, account_id)
    library = ws.library
    problems = profile_problems(ws, account_id)
    placed = place_problems(problems)
    owners = data.get("owners") if isinstance(data.get("owners"), dict) else {}
    employees = data.get("employees")
    people: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    for index, person in enumerate(_items(data, "stakeholders")):
        role = show(person.get("role"), lang)
        names[show(person.get("id"), lang)] = show(person.get("name"), lang)
        priorities = person.get("priorities")
        people.append(
            {
                "index": index,
                "id": show(person.get("id"), lang),
                "name": show(person.get("name"), lang),
                "title": show(person.get("title"), lang),
                "role": _persona_title(library, role, lang),
                "influence": show(person.get("influence"), lang),
                "influence_label": enum_label(
                    "influence", show(person.get("influence"), lang), lang
                ),
                "priorities": [show(p, lang) for p in priorities]
                if isinstance(priorities, list)
                else [],
                "notes": show(person.get("notes"), lang),
                "problems": placed.at("stakeholders", index),
            }
        )
    people.sort(key=lambda p: (INFLUENCE_ORDER.get(p["influence"], 9), p["index"]))
    challenges: list[dict[str, Any]] = [
        {
            "index": index,
            "title": show(item.get("title"), lang),
            "detail": show(item.get("detail"), lang),
            "impact": show(item.get("impact") or "medium", lang),
            "tags": item.get("tags") if isinstance(item.get("tags"), list) else [],
            "problems": placed.at("challenges", index),
        }
        for index, item in enumerate(_items(data, "challenges"))
    ]
    challenges.sort(key=lambda c: (IMPACT_ORDER.get(c["impact"], 9), c["index"]))
    opportunities = [
        {
            "product": _product_name(library, show(item.get("product"), lang)),
            "kind": show(item.get("kind") or "new", lang),
            "stage": show(item.get("stage") or "discovery", lang),
            "value": money(item.get("value"), lang),
            "close_date": _date(item.get("close_date"), lang),
            "problems": placed.at("opportunities", index),
        }
        for index, item in enumerate(_items(data, "opportunities"))
    ]
    competitors = [
        {
            "name": _competitor_name(library, show(item.get("id"), lang)),
            "status": show(item.get("status") or "evaluating", lang),
            "notes": show(item.get("notes"), lang),
            "problems": placed.at("competitors", index),
        }
        for index, item in enumerate(_items(data, "competitors"))
    ]
    engagement: list[dict[str, Any]] = [
        {
            "sort": str(item.get("date", "")),
            "date": _date(item.get("date"), lang),
            "kind": show(item.get("kind"), lang),
            "who": names.get(
                show(item.get("stakeholder"), lang), show(item.get("stakeholder"), lang)
            ),
            "summary": show(item.get("summary"), lang),
            "problems": placed.at("engagement", index),
        }
        for index, item in enumerate(_items(data, "engagement"))
    ]
    engagement.sort(key=lambda e: e["sort"], reverse=True)
    pipeline, _ = open_pipeline(data, lang)
    goals = data.get("business_goals")
    return {
        "id": account_id,
        "name": show(data.get("name"), lang) or account_id,
        "name_en": show(data.get("name_en"), lang),
        "tier": show(data.get("tier"), lang),
        "industry": show(data.get("industry"), lang),
        "locale": show(data.get("locale"), lang),
        "segment": show(data.get("segment"), lang),
        "headquarters": show(data.get("headquarters"), lang),
        "employees": format_count(employees, lang) if isinstance(employees, int) else "",
        "revenue": money(data.get("annual_revenue"), lang),
        "website": show(data.get("website"), lang),
        "summary": show(data.get("summary"), lang),
        "goals": [show(g, lang) for g in goals] if isinstance(goals, list) else [],
        "owner_sales": show((owners or {}).get("sales"), lang),
        "owner_marketing": show((owners or {}).get("marketing"), lang),
        "pipeline": pipeline,
        "people": people,
        "challenges": challenges,
        "opportunities": opportunities,
        "competitors": competitors,
        "engagement": engagement[:8],
        "errors": [p for p in problems if p.severity == "error"],
        "warnings": [p for p in problems if p.severity == "warning"],
        "general_problems": placed.general,
        "valid": account_id in ws.accounts,
    }
