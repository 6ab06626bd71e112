"""The competitive analysis report: the account's market and its options, for one reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from abmcontent.documents.spec import DocumentSpec, FormatSpec

if TYPE_CHECKING:
    from abmcontent.loading.workspace import Library
    from abmcontent.models import AccountProfile

SPEC = DocumentSpec(
    id="competitive",
    names={"ja": "競合分析レポート", "en": "Competitive analysis"},
    audience_class="customer",
    summary="the account's market and a fair comparison of its options, for one reader",
    formats={
        "docx": FormatSpec("docx", "competitive.docx"),
        "pdf": FormatSpec("html-pdf", "competitive.html"),
    },
    default_formats=("docx", "pdf"),
    sections=frozenset({"challenges", "solutions", "competitors", "market", "business_case"}),
    extend="abmcontent.context.analysis:build_analysis",
    missing_data="abmcontent.documents.competitive:missing_data",
)


def missing_data(account: AccountProfile, library: Library) -> list[tuple[str, str]]:
    """The sections of the report left out for ``account``, with the fields that fill them."""
    found: list[tuple[str, str]] = []
    market = account.market
    if market is None or not (market.rivals or market.benchmarks):
        found.append(
            (
                "market",
                "the competitive analysis leaves out where the account stands in its market: "
                "add market.rivals or market.benchmarks (each with source and as_of)",
            )
        )
    options = [c for c in account.competitors if c.status != "displaced"]
    if not options:
        found.append(
            (
                "competitors",
                "the competitive analysis leaves out the options in front of the account: "
                "add the incumbent or the vendors it evaluates under competitors",
            )
        )
    for ref in options:
        card = library.battlecards.get(ref.id)
        if card is not None and not card.claims:
            found.append(
                (
                    "competitors",
                    f"the comparison with {card.name} is left out: add sourced claims to "
                    f"library/competitors/{ref.id}.yaml",
                )
            )
    return found
