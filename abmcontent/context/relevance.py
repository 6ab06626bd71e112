"""Which products are pitched to an account, and why each is chosen or left out.

A product is pitched when one of these holds:

1. an open opportunity of the account names it;
2. a challenge names it in ``solved_by``;
3. its tags match a challenge *strongly* and its ``industries`` fit the account (a product
   without ``industries`` fits every industry).

A tag match is strong when the product and the challenge share at least
:data:`STRONG_SHARED_TAGS` tags, or one tag that is not generic. Generic tags
(``generic_tags`` in library/seller.yaml, by default
:data:`~abmcontent.models.library.DEFAULT_GENERIC_TAGS`) name themes almost any product can
claim (``compliance``, ``cost-reduction``...): one of them alone says nothing about fit, so a
community bank is not pitched a factory product because both mention compliance.

A product answers a challenge when the challenge names it in ``solved_by`` or their tags
match strongly; a solution table lists only those challenges. Every product, chosen or not,
carries readable reasons in the account's language, built from customer-safe fields only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from abmcontent.context.localize import text
from abmcontent.context.ranking import RankedChallenge, is_open
from abmcontent.context.strings import label
from abmcontent.models import AccountProfile, Product
from abmcontent.models.common import Locale
from abmcontent.models.profile import Challenge

#: this many shared tags make a strong match even when every one of them is generic
STRONG_SHARED_TAGS = 2
#: what an open deal for the product adds to its score (a challenge adds its own score)
PIPELINE_WEIGHT = 5.0


@dataclass(frozen=True)
class ProductMatch:
    """A product pitched to the account: the challenges it answers and why it is pitched."""

    product: Product
    challenges: list[Challenge]
    in_pipeline: bool
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProductLeftOut:
    """A product of the library that is not pitched to the account, and why."""

    product: Product
    reasons: list[str]


@dataclass(frozen=True)
class ProductChoice:
    """The products pitched (best for the reader first) and those left out (library order)."""

    chosen: list[ProductMatch]
    left_out: list[ProductLeftOut]


def strong_match(
    product_tags: Iterable[str], challenge_tags: Iterable[str], generic: Collection[str]
) -> bool:
    """Whether the tags share two or more tags, or one tag that is not in ``generic``."""
    shared = set(product_tags) & set(challenge_tags)
    return len(shared) >= STRONG_SHARED_TAGS or any(t not in generic for t in shared)


def fits_industry(product: Product, industry: str) -> bool:
    """Whether ``product`` is made for ``industry`` (a product naming none fits every one)."""
    return not product.industries or industry in product.industries


def _say(locale: Locale, ja: str, en: str) -> str:
    return ja if locale == "ja" else en


def _titles(challenges: list[Challenge], locale: Locale) -> str:
    titles = [text(c.title, locale) for c in challenges]
    return "、".join(f"「{t}」" for t in titles) if locale == "ja" else "; ".join(titles)


def _industries(product: Product, locale: Locale) -> str:
    joiner = "・" if locale == "ja" else ", "
    return joiner.join(label("industry", i, locale) for i in product.industries)


def _chosen_reasons(
    product: Product,
    account: AccountProfile,
    in_pipeline: bool,
    linked: list[Challenge],
    matched: list[Challenge],
    locale: Locale,
) -> list[str]:
    reasons = []
    if in_pipeline:
        reasons.append(
            _say(
                locale, "ご検討中のご提案の対象製品です", "Part of the proposal you are considering"
            )
        )
    if linked:
        titles = _titles(linked, locale)
        reasons.append(
            _say(
                locale, f"{titles}の解決策として選ばれています", f"Named as the answer to: {titles}"
            )
        )
    if matched:
        titles = _titles(matched, locale)
        reasons.append(_say(locale, f"{titles}に応えます", f"Answers: {titles}"))
        if product.industries:
            industry = label("industry", account.industry, locale)
            reasons.append(
                _say(
                    locale, f"{industry}業界向けの製品です", f"Made for your industry ({industry})"
                )
            )
    return reasons


def _left_out_reasons(
    product: Product,
    account: AccountProfile,
    matched: list[Challenge],
    weak: list[Challenge],
    locale: Locale,
) -> list[str]:
    if matched:  # a strong match, but made for other industries
        industry = label("industry", account.industry, locale)
        made_for = _industries(product, locale)
        return [
            _say(
                locale,
                f"{made_for}業界向けの製品で、{industry}業界は対象外です",
                f"Made for other industries ({made_for}), not {industry}",
            )
        ]
    if weak:
        titles = _titles(weak, locale)
        return [
            _say(
                locale,
                f"{titles}とは一般的なテーマを共有するだけです",
                f"Shares only a general theme with: {titles}",
            )
        ]
    return [_say(locale, "どの課題にも該当しません", "Answers none of your challenges")]


def choose_products(
    account: AccountProfile,
    products: list[Product],
    ranked: list[RankedChallenge],
    locale: Locale,
    generic: Collection[str],
) -> ProductChoice:
    """Split ``products`` into those pitched to ``account`` and those left out (see above).

    ``ranked`` is the reader's order of the challenges: a product's score is the sum of the
    scores of the challenges it answers, plus :data:`PIPELINE_WEIGHT` for an open deal; ties
    keep library order.
    """
    pipeline = {o.product for o in account.opportunities if is_open(o) and o.product}
    chosen: list[ProductMatch] = []
    left_out: list[ProductLeftOut] = []
    for product in products:
        in_pipeline = product.id in pipeline
        linked = [r for r in ranked if product.id in r.challenge.solved_by]
        matched = [
            r
            for r in ranked
            if product.id not in r.challenge.solved_by
            and strong_match(product.tags, r.challenge.tags, generic)
        ]
        fits = fits_industry(product, account.industry)
        if not (in_pipeline or linked or (matched and fits)):
            weak = [r.challenge for r in ranked if set(product.tags) & set(r.challenge.tags)]
            reasons = _left_out_reasons(
                product, account, [r.challenge for r in matched], weak, locale
            )
            left_out.append(ProductLeftOut(product, reasons))
            continue
        answered = [r for r in ranked if r in linked or r in matched]
        score = sum(r.score for r in answered) + (PIPELINE_WEIGHT if in_pipeline else 0.0)
        reasons = _chosen_reasons(
            product,
            account,
            in_pipeline,
            [r.challenge for r in linked],
            [r.challenge for r in matched],
            locale,
        )
        chosen.append(
            ProductMatch(product, [r.challenge for r in answered], in_pipeline, score, reasons)
        )
    chosen.sort(key=lambda m: -m.score)
    return ProductChoice(chosen, left_out)
