"""What to talk about on a visit: the suggested agenda and the questions for each attendee.

:func:`build_briefing` is a pure function over the (already localized) render context: the
account's challenges, goals and opportunities, each stakeholder's priorities and notes, the
personas of the roles present and the competitors' landmine questions. It returns plain data
that the briefing templates print, in the account's locale, as natural sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Context = dict[str, Any]

#: how many questions at most are suggested for one attendee
MAX_QUESTIONS = 4
#: how many challenges at most get their own agenda item
MAX_CHALLENGE_ITEMS = 2
#: the length of the meeting the agenda is planned for, in minutes
MEETING_MINUTES = 60
OPENING_MINUTES = 5
CLOSING_MINUTES = 10

#: the order attendees are listed in (who decides first)
INFLUENCE_ORDER = {"decision_maker": 0, "champion": 1, "influencer": 2, "blocker": 3, "user": 4}
#: who is asked the competitive landmine questions first (after the owners of a challenge)
LANDMINE_ORDER = {"champion": 0, "influencer": 1, "user": 2, "decision_maker": 3, "blocker": 4}
#: opportunities furthest along come first
STAGE_ORDER = {"negotiation": 0, "proposal": 1, "discovery": 2}

PHRASES: dict[str, dict[str, str]] = {
    "opening": {
        "ja": "ご挨拶と本日の目的の確認",
        "en": "Introductions and the purpose of the visit",
    },
    "opening_goal": {
        "ja": "「{goal}」に向けた優先順位を確認する",
        "en": "Confirm priorities behind “{goal}”",
    },
    "opening_plain": {
        "ja": "出席者の関心事と期待を確認する",
        "en": "Confirm each attendee's interests and expectations",
    },
    "challenge": {
        "ja": "{title}：現状と影響の確認",
        "en": "{title}: where it stands and what it costs",
    },
    "opportunity_late": {
        "ja": "{product}のご提案内容の確認（{stage}）",
        "en": "Walk through the {product} proposal ({stage})",
    },
    "opportunity_early": {
        "ja": "{product}の適用範囲の検討（{stage}）",
        "en": "Explore where {product} fits ({stage})",
    },
    "value_detail": {"ja": "想定金額 {value}", "en": "Estimated value {value}"},
    "closing": {"ja": "次のステップの合意", "en": "Agree on next steps"},
    "closing_detail": {"ja": "提案：{cta}", "en": "Propose: {cta}"},
    "q_priority": {
        "ja": "「{priority}」について、1年後にどのような状態を目指されていますか？",
        "en": "What would success on “{priority}” look like a year from now?",
    },
    "q_challenge": {
        "ja": "「{title}」は現在どの業務に最も影響していますか？これまでの対策も伺えますか？",
        "en": "Where does “{title}” hurt most today, and what has been tried so far?",
    },
    "q_persona": {
        "ja": "「{topic}」の観点で、今期もっとも重要なご判断は何ですか？",
        "en": "Looking at “{topic}”, what is the most important decision this year?",
    },
    "q_decision": {
        "ja": "{product}のご判断に向けて、どのような条件が揃えば前に進められますか？",
        "en": "What would {product} need to prove for you to move ahead?",
    },
    "q_concern": {
        "ja": "ご懸念を解消するために、私たちから何をお示しすればよいでしょうか？",
        "en": "What would you need to see from us to be comfortable moving forward?",
    },
    "q_generic": {
        "ja": "今回の取り組みで、最も重視される成果は何ですか？",
        "en": "Which outcome matters most to you in this initiative?",
    },
}


def _phrase(key: str, locale: str, **values: str) -> str:
    texts = PHRASES[key]
    return texts.get(locale, texts["en"]).format(**values)


def _minutes(count: int) -> list[int]:
    """Split the middle of the meeting over ``count`` items, in multiples of five minutes."""
    if count == 0:
        return []
    middle = MEETING_MINUTES - OPENING_MINUTES - CLOSING_MINUTES
    each = max(5, (middle // count) // 5 * 5)
    minutes = [each] * count
    minutes[0] += max(0, middle - each * count)
    return minutes


def _agenda(data: Mapping[str, Any], closing_cta: str, locale: str) -> list[Context]:
    account = data["account"]
    goals: list[str] = account.get("business_goals") or []
    items: list[Context] = [
        {
            "title": _phrase("opening", locale),
            "detail": _phrase("opening_goal", locale, goal=goals[0])
            if goals
            else _phrase("opening_plain", locale),
            "minutes": OPENING_MINUTES,
        }
    ]
    middle: list[Context] = []
    for challenge in (account.get("challenges") or [])[:MAX_CHALLENGE_ITEMS]:
        middle.append(
            {
                "title": _phrase("challenge", locale, title=challenge["title"]),
                "detail": challenge.get("detail", ""),
            }
        )
    open_opps = sorted(
        (o for o in account.get("opportunities") or [] if o.get("open")),
        key=lambda o: STAGE_ORDER.get(o.get("stage", ""), 9),
    )
    for opp in open_opps:
        key = "opportunity_early" if opp.get("stage") == "discovery" else "opportunity_late"
        middle.append(
            {
                "title": _phrase(key, locale, product=opp["product"], stage=opp["stage_label"]),
                "detail": _phrase("value_detail", locale, value=opp["value"])
                if opp.get("value")
                else "",
            }
        )
    for item, minutes in zip(middle, _minutes(len(middle)), strict=True):
        item["minutes"] = minutes
    items.extend(middle)
    items.append(
        {
            "title": _phrase("closing", locale),
            "detail": _phrase("closing_detail", locale, cta=closing_cta) if closing_cta else "",
            "minutes": CLOSING_MINUTES,
        }
    )
    return items


def _questions(
    person: Mapping[str, Any],
    persona: Mapping[str, Any] | None,
    challenges: list[Mapping[str, Any]],
    opportunities: list[Mapping[str, Any]],
    locale: str,
) -> list[str]:
    questions: list[str] = []
    owned = [c for c in challenges if person.get("role") in (c.get("owners") or [])]
    if owned:
        questions.append(_phrase("q_challenge", locale, title=owned[0]["title"]))
    if person.get("influence") == "blocker":
        questions.append(_phrase("q_concern", locale))
    for priority in person.get("priorities") or []:
        questions.append(_phrase("q_priority", locale, priority=priority))
    if person.get("influence") == "decision_maker":
        for opp in opportunities[:1]:
            questions.append(_phrase("q_decision", locale, product=opp["product"]))
    if persona and not persona.get("generic"):
        for topic in persona.get("priorities") or []:
            questions.append(_phrase("q_persona", locale, topic=topic))
    if not questions:
        questions.append(_phrase("q_generic", locale))
    return list(dict.fromkeys(questions))


def build_briefing(data: Mapping[str, Any], personas: Mapping[str, Mapping[str, Any]]) -> Context:
    """Derive the suggested agenda and the questions per attendee for a visit.

    Args:
        data: the render context built so far (``account``, ``competitors``, ``locale``...).
        personas: the persona context (``title``, ``priorities``, ``call_to_action``,
            ``generic``) of each role present in the account, by role key.

    Returns:
        ``agenda`` (items with ``title``, ``detail``, ``minutes``), ``attendees`` (each
        stakeholder with ``questions`` and ``watch_out``, decision makers first),
        ``landmines`` (``competitor``, ``status_label``, ``question``, ``ask``: the attendee
        best placed to answer) and ``has_*`` flags so templates never print empty sections.
    """
    locale = str(data.get("locale", "en"))
    account = data["account"]
    stakeholders: list[Mapping[str, Any]] = list(account.get("stakeholders") or [])
    people = sorted(stakeholders, key=lambda s: INFLUENCE_ORDER.get(s.get("influence") or "", 9))
    challenges: list[Mapping[str, Any]] = list(account.get("challenges") or [])
    open_opps = sorted(
        (o for o in account.get("opportunities") or [] if o.get("open")),
        key=lambda o: STAGE_ORDER.get(o.get("stage", ""), 9),
    )

    deciders = [p for p in people if p.get("influence") == "decision_maker"]
    lead = deciders[0] if deciders else (people[0] if people else None)
    lead_persona = personas.get(lead["role"]) if lead else None
    closing_cta = str(lead_persona.get("call_to_action", "")) if lead_persona else ""

    attendees: list[Context] = []
    for person in people:
        persona = personas.get(person.get("role", ""))
        questions = _questions(person, persona, challenges, open_opps, locale)
        attendees.append(
            {
                "id": person["id"],
                "name": person["name"],
                "addressee": person.get("addressee", person["name"]),
                "title": person.get("title") or person.get("role_title", ""),
                "role_title": person.get("role_title", ""),
                "influence": person.get("influence", ""),
                "influence_label": person.get("influence_label", ""),
                "questions": questions,
                "watch_out": person.get("notes", ""),
            }
        )

    def owns_challenge(person: Mapping[str, Any]) -> bool:
        return any(person.get("role") in (c.get("owners") or []) for c in challenges)

    # landmines go to whoever lives with the problem: challenge owners, champions first
    askers = sorted(
        people,
        key=lambda s: (not owns_challenge(s), LANDMINE_ORDER.get(s.get("influence") or "", 9)),
    )
    landmines: list[Context] = []
    for competitor in data.get("competitors") or []:
        if competitor.get("status") == "displaced":
            continue
        for question in competitor.get("landmines") or []:
            ask = askers[len(landmines) % len(askers)] if askers else None
            landmines.append(
                {
                    "competitor": competitor["name"],
                    "status_label": competitor.get("status_label", ""),
                    "question": question,
                    "ask": ask["name"] if ask else "",
                    "ask_id": ask["id"] if ask else "",
                }
            )
    for entry in landmines:
        for attendee in attendees:
            if attendee["id"] == entry["ask_id"]:
                position = min(1, len(attendee["questions"]))
                attendee["questions"].insert(position, entry["question"])
    for attendee in attendees:
        attendee["questions"] = list(dict.fromkeys(attendee["questions"]))[:MAX_QUESTIONS]

    agenda = _agenda(data, closing_cta, locale)
    return {
        "agenda": agenda,
        "attendees": attendees,
        "landmines": landmines,
        "has_attendees": bool(attendees),
        "has_landmines": bool(landmines),
        "meeting_minutes": sum(item["minutes"] for item in agenda),
    }
