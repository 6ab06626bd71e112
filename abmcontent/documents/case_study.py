"""The case-study document: the customer stories closest to the reader's situation."""

from __future__ import annotations

from abmcontent.documents.spec import DocumentSpec, FormatSpec

SPEC = DocumentSpec(
    id="case-study",
    names={"ja": "導入事例のご紹介", "en": "Customer stories"},
    audience_class="customer",
    summary="the best-matching customer stories, with the reasons they were chosen",
    formats={
        "pdf": FormatSpec("html-pdf", "case-study.html"),
        "docx": FormatSpec("docx", "case-study.docx"),
    },
    default_formats=("pdf", "docx"),
    sections=frozenset({"challenges", "solutions", "case_studies"}),
    shows_story_reasons=True,
)
