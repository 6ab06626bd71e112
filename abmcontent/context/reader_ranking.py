"""One ranking per account and reader, shared by every document and format.

The challenges, the products pitched and the customer stories are ranked once, from the
whole profile and library, so that the deck, the case-study document, the competitive report
and the internal briefing of one reader tell them in the same order. Only the reasons
differ between views: a customer document's reasons leave out what rests on internal fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from abmcontent.context.ranking import (
    RankedChallenge,
    StoryMatch,
    rank_case_studies,
    rank_challenges,
)
from abmcontent.context.relevance import ProductChoice, choose_products
from abmcontent.loading.workspace import Library
from abmcontent.models import AccountProfile
from abmcontent.models.common import Locale


@dataclass(frozen=True)
class ReaderRanking:
    """The account's challenges, products and stories, best for one reader first."""

    challenges: list[RankedChallenge]
    products: ProductChoice
    stories: list[StoryMatch]


def rank_for_reader(
    library: Library,
    account: AccountProfile,
    role: str | None,
    role_title: str,
    *,
    internal: bool,
) -> ReaderRanking:
    """Rank everything ``account`` shows the reader of ``role`` (``None``: the whole account).

    ``account`` and ``library`` are the whole workspace (not a customer view), so that the
    order is the same for internal and customer documents; ``internal`` chooses the reasons.
    """
    locale: Locale = account.locale
    ranked = rank_challenges(account, role)
    seller = library.seller
    products = choose_products(
        account, list(seller.products), ranked, locale, frozenset(seller.generic_tags)
    )
    product_names = {p.id: p.name for p in library.seller.products}
    stories = rank_case_studies(
        list(library.case_studies.values()),
        account,
        role,
        role_title,
        ranked,
        product_names,
        locale,
        internal=internal,
    )
    return ReaderRanking(ranked, products, stories)
