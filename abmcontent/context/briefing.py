"""What to talk about on a visit: the suggested agenda and the questions for each attendee.

:func:`build_briefing` is a pure function over the (already localized) render context: the
account's challenges, goals and opportunities, each stakeholder's priorities and notes, the
personas of the roles present and the competitors' landmine questions. It returns plain data
that the briefing templates print, in the account's locale, as natural sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from abmcontent.context.inputs import DocumentInputs

Context = dict[str, Any]

#: how many questions at most are suggested for one attendee
MAX_QUESTIONS = 4
#: how many challenges at most get their own agenda item
MAX_CHALLENGE_ITEMS = 2
#: the length of the meeting the agenda is planned for, in minutes
MEETING_MINUTES = 60
OPENING_MINUTES = 5
CLOSING_MINUTES = 10

#: a briefing stays short for a large buying group: the people listed, and those given questions
MAX_BUYING_GROUP = 12
MAX_ATTENDEES = 8

#: the order attendees are listed in (who decides first)
INFLUENCE_ORDER = {"decision_maker": 0, "champion": 1, "influencer": 2, "blocker": 3, "user": 4}
#: who is asked the competitive landmine questions: champions and decision makers (challenge
#: owners first); the others only when the buying group has neither
LANDMINE_ORDER = {"champion": 0, "decision_maker": 1}
LANDMINE_FALLBACK_ORDER = {"influencer": 2, "user": 3, "blocker": 4}
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
    "q_generic": {
        "ja": "今回の取り組みで、最も重視される成果は何でしょうか？",
        "en": "If this initiative goes well, which result will matter most to you?",
    },
    "q_champion": {
        "ja": "社内でご理解を得ておくべき方はどなたでしょうか。ご説明に役立つ資料として、"
        "何をご用意すればよろしいですか？",
        "en": "Who else needs to be convinced, and how can we help you make the case internally?",
    },
    "q_concern": {
        "ja": "「{priority}」の面で、どのような点をお示しすれば安心して進めていただけますか？",
        "en": "{priority} — what would you need to see from us to be comfortable moving forward?",
    },
    "q_concern_plain": {
        "ja": "ご懸念を解消するために、私どもから何をお示しすればよろしいでしょうか？",
        "en": "What would you need to see from us to be comfortable moving forward?",
    },
    "q_past": {
        "ja": "これまで同様の取り組みで難しかった点があれば、お聞かせいただけますか？",
        "en": "What has made projects like this hard here before, and what should we do "
        "differently?",
    },
}

#: phrasings of the same kind of question, varied between attendees and within a list
VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    # a challenge the attendee owns (English: the title in lower case, in the sentence)
    "challenge": {
        "ja": (
            "「{title}」について、いま最も影響が出ているのはどの業務でしょうか。"
            "これまでの対策もお聞かせいただけますか？",
            "「{title}」は、ご担当の領域ではどのような形で表れていますか？"
            "これまでに試された取り組みも伺えますか？",
            "「{title}」への対応が進んだ場合、まず何が変わるとお考えでしょうか？",
        ),
        "en": (
            "When it comes to {title}, where is the impact biggest today, and what have you "
            "tried so far?",
            "Where do you feel {title} most in your part of the business, and what has been "
            "tried already?",
            "If you got on top of {title}, what would change first for your team?",
        ),
    },
    # a decision maker, about the opportunity furthest along
    "decision_late": {
        "ja": (
            "{product}のご提案について、ご判断いただくにはどのような条件が必要でしょうか。"
            "ほかにご意見を伺うべき方はいらっしゃいますか？",
            "{product}のご判断までに、御社内ではどのような手続きが必要で、"
            "いつ頃のご予定でしょうか？",
        ),
        "en": (
            "What would you need to see in the {product} proposal to take it to a decision, "
            "and who else will weigh in?",
            "Between now and a decision on {product}, what has to happen on your side, "
            "and by when?",
        ),
    },
    "decision_early": {
        "ja": (
            "{product}の効果が確認できた場合、ご判断まではどのような流れになりますか？"
            "関わる方もお教えいただけますか？",
            "{product}の導入をご検討いただく場合、どなたがどのような基準でご判断されますか？",
        ),
        "en": (
            "If {product} proves its value, what does the path to a decision look like, "
            "and who else weighs in?",
            "Should {product} prove itself, how would the decision be made, and by when?",
        ),
    },
    # the attendee's own priority, quoted as recorded (it may be a goal or a noun)
    "priority": {
        "ja": (
            "「{priority}」について、1年後にどのような状態になっていれば成功とお考えでしょうか？",
            "「{priority}」の進み具合は、現在どのような指標でご覧になっていますか？",
            "「{priority}」に向けて、いま障壁になっていることは何でしょうか？",
        ),
        "en": (
            "{priority} — what would good look like a year from now?",
            "{priority} — how are you tracking it today, and where does it need to be?",
            "{priority} — what is getting in the way right now?",
        ),
    },
    # what the attendee's role usually weighs (the persona's priorities, nouns)
    "topic": {
        "ja": (
            "今回のような取り組みを、{topic}の観点ではどのように評価されますか？",
            "ご判断にあたって、{topic}の面で確認しておきたい点はございますか？",
            "{topic}について、今期はどのような方針をお持ちでしょうか？",
        ),
        "en": (
            "How will {topic} be judged when this comes to a decision?",
            "What would you need to see on {topic} to back a project like this?",
            "Where does {topic} rank against your other priorities this year?",
        ),
    },
}


def _phrase(key: str, locale: str, **values: str) -> str:
    texts = PHRASES[key]
    return texts.get(locale, texts["en"]).format(**values)


def _minutes(count: int) -> list[int]:
    """Split the middle of the meeting over ``count`` items, in multiples of five minutes."""
    if count == 0:
        return []
    slots = (MEETING_MINUTES - OPENING_MINUTES - CLOSING_MINUTES) // 5
    # the slots shared out evenly, the first items (the most important) get the remainder
    return [
        5 * max(1, slots // count + (1 if index < slots % count else 0)) for index in range(count)
    ]


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
            "kind": "opening",
        }
    ]
    middle: list[Context] = []
    for challenge in (account.get("challenges") or [])[:MAX_CHALLENGE_ITEMS]:
        middle.append(
            {
                "title": _phrase("challenge", locale, title=challenge["title"]),
                "detail": challenge.get("detail", ""),
                "kind": "challenge",
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
                "kind": "opportunity",
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
            "kind": "closing",
        }
    )
    return items


def _variant(kind: str, locale: str, turn: int, **values: str) -> str:
    texts = VARIANTS[kind]
    options = texts.get(locale, texts["en"])
    return options[turn % len(options)].format(**values)


def _in_sentence(text: str, locale: str) -> str:
    """``Recurring stock-outs`` -> ``recurring stock-outs`` for use inside an English sentence.

    Only a capitalized ordinary first word is lowered: ``HIPAA compliance``, ``OTIF above
    95%`` and Japanese text are kept as they are.
    """
    if locale == "ja" or not text:
        return text
    word = text.split(" ", 1)[0]
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return text[:1].lower() + text[1:]
    return text


def _interleave(first: list[str], second: list[str]) -> list[str]:
    out: list[str] = []
    for index in range(max(len(first), len(second))):
        out.extend(x[index] for x in (first, second) if index < len(x))
    return out


def _questions(
    person: Mapping[str, Any],
    persona: Mapping[str, Any] | None,
    challenge: Mapping[str, Any] | None,
    opportunities: list[Mapping[str, Any]],
    locale: str,
    turn: int,
) -> list[str]:
    """The questions for one attendee, the best first.

    Args:
        person: the stakeholder.
        persona: the persona of the stakeholder's role, if any.
        challenge: the challenge this attendee is asked about (one they own), if any.
        opportunities: the open opportunities, furthest along first.
        locale: ``ja`` or ``en``.
        turn: the attendee's position, so that neighbours get different phrasings.
    """
    influence = person.get("influence")
    own: list[str] = [str(p) for p in person.get("priorities") or [] if p]
    topics: list[str] = []
    if persona and not persona.get("generic"):
        topics = [str(t) for t in persona.get("priorities") or [] if t]
    ask_challenge = (
        [_variant("challenge", locale, turn, title=_in_sentence(str(challenge["title"]), locale))]
        if challenge
        else []
    )
    if influence == "blocker":
        # their concern first, in their words; then what went wrong before
        opening = (
            [_phrase("q_concern", locale, priority=own.pop(0))]
            if own
            else [_phrase("q_concern_plain", locale)]
        )
        lead = opening + ask_challenge + [_phrase("q_past", locale)]
    else:
        lead = ask_challenge
        if not lead and own:
            lead = [_variant("priority", locale, turn, priority=own.pop(0))]
        if influence == "decision_maker" and opportunities:
            opp = opportunities[0]
            kind = "decision_early" if opp.get("stage") == "discovery" else "decision_late"
            lead.append(_variant(kind, locale, turn, product=str(opp["product"])))
        if influence == "champion":
            lead.append(_phrase("q_champion", locale))
    rest = _interleave(
        [_variant("priority", locale, turn + 1 + i, priority=p) for i, p in enumerate(own)],
        [
            _variant("topic", locale, turn + i, topic=_in_sentence(t, locale))
            for i, t in enumerate(topics)
        ],
    )
    questions = lead + rest
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
        ``agenda`` (items with ``title``, ``detail``, ``minutes`` and ``kind``: ``opening``,
        ``challenge``, ``opportunity`` or ``closing``), ``buying_group`` (the first
        ``MAX_BUYING_GROUP`` stakeholders, decision makers first) and ``more_people`` (how many
        are left out), ``attendees`` (at most ``MAX_ATTENDEES``; each
        stakeholder with ``questions``, ``watch_out`` and ``landmine_of``: the competitor of
        each landmine question among them; decision makers first), ``landmines``
        (``competitor``, ``status_label``, ``question``, ``ask``: the attendee best placed to
        answer, ``in_questions``: it is among that attendee's questions), ``more_landmines``
        (those that are not) and ``has_*`` flags so templates never print empty sections.
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
    asked: dict[int, int] = {}  # how often each challenge was given to an attendee
    for turn, person in enumerate(people[:MAX_ATTENDEES]):
        persona = personas.get(person.get("role", ""))
        owned = [
            index
            for index, c in enumerate(challenges)
            if person.get("role") in (c.get("owners") or [])
        ]
        # each attendee is asked about the challenge they own that was asked least so far
        pick = min(owned, key=lambda index: (asked.get(index, 0), index)) if owned else None
        if pick is not None:
            asked[pick] = asked.get(pick, 0) + 1
        challenge = challenges[pick] if pick is not None else None
        questions = _questions(person, persona, challenge, open_opps, locale, turn)
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
                "landmine_of": {},
            }
        )

    def owns_challenge(person: Mapping[str, Any]) -> bool:
        return any(person.get("role") in (c.get("owners") or []) for c in challenges)

    # landmines go to champions and decision makers, whoever lives with the problem first
    order = {**LANDMINE_ORDER, **LANDMINE_FALLBACK_ORDER}
    invited = people[:MAX_ATTENDEES]
    askers = sorted(
        [s for s in invited if s.get("influence") in LANDMINE_ORDER] or invited,
        key=lambda s: (not owns_challenge(s), order.get(s.get("influence") or "", 9)),
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
                    "in_questions": False,
                }
            )
    # each attendee gets the first landmine question addressed to them, second in the list;
    # the others stay in the landmine list with whom to ask
    given: set[str] = set()
    for entry in landmines:
        for attendee in attendees:
            if attendee["id"] == entry["ask_id"] and attendee["id"] not in given:
                given.add(attendee["id"])
                position = min(1, len(attendee["questions"]))
                attendee["questions"].insert(position, entry["question"])
                attendee["landmine_of"][entry["question"]] = entry["competitor"]
                entry["in_questions"] = True
    for attendee in attendees:
        attendee["questions"] = list(dict.fromkeys(attendee["questions"]))[:MAX_QUESTIONS]

    agenda = _agenda(data, closing_cta, locale)
    return {
        "agenda": agenda,
        "attendees": attendees,
        "more_attendees": max(0, len(people) - MAX_ATTENDEES),
        "buying_group": people[:MAX_BUYING_GROUP],
        "more_people": max(0, len(people) - MAX_BUYING_GROUP),
        "landmines": landmines,
        "has_attendees": bool(attendees),
        "has_landmines": bool(landmines),
        "more_landmines": [entry for entry in landmines if not entry["in_questions"]],
        "meeting_minutes": sum(item["minutes"] for item in agenda),
    }


def briefing_section(inputs: DocumentInputs) -> Context:
    """The briefing's own section (``briefing``), from the context built so far."""
    return {"briefing": build_briefing(inputs.data, personas_present(inputs))}


def personas_present(inputs: DocumentInputs) -> dict[str, Context]:
    """The persona context (internal view) of each role present in the account, by role."""
    from abmcontent.context.personas import persona_context

    return {
        s.role: persona_context(
            s.role, inputs.library.personas.get(s.role), inputs.locale, internal=True
        )
        for s in inputs.account.stakeholders
    }
