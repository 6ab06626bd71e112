"""Ranking for one audience: the account's challenges and the best customer stories.

Pure functions over the models. Weights are named constants so tests and readers can see
why one item beats another; each case study carries human-readable reasons. Which products
are pitched is decided in :mod:`abmcontent.context.relevance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from abmcontent.context.localize import text
from abmcontent.context.strings import label
from abmcontent.models import AccountProfile, CaseStudy
from abmcontent.models.common import Locale
from abmcontent.models.profile import Challenge, Opportunity

IMPACT_WEIGHT = {"high": 3.0, "medium": 2.0, "low": 1.0}
OWNER_WEIGHT = 4.0
OPEN_STAGES = frozenset({"discovery", "proposal", "negotiation"})

STORY_INDUSTRY = 4.0
STORY_SEGMENT = 1.0
STORY_TAG = 1.5
STORY_TAG_CAP = 3
STORY_ROLE = 2.0
STORY_PRODUCT = 1.5
STORY_LOCALE = 1.0
MAX_STORIES = 3


@dataclass(frozen=True)
class RankedChallenge:
    """A challenge with its score for the audience and whether the audience owns it."""

    challenge: Challenge
    score: float
    owned: bool


def rank_challenges(account: AccountProfile, role: str | None) -> list[RankedChallenge]:
    """Order the account's challenges for ``role``: the role's own pains first, then impact.

    With no role (the whole account) impact alone decides. Ties keep profile order.
    """
    ranked = []
    for challenge in account.challenges:
        owned = role is not None and role in challenge.owners
        score = IMPACT_WEIGHT[challenge.impact] + (OWNER_WEIGHT if owned else 0.0)
        ranked.append(RankedChallenge(challenge, score, owned))
    return sorted(ranked, key=lambda r: -r.score)


def is_open(opportunity: Opportunity) -> bool:
    """Whether a deal is still open.

    In the customer view of an account the stage is absent (internal) and only open deals are
    listed, so a deal without a stage is open.
    """
    stage: str | None = opportunity.stage
    return stage is None or stage in OPEN_STAGES


@dataclass
class StoryMatch:
    """A case study chosen for the audience, with its score and the reasons why."""

    story: CaseStudy
    score: float
    reasons: list[str] = field(default_factory=list)


def _reason(locale: Locale, ja: str, en: str) -> str:
    return ja if locale == "ja" else en


def score_story(
    story: CaseStudy,
    account: AccountProfile,
    role: str | None,
    role_title: str,
    ranked: list[RankedChallenge],
    product_names: dict[str, str],
    locale: Locale,
    *,
    internal: bool = True,
) -> StoryMatch:
    """Score one case study for the account and audience and explain the score.

    ``account`` is the whole profile, so that every document of the reader gets the same
    score; with ``internal`` false the reasons leave out what rests on internal fields (the
    segment), which a customer document must not print.
    """
    match = StoryMatch(story, 0.0)
    if story.industry == account.industry:
        match.score += STORY_INDUSTRY
        industry = label("industry", story.industry, locale)
        match.reasons.append(
            _reason(locale, f"同じ{industry}業界の事例です", f"Same industry ({industry})")
        )
    story_tags = set(story.challenge_tags)
    shared = [r for r in ranked if story_tags & set(r.challenge.tags)]
    if shared:
        match.score += STORY_TAG * min(len(shared), STORY_TAG_CAP)
        match.score += sum(0.25 for r in shared if r.owned)
        titles = "、".join(text(r.challenge.title, locale) for r in shared[:2])
        titles_en = "; ".join(text(r.challenge.title, locale) for r in shared[:2])
        match.reasons.append(
            _reason(
                locale,
                f"「{titles}」と同じ課題を解決しました",
                f"Solved the same challenge: {titles_en}",
            )
        )
    if account.segment is not None and story.segment == account.segment:
        match.score += STORY_SEGMENT
        segment = label("segment", account.segment, locale)
        if internal:
            match.reasons.append(
                _reason(
                    locale,
                    f"同規模（{segment}）の企業です",
                    f"A company of similar size ({segment})",
                )
            )
    if role is not None and role in story.roles:
        match.score += STORY_ROLE
        match.reasons.append(
            _reason(
                locale,
                f"{role_title}の視点で成果を示しています",
                f"Shows results that matter to the {role_title.lower()}",
            )
        )
    open_products = {o.product for o in account.opportunities if is_open(o)}
    pipeline = [p for p in story.products if p in open_products]
    if pipeline:
        match.score += STORY_PRODUCT
        names = ", ".join(product_names.get(p, p) for p in pipeline)
        match.reasons.append(
            _reason(
                locale, f"ご検討中の{names}の導入事例です", f"Uses {names}, which is in your plans"
            )
        )
    if story.locale == locale:
        match.score += STORY_LOCALE
    return match


def rank_case_studies(
    stories: list[CaseStudy],
    account: AccountProfile,
    role: str | None,
    role_title: str,
    ranked: list[RankedChallenge],
    product_names: dict[str, str],
    locale: Locale,
    limit: int = MAX_STORIES,
    *,
    internal: bool = True,
) -> list[StoryMatch]:
    """The best ``limit`` stories: same industry or a shared challenge is required.

    Only stories that can be told in the document's language are chosen, so a document
    never switches language in the middle.
    """
    scored = [
        score_story(s, account, role, role_title, ranked, product_names, locale, internal=internal)
        for s in stories
    ]
    eligible = [
        m
        for m in scored
        if available_in(m.story, locale)
        and (
            m.story.industry == account.industry
            or any(set(m.story.challenge_tags) & set(r.challenge.tags) for r in ranked)
        )
    ]
    eligible.sort(key=lambda m: (-m.score, m.story.id))
    return eligible[:limit]


def available_in(story: CaseStudy, locale: Locale) -> bool:
    """True when the story can be told in ``locale``: written in it, or translated into it.

    A story written in another language without a translation is never chosen.
    """
    if story.locale == locale:
        return True
    narrative = (story.situation, story.solution, story.outcome)
    return all(isinstance(part, dict) and locale in part for part in narrative)
