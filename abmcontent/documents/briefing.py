"""The pre-visit briefing: the account team's one-to-two pages before a visit (internal)."""

from __future__ import annotations

from abmcontent.documents.spec import DocumentSpec, FormatSpec

SPEC = DocumentSpec(
    id="briefing",
    names={"ja": "訪問前ブリーフィング", "en": "Pre-visit briefing"},
    audience_class="internal",
    summary="a one-to-two page pre-visit briefing for the account team",
    formats={
        "pdf": FormatSpec("html-pdf", "briefing.html"),
        "docx": FormatSpec("docx", "briefing.docx"),
    },
    default_formats=("pdf", "docx"),
    audience_rule="account",
    sections=frozenset({"challenges", "solutions", "case_studies", "competitors", "investment"}),
    extend="abmcontent.context.briefing:briefing_section",
)
