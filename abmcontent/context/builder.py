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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from abmcontent.context.audiences import Audience
from abmcontent.context.briefing import build_briefing
from abmcontent.context.colors import readable_on_white, tint
from abmcontent.context.localize import text, texts
from abmcontent.context.ranking import (
    OPEN_STAGES,
    RankedChallenge,
    match_products,
    rank_case_studies,
    rank_challenges,
)
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
from abmcontent.models import AccountProfile, CaseStudy, Money, Persona
from abmcontent.models.common import Locale
from abmcontent.models.profile import Stakeholder

Context = dict[str, Any]

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


def _persona(key: str | None, persona: Persona | None, locale: Locale) -> Context:
    strings = strings_for(locale)
    if persona is None or key is None:
        return {
            "key": key or "",
            "title": strings["generic_persona_title"],
            "priorities": [],
            "kpis": [],
            "proof": "strategic",
            "proof_label": label("proof", "strategic", locale),
            "tone": "",
            "call_to_action": strings["generic_call_to_action"],
            "generic": True,
        }
    return {
        "key": key,
        "title": text(persona.title, locale),
        "priorities": texts(persona.priorities, locale),
        "kpis": list(persona.kpis),
        "proof": persona.proof,
        "proof_label": label("proof", persona.proof, locale),
        "tone": text(persona.tone, locale),
        "call_to_action": text(persona.call_to_action, locale) or strings["generic_call_to_action"],
        "generic": False,
    }


def _stakeholder(
    person: Stakeholder, account: AccountProfile, library: Library, locale: Locale
) -> Context:
    persona = library.personas.get(person.role)
    events = sorted(
        (e for e in account.engagement if e.stakeholder == person.id),
        key=lambda e: e.date,
        reverse=True,
    )
    last = events[0] if events else None
    strings = strings_for(locale)
    return {
        "id": person.id,
        "name": person.name,
        "addressee": strings["honorific"].format(name=person.name),
        "title": person.title or "",
        "role": person.role,
        "role_title": text(persona.title, locale) if persona else person.role,
        "influence": person.influence or "",
        "influence_label": label("influence", person.influence, locale) if person.influence else "",
        "priorities": [text(p, locale) for p in person.priorities],
        "notes": text(person.notes, locale),
        "last_engagement": None
        if last is None
        else {
            "date": last.date.isoformat(),
            "date_text": format_short_date(last.date, locale),
            "kind": last.kind,
            "kind_label": label("engagement_kind", last.kind, locale),
            "summary": text(last.summary, locale),
        },
    }


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


def _battlecard(ref: Any, library: Library, locale: Locale) -> Context:
    card = library.battlecards[ref.id]
    return {
        "id": card.id,
        "name": card.name,
        "status": ref.status,
        "status_label": label("competitor_status", ref.status, locale),
        "notes": text(ref.notes, locale),
        "positioning": text(card.positioning, locale),
        "strengths": texts(card.strengths, locale),
        "weaknesses": texts(card.weaknesses, locale),
        "differentiators": texts(card.our_differentiators, locale),
        "landmines": texts(card.landmines, locale),
        "objections": [
            {"objection": text(o.objection, locale), "response": text(o.response, locale)}
            for o in card.objections
        ],
    }


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
) -> Context:
    strings = strings_for(locale)
    persona_model = library.personas.get(audience.role) if audience.role else None
    persona = _persona(audience.role, persona_model, locale)
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
) -> RenderContext:
    """Build what a template sees for ``account`` and ``audience``.

    Args:
        library: the loaded content library.
        account: a valid account profile.
        audience: the reader (see :func:`abmcontent.context.audiences.audiences_for`).
        doc: the document id (``proposal``, ``competitive``, ...).
        root: the workspace root, to resolve image paths.
        today: the document date (a visit date for briefings).

    Returns:
        The context and the files it used.
    """
    locale: Locale = account.locale
    strings = strings_for(locale)
    seller = library.seller
    company = seller.company
    seller_name = company.name if locale == "ja" or not company.name_en else company.name_en
    account_name = account.name if locale == "ja" or not account.name_en else account.name_en
    product_names = {p.id: p.name for p in seller.products}
    role_title = (
        text(library.personas[audience.role].title, locale)
        if (audience.role and audience.role in library.personas)
        else strings["generic_persona_title"]
    )

    stakeholders = {s.id: _stakeholder(s, account, library, locale) for s in account.stakeholders}
    ranked = rank_challenges(account, audience.role)
    products = match_products(account, list(seller.products), ranked)
    stories = rank_case_studies(
        list(library.case_studies.values()),
        account,
        audience.role,
        role_title,
        ranked,
        product_names,
        locale,
    )
    competitors = [_battlecard(ref, library, locale) for ref in account.competitors]
    opportunities: list[Context] = [
        {
            "product_id": o.product,
            "product": product_names.get(o.product, o.product) if o.product else o.name or "",
            "kind": o.kind,
            "kind_label": label("opportunity_kind", o.kind, locale),
            "value": format_money(o.value, locale),
            "amount": float(o.value.amount) if o.value else 0.0,
            "currency": o.value.currency if o.value else "",
            "stage": o.stage,
            "stage_label": label("stage", o.stage, locale),
            "open": o.stage in OPEN_STAGES,
            "close_date": format_date(o.close_date, locale) if o.close_date else "",
        }
        for o in account.opportunities
    ]
    engagement = [
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
    open_values = [o.value for o in account.opportunities if o.value and o.stage in OPEN_STAGES]
    colors = company.colors
    audience_ctx = _audience(audience, account, library, locale, stakeholders, account_name)
    role_key = audience.role
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
        }
        for m in products
    ]
    invested = [o for o in opportunities if o["open"] and o["amount"]]
    currencies = [o["currency"] for o in invested]
    main_currency = max(set(currencies), key=currencies.count) if currencies else ""
    invested = [o for o in invested if o["currency"] == main_currency]
    divisor, unit = chart_scale([o["amount"] for o in invested], main_currency, locale)
    investment_chart = {
        "categories": [o["product"] for o in invested],
        "series": [
            {
                "name": unit,
                "values": [round(o["amount"] / divisor, 2) for o in invested],
            }
        ],
    }
    data: Context = {
        "doc": doc,
        "locale": locale,
        "today": today.isoformat(),
        "date_text": format_date(today, locale),
        "strings": strings,
        "footer": strings["footer"].format(account=account_name),
        "account": {
            "id": account.id,
            "name": account_name,
            "legal_name": account.name,
            "name_en": account.name_en or account.name,
            "locale": locale,
            "tier": account.tier,
            "tier_label": label("tier", account.tier, locale),
            "industry": account.industry,
            "industry_label": label("industry", account.industry, locale),
            "segment": account.segment or "",
            "segment_label": label("segment", account.segment, locale) if account.segment else "",
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
            "open_pipeline": _money_total(open_values, locale),
            "engagement": engagement,
            "owners": {
                "sales": account.owners.sales if account.owners else "",
                "marketing": account.owners.marketing if account.owners else "",
            },
        },
        "audience": audience_ctx,
        "persona": audience_ctx["persona"],
        "challenges": [_challenge(r, locale) for r in ranked],
        "solutions": solutions,
        "case_studies": [
            _case_study(m.story, m.score, m.reasons, locale, product_names) for m in stories
        ],
        "competitors": competitors,
        "investment_chart": investment_chart,
        "has_investment_chart": bool(invested),
        "investment_unit": unit,
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
    if doc == "briefing":
        data["briefing"] = build_briefing(
            data,
            {
                s.role: _persona(s.role, library.personas.get(s.role), locale)
                for s in account.stakeholders
            },
        )
    sources = [f"{PROFILES_DIR}/{account.id}.yaml", SELLER_FILE, PERSONAS_FILE]
    sources += [f"{CASE_STUDIES_DIR}/{m.story.id}.yaml" for m in stories]
    sources += [f"{COMPETITORS_DIR}/{ref.id}.yaml" for ref in account.competitors]
    for image in (account.logo, company.logo):
        if image:
            sources.append(image)
    return RenderContext(
        data=clean_text(data), sources=sources, selection_key=selection_key(library)
    )
