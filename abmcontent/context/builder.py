"""Build the render context: everything a template sees for one (account, audience, doc).

:func:`build_context` is pure: same inputs, same output. The result is plain JSON-like
data (dicts, lists, strings, numbers) with every text already in the account's locale and
every amount and date already formatted, so templates stay simple and the context can be
saved next to a document to explain it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from abmcontent.audience_classes import AudienceClass
from abmcontent.context.audiences import Audience
from abmcontent.context.business_case import business_case
from abmcontent.context.business_inputs import most_common_currency
from abmcontent.context.colors import readable_on_white, tint
from abmcontent.context.customer import customer_account, customer_library
from abmcontent.context.inputs import DocumentInputs
from abmcontent.context.localize import text, texts
from abmcontent.context.market import market_context
from abmcontent.context.personas import persona_context
from abmcontent.context.ranking import OPEN_STAGES, RankedChallenge, is_open, rank_challenges
from abmcontent.context.reader_ranking import rank_for_reader
from abmcontent.context.relevance import ProductChoice
from abmcontent.context.storyline import build_storyline
from abmcontent.context.strings import label, strings_for
from abmcontent.formatting import (
    chart_scale,
    format_count,
    format_date,
    format_money,
    format_number,
    format_short_date,
)
from abmcontent.layout import (
    CASE_STUDIES_DIR,
    COMPETITORS_DIR,
    PERSONAS_FILE,
    PROFILES_DIR,
    SELLER_FILE,
)
from abmcontent.loading.workspace import Library
from abmcontent.models import AccountProfile, Battlecard, CaseStudy, Money
from abmcontent.models.audience import is_internal
from abmcontent.models.common import Locale
from abmcontent.models.library import Claim
from abmcontent.models.profile import CompetitorRef, Opportunity, Owners, Stakeholder

Context = dict[str, Any]


@dataclass(frozen=True)
class _View:
    """Which fields the document may see: all of them, or the customer-safe ones only."""

    audience_class: AudienceClass

    def shows(self, model: type[Any], field_name: str) -> bool:
        """Whether keys built from ``model.field_name`` belong in the context."""
        return self.audience_class == "internal" or not is_internal(model, field_name)

    def keys(self, model: type[Any], field_name: str, entries: Callable[[], Context]) -> Context:
        """``entries()`` when ``model.field_name`` may be seen, else nothing (absent keys).

        ``entries`` is only called for a field the view shows: in a customer view the field
        is empty, and its keys are neither built nor present.
        """
        return entries() if self.shows(model, field_name) else {}


#: characters XML 1.0 cannot hold (every document format is XML inside): removed from text
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: line and paragraph separators other than ``\n`` (text layout refuses some): become ``\n``
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def clean_text(value: Any) -> Any:
    r"""Copy JSON-like data with every string made safe for any document format.

    Characters XML cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are
    removed, and CR, NEL and the Unicode line/paragraph separators become ``\n``.
    """
    if isinstance(value, str):
        if _XML_ILLEGAL.search(value):
            value = _XML_ILLEGAL.sub("", value)
        return _LINE_BREAKS.sub("\n", value) if _LINE_BREAKS.search(value) else value
    if isinstance(value, dict):
        return {k: clean_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_text(v) for v in value]
    return value


@dataclass
class RenderContext:
    """The context of one document and the workspace files it was built from.

    Attributes:
        data: what the template sees.
        sources: workspace-relative paths of the profile and library files used.
        selection_key: a hash of the library fields that decide which entries are chosen
            (so editing the text of an unchosen story does not make a document stale).
    """

    data: Context
    sources: list[str] = field(default_factory=list)
    selection_key: str = ""


def _image(root: Path, relative: str | None) -> str | None:
    """Absolute path of a workspace image (already checked by validation), or ``None``."""
    if not relative:
        return None
    return str((root / relative).resolve())


def _money_total(values: list[Money], locale: Locale) -> str:
    """Sum per currency and format, joined with ' + ' when several currencies are mixed."""
    totals: dict[str, float] = {}
    for value in values:
        totals[value.currency] = totals.get(value.currency, 0.0) + float(value.amount)
    return " + ".join(
        format_money(Money(amount=amount, currency=code), locale) for code, amount in totals.items()
    )


def _in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: ``Finance leader`` -> ``finance leader``.

    Acronyms (``IT leader``) and non-Latin titles are left as they are.
    """
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _stakeholder(
    person: Stakeholder, account: AccountProfile, library: Library, locale: Locale, view: _View
) -> Context:
    persona = library.personas.get(person.role)
    strings = strings_for(locale)
    found: Context = {
        "id": person.id,
        "name": person.name,
        "addressee": strings["honorific"].format(name=person.name),
        "title": person.title or "",
        "role": person.role,
        "role_title": text(persona.title, locale) if persona else person.role,
        "priorities": [text(p, locale) for p in person.priorities],
    }
    found |= view.keys(
        Stakeholder,
        "influence",
        lambda: {
            "influence": person.influence or "",
            "influence_label": label("influence", person.influence, locale)
            if person.influence
            else "",
        },
    )
    found |= view.keys(
        Stakeholder,
        "stance",
        lambda: {
            "stance": person.stance or "",
            "stance_label": label("stance", person.stance, locale) if person.stance else "",
        },
    )
    found |= view.keys(Stakeholder, "notes", lambda: {"notes": text(person.notes, locale)})
    if view.shows(AccountProfile, "engagement"):
        events = sorted(
            (e for e in account.engagement if e.stakeholder == person.id),
            key=lambda e: e.date,
            reverse=True,
        )
        last = events[0] if events else None
        found["last_engagement"] = (
            None
            if last is None
            else {
                "date": last.date.isoformat(),
                "date_text": format_short_date(last.date, locale),
                "kind": last.kind,
                "kind_label": label("engagement_kind", last.kind, locale),
                "summary": text(last.summary, locale),
            }
        )
    return found


def _challenge(ranked: RankedChallenge, locale: Locale) -> Context:
    c = ranked.challenge
    return {
        "id": c.id,
        "title": text(c.title, locale),
        "detail": text(c.detail, locale),
        "impact": c.impact,
        "impact_label": label("impact", c.impact, locale),
        "tags": list(c.tags),
        "owners": list(c.owners),
        "owned_by_audience": ranked.owned,
        "score": ranked.score,
    }


def _claim(claim: Claim, criteria: dict[str, str], locale: Locale) -> Context:
    def side(value: Any) -> Context:
        return {
            "text": text(value.text, locale),
            "source": text(value.source, locale),
            "as_of": value.as_of.isoformat(),
            "as_of_text": format_short_date(value.as_of, locale),
        }

    return {
        "criterion": claim.criterion,
        "criterion_label": criteria.get(
            claim.criterion, label("criterion", claim.criterion, locale)
        ),
        "competitor": side(claim.competitor),
        "ours": side(claim.ours),
    }


def _claim_sources(claims: list[Claim], locale: Locale) -> list[str]:
    """Each source the claims cite, once, with the date: ``IDC 2025 (2025/6/1)``."""
    found: list[str] = []
    for claim in claims:
        for side in (claim.competitor, claim.ours):
            source = text(side.source, locale)
            entry = f"{source} ({format_short_date(side.as_of, locale)})"
            if locale == "ja":
                entry = f"{source}（{format_short_date(side.as_of, locale)}）"
            if entry not in found:
                found.append(entry)
    return found


def _competitor(
    ref: CompetitorRef,
    library: Library,
    locale: Locale,
    view: _View,
    criteria: dict[str, str],
    weighed: list[str],
) -> Context:
    """A competitor as templates see it; its claims on what the reader weighs come first."""
    card = library.battlecards[ref.id]
    order = {key: index for index, key in enumerate(weighed)}
    claims = sorted(card.claims, key=lambda c: order.get(c.criterion, len(order)))
    found: Context = {
        "id": card.id,
        "name": card.name,
        "positioning": text(card.positioning, locale),
        "differentiators": texts(card.our_differentiators, locale),
        "claims": [_claim(c, criteria, locale) for c in claims],
        "sources": _claim_sources(claims, locale),
    }
    found |= view.keys(
        CompetitorRef,
        "status",
        lambda: {
            "status": ref.status,
            "status_label": label("competitor_status", ref.status, locale),
        },
    )
    found |= view.keys(CompetitorRef, "notes", lambda: {"notes": text(ref.notes, locale)})
    found |= view.keys(
        Battlecard, "strengths", lambda: {"strengths": texts(card.strengths, locale)}
    )
    found |= view.keys(
        Battlecard, "weaknesses", lambda: {"weaknesses": texts(card.weaknesses, locale)}
    )
    found |= view.keys(
        Battlecard, "landmines", lambda: {"landmines": texts(card.landmines, locale)}
    )
    found |= view.keys(
        Battlecard,
        "objections",
        lambda: {
            "objections": [
                {"objection": text(o.objection, locale), "response": text(o.response, locale)}
                for o in card.objections
            ]
        },
    )
    return found


def _deal_name(o: Opportunity, product_names: dict[str, str]) -> str:
    """The product a deal is for, else (internal view only) its name in the CRM."""
    if o.product:
        return product_names.get(o.product, o.product)
    return o.name or ""


def _opportunity(
    o: Opportunity, product_names: dict[str, str], locale: Locale, view: _View
) -> Context:
    found: Context = {
        "product_id": o.product or "",
        "product": _deal_name(o, product_names),
        "value": format_money(o.value, locale),
        "amount": float(o.value.amount) if o.value else 0.0,
        "currency": o.value.currency if o.value else "",
    }
    found |= view.keys(
        Opportunity,
        "kind",
        lambda: {"kind": o.kind, "kind_label": label("opportunity_kind", o.kind, locale)},
    )
    found |= view.keys(
        Opportunity,
        "stage",
        lambda: {
            "stage": o.stage,
            "stage_label": label("stage", o.stage, locale),
            "open": o.stage in OPEN_STAGES,
        },
    )
    found |= view.keys(
        Opportunity,
        "close_date",
        lambda: {"close_date": format_date(o.close_date, locale) if o.close_date else ""},
    )
    found |= view.keys(Opportunity, "notes", lambda: {"notes": text(o.notes, locale)})
    return found


def _result_display(value: float, unit: str, locale: Locale) -> str:
    number = format_number(value, locale)
    if value > 0 and unit == "%":
        number = f"+{number}"
    if unit in ("%", ""):
        return f"{number}{unit}"
    return f"{number}{unit}" if locale == "ja" else f"{number} {unit}"


def _case_study(
    story: CaseStudy,
    score: float,
    reasons: list[str],
    locale: Locale,
    product_names: dict[str, str],
) -> Context:
    results = []
    for r in story.results:
        unit = text(r.unit, locale)
        results.append(
            {
                "metric": text(r.metric, locale),
                "value": r.value,
                "unit": unit,
                "display": _result_display(r.value, unit, locale),
                "magnitude": abs(r.value),
            }
        )
    percent = [r for r in results if r["unit"] == "%"]
    chart = {
        "categories": [r["metric"] for r in percent],
        "series": [
            {
                "name": "%",
                "values": [r["magnitude"] for r in percent],
            }
        ],
    }
    joiner = "。" if locale == "ja" else ". "
    return {
        "id": story.id,
        "title": text(story.title, locale),
        "customer": text(story.customer, locale),
        "industry": story.industry,
        "industry_label": label("industry", story.industry, locale),
        "segment": story.segment or "",
        "locale": story.locale,
        "products": [product_names.get(p, p) for p in story.products],
        "situation": text(story.situation, locale),
        "solution": text(story.solution, locale),
        "outcome": text(story.outcome, locale),
        "results": results,
        "results_chart": chart,
        "has_chart": bool(percent),
        "headline_result": results[0]["display"] if results else "",
        "quote": None
        if story.quote is None
        else {
            "text": text(story.quote.text, locale),
            "by": story.quote.by,
            "title": text(story.quote.title, locale),
        },
        "score": round(score, 2),
        "reasons": reasons,
        "reason": joiner.join(r.rstrip("。.") for r in reasons) + ("。" if locale == "ja" else "."),
    }


#: how many priorities a generic reader is given
MAX_FALLBACK_PRIORITIES = 5


def _with_priorities(
    persona: Context, readers: list[Context], account: AccountProfile, locale: Locale
) -> Context:
    """``persona``, with priorities even when its role has none (the whole account, say).

    A document must not show an empty "what matters" panel: a persona without priorities
    takes its readers' own priorities, else the account's business goals, else its
    challenges ranked by impact.
    """
    if persona["priorities"]:
        return persona
    found: list[str] = []
    for reader in readers:
        found.extend(p for p in reader["priorities"] if p and p not in found)
    if not found:
        found = [g for g in (text(goal, locale) for goal in account.business_goals) if g]
    if not found:
        found = [text(r.challenge.title, locale) for r in rank_challenges(account, None)]
    return {**persona, "priorities": found[:MAX_FALLBACK_PRIORITIES]}


def _audience(
    audience: Audience,
    account: AccountProfile,
    library: Library,
    locale: Locale,
    stakeholders: dict[str, Context],
    account_name: str,
    view: _View,
) -> Context:
    strings = strings_for(locale)
    persona_model = library.personas.get(audience.role) if audience.role else None
    persona = persona_context(
        audience.role, persona_model, locale, internal=view.audience_class == "internal"
    )
    if audience.kind == "stakeholder":
        readers = [stakeholders[audience.id]]
    elif audience.kind == "role":
        readers = [s for s in stakeholders.values() if s["role"] == audience.role]
    else:
        readers = list(stakeholders.values())
    persona = _with_priorities(persona, readers, account, locale)
    if audience.kind == "stakeholder":
        person = readers[0]
        title = person["title"] or person["role_title"]
        return {
            "kind": "stakeholder",
            "id": audience.id,
            "role": audience.role,
            "name": person["name"],
            "addressee": person["addressee"],
            "title": title,
            "label": strings["audience_stakeholder"].format(name=person["name"], title=title),
            "persona": persona,
            "stakeholder": person,
            "stakeholders": readers,
        }
    if audience.kind == "role":
        return {
            "kind": "role",
            "id": audience.id,
            "role": audience.role,
            "name": persona["title"],
            "addressee": strings["role_addressee"].format(title=_in_sentence(persona["title"])),
            "title": persona["title"],
            "label": strings["audience_role"].format(title=_in_sentence(persona["title"])),
            "persona": persona,
            "stakeholder": None,
            "stakeholders": readers,
        }
    return {
        "kind": "account",
        "id": audience.id,
        "role": None,
        "name": persona["title"],
        "addressee": account_name,
        "title": persona["title"],
        "label": strings["audience_account"].format(account=account_name),
        "persona": persona,
        "stakeholder": None,
        "stakeholders": readers,
    }


def selection_key(library: Library) -> str:
    """Hash of the library fields that decide which stories and products are chosen."""
    fields = {
        "stories": [
            [s.id, s.industry, s.segment, s.locale, s.challenge_tags, s.products, s.roles]
            for s in sorted(library.case_studies.values(), key=lambda s: s.id)
        ],
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


def build_context(
    library: Library,
    account: AccountProfile,
    audience: Audience,
    *,
    doc: str,
    root: Path,
    today: dt.date,
    view: AudienceClass | None = None,
) -> RenderContext:
    """Build what a template sees for ``account`` and ``audience``.

    A customer document's context is built from the customer view of the account and the
    library (:mod:`abmcontent.context.customer`): internal fields are absent from it.

    Args:
        library: the loaded content library.
        account: a valid account profile.
        audience: the reader (see :func:`abmcontent.context.audiences.audiences_for`).
        doc: the document id (``proposal``, ``competitive``, ...).
        root: the workspace root, to resolve image paths.
        today: the document date (a visit date for briefings).
        view: the view to build (``validate`` compares both); the document's class by default.

    Returns:
        The context and the files it used.
    """
    from abmcontent.documents import document  # documents name context builders: import late

    spec = document(doc)
    audience_class: AudienceClass = view or spec.audience_class
    sources = _sources(library, account)
    key = selection_key(library)
    role_title = (
        text(library.personas[audience.role].title, account.locale)
        if (audience.role and audience.role in library.personas)
        else strings_for(account.locale)["generic_persona_title"]
    )
    ranking = rank_for_reader(
        library, account, audience.role, role_title, internal=audience_class == "internal"
    )
    if audience_class == "customer":
        account = customer_account(account)
        library = customer_library(library)
    shown = _View(audience_class)
    locale: Locale = account.locale
    strings = _strings(locale)
    seller = library.seller
    company = seller.company
    seller_name = company.name if locale == "ja" or not company.name_en else company.name_en
    account_name = account.name if locale == "ja" or not account.name_en else account.name_en
    product_names = {p.id: p.name for p in seller.products}
    criteria = {k: text(v, locale) for k, v in seller.criteria.items()}

    stakeholders = {
        s.id: _stakeholder(s, account, library, locale, shown) for s in account.stakeholders
    }
    ranked = ranking.challenges
    opportunities = [_opportunity(o, product_names, locale, shown) for o in account.opportunities]
    open_deals = [o for o in account.opportunities if is_open(o)]
    audience_ctx = _audience(audience, account, library, locale, stakeholders, account_name, shown)
    colors = company.colors
    account_ctx: Context = {
        "id": account.id,
        "name": account_name,
        "legal_name": account.name,
        "name_en": account.name_en or account.name,
        "locale": locale,
        "industry": account.industry,
        "industry_label": label("industry", account.industry, locale),
        "headquarters": account.headquarters or "",
        "employees": account.employees,
        "employees_text": format_count(account.employees, locale)
        if account.employees is not None
        else "",
        "annual_revenue": format_money(account.annual_revenue, locale),
        "website": account.website or "",
        "logo": _image(root, account.logo),
        "summary": text(account.summary, locale),
        "business_goals": [text(g, locale) for g in account.business_goals],
        "challenges": [_challenge(r, locale) for r in rank_challenges(account, None)],
        "stakeholders": list(stakeholders.values()),
        "opportunities": opportunities,
        "open_pipeline": _money_total([o.value for o in open_deals if o.value], locale),
        "contact": _contact(account, locale),
    }
    account_ctx |= shown.keys(
        AccountProfile,
        "tier",
        lambda: {"tier": account.tier, "tier_label": label("tier", account.tier, locale)},
    )
    account_ctx |= shown.keys(
        AccountProfile,
        "segment",
        lambda: {
            "segment": account.segment or "",
            "segment_label": label("segment", account.segment, locale) if account.segment else "",
        },
    )
    account_ctx |= shown.keys(
        AccountProfile,
        "engagement",
        lambda: {"engagement": _engagement(account, stakeholders, locale)},
    )
    account_ctx |= shown.keys(AccountProfile, "owners", lambda: {"owners": _owners(account.owners)})
    data: Context = {
        "doc": doc,
        "document": {
            "id": spec.id,
            "name": spec.name(locale),
            "audience_class": spec.audience_class,
            "internal": spec.internal,
            "classification": strings["internal_label"] if spec.internal else "",
        },
        "locale": locale,
        "today": today.isoformat(),
        "date_text": format_date(today, locale),
        "strings": strings,
        "footer": _footer(spec.internal, account_name, strings),
        "account": account_ctx,
        "audience": audience_ctx,
        "persona": audience_ctx["persona"],
        "seller": {
            "name": seller_name,
            "legal_name": company.name,
            "tagline": text(company.tagline, locale),
            "logo": _image(root, company.logo),
            "colors": {
                "primary": colors.primary.upper(),
                "accent": colors.accent.upper(),
                "text": colors.text.upper(),
                "primary_text": readable_on_white(colors.primary),
                "accent_text": readable_on_white(colors.accent),
                "primary_light": tint(colors.primary, 0.88),
                "accent_light": tint(colors.accent, 0.85),
            },
            "products": [
                {"id": p.id, "name": p.name, "summary": text(p.summary, locale)}
                for p in seller.products
            ],
        },
    }
    if "challenges" in spec.sections:
        data["challenges"] = [_challenge(r, locale) for r in ranked]
    if "solutions" in spec.sections:
        data |= _solutions(ranking.products, audience.role, locale)
    if "case_studies" in spec.sections:
        stories = ranking.stories
        data["case_studies"] = [
            _case_study(m.story, m.score, m.reasons, locale, product_names) for m in stories
        ]
        sources += [f"{CASE_STUDIES_DIR}/{m.story.id}.yaml" for m in stories]
    if "competitors" in spec.sections:
        weighed = audience_ctx["persona"].get("criteria", [])
        data["competitors"] = [
            _competitor(ref, library, locale, shown, criteria, weighed)
            for ref in account.competitors
        ]
    if "investment" in spec.sections:
        data |= _investment(open_deals, product_names, locale)
    if "market" in spec.sections:
        data["market"] = market_context(account.market, locale)
    if "business_case" in spec.sections:
        data["business_case"] = business_case(account, product_names, locale)
    if "storyline" in spec.sections:
        persona_model = library.personas.get(audience.role) if audience.role else None
        data["storyline"] = build_storyline(
            data,
            audience_ctx["persona"]["proof"],
            list(persona_model.storyline) if persona_model and persona_model.storyline else None,
        )
    extend = spec.extension()
    if extend is not None:
        inputs = DocumentInputs(
            library, account, audience, locale, root, today, audience_class, data
        )
        data |= extend(inputs)
    return RenderContext(data=clean_text(data), sources=sources, selection_key=key)


def _sources(library: Library, account: AccountProfile) -> list[str]:
    """The workspace files a context of ``account`` is built from (stories added later)."""
    company = library.seller.company
    sources = [f"{PROFILES_DIR}/{account.id}.yaml", SELLER_FILE, PERSONAS_FILE]
    sources += [f"{COMPETITORS_DIR}/{ref.id}.yaml" for ref in account.competitors]
    sources += [image for image in (account.logo, company.logo) if image]
    return sources


def _strings(locale: Locale) -> dict[str, str]:
    """The document strings, with each document's name as ``<doc>_report``.

    Templates of earlier versions name their cover that way.
    """
    from abmcontent.documents import DOCUMENTS

    strings = strings_for(locale)
    for spec in DOCUMENTS.values():
        strings[f"{spec.id.replace('-', '_')}_report"] = spec.name(locale)
    return strings


def _footer(internal: bool, account_name: str, strings: dict[str, str]) -> str:
    """The running footer: "prepared for" the account, or the internal label."""
    if internal:
        return f"{account_name} · {strings['internal_label']}"
    return strings["footer"].format(account=account_name)


def _contact(account: AccountProfile, locale: Locale) -> Context | None:
    contact = account.contact
    if contact is None:
        return None
    return {
        "name": contact.name,
        "title": text(contact.title, locale),
        "email": contact.email or "",
        "phone": contact.phone or "",
    }


def _owners(owners: Owners | None) -> Context:
    return {
        "sales": owners.sales if owners and owners.sales else "",
        "marketing": owners.marketing if owners and owners.marketing else "",
    }


def _engagement(
    account: AccountProfile, stakeholders: dict[str, Context], locale: Locale
) -> list[Context]:
    return [
        {
            "date": e.date.isoformat(),
            "date_text": format_short_date(e.date, locale),
            "kind": e.kind,
            "kind_label": label("engagement_kind", e.kind, locale),
            "stakeholder_id": e.stakeholder or "",
            "stakeholder": stakeholders[e.stakeholder]["name"]
            if e.stakeholder in stakeholders
            else "",
            "summary": text(e.summary, locale),
        }
        for e in sorted(account.engagement, key=lambda e: e.date, reverse=True)
    ]


def _solutions(choice: ProductChoice, role_key: str | None, locale: Locale) -> Context:
    """The products pitched (``solutions``) and those left out, each with its reasons."""
    solutions = [
        {
            "id": m.product.id,
            "name": m.product.name,
            "summary": text(m.product.summary, locale),
            "value": text(m.product.value_by_role.get(role_key), locale)
            if role_key and role_key in m.product.value_by_role
            else text(m.product.summary, locale),
            "values_by_role": {k: text(v, locale) for k, v in m.product.value_by_role.items()},
            "challenges": [text(c.title, locale) for c in m.challenges],
            "challenge_ids": [c.id for c in m.challenges],
            "in_pipeline": m.in_pipeline,
            "reasons": m.reasons,
        }
        for m in choice.chosen
    ]
    left_out = [
        {"id": m.product.id, "name": m.product.name, "reasons": m.reasons} for m in choice.left_out
    ]
    return {"solutions": solutions, "solutions_left_out": left_out}


def _investment(
    open_deals: list[Opportunity],
    product_names: dict[str, str],
    locale: Locale,
) -> Context:
    """The investment chart: the open deals in the account's main currency, by product."""
    invested = [
        (_deal_name(o, product_names), float(o.value.amount), o.value.currency)
        for o in open_deals
        if o.value and o.value.amount
    ]
    currencies = [currency for _, _, currency in invested]
    main_currency = most_common_currency(currencies)
    invested = [entry for entry in invested if entry[2] == main_currency]
    divisor, unit = chart_scale([amount for _, amount, _ in invested], main_currency, locale)
    return {
        "investment_chart": {
            "categories": [name for name, _, _ in invested],
            "series": [
                {"name": unit, "values": [round(amount / divisor, 2) for _, amount, _ in invested]}
            ],
        },
        "has_investment_chart": bool(invested),
        "investment_unit": unit,
    }
