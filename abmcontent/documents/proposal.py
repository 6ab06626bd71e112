"""The proposal deck: one per reader, the account's challenges answered by our products."""

from __future__ import annotations

from typing import TYPE_CHECKING

from abmcontent.documents.spec import DocumentSpec, FormatSpec

if TYPE_CHECKING:
    from abmcontent.loading.workspace import Library
    from abmcontent.models import AccountProfile

SPEC = DocumentSpec(
    id="proposal",
    names={"ja": "ご提案書", "en": "Proposal deck"},
    audience_class="customer",
    summary="proposal deck for one reader",
    formats={
        "pptx": FormatSpec("pptx", "proposal.pptx"),
        "pdf": FormatSpec("office-pdf", "proposal.pptx"),
    },
    default_formats=("pptx",),
    sections=frozenset(
        {
            "challenges",
            "solutions",
            "case_studies",
            "competitors",
            "investment",
            "business_case",
            "storyline",
        }
    ),
    shows_story_reasons=True,
    missing_data="abmcontent.documents.proposal:missing_data",
)


def missing_data(account: AccountProfile, library: Library) -> list[tuple[str, str]]:
    """The inputs the proposal's business case lacks for ``account``, with the fields to add."""
    del library  # the business case is computed from the profile alone
    from abmcontent.context.business_inputs import missing_inputs
    from abmcontent.context.customer import customer_account

    return missing_inputs(customer_account(account))
