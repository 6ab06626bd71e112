"""The proposal deck: one per reader, the account's challenges answered by our products."""

from __future__ import annotations

from abmcontent.documents.spec import DocumentSpec, FormatSpec

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
        {"challenges", "solutions", "case_studies", "competitors", "investment", "storyline"}
    ),
    shows_story_reasons=True,
)
