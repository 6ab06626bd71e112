"""The battlecard: how the account team wins this account against its competitors (internal)."""

from __future__ import annotations

from abmcontent.documents.spec import DocumentSpec, FormatSpec

SPEC = DocumentSpec(
    id="battlecard",
    names={"ja": "バトルカード", "en": "Battlecard"},
    audience_class="internal",
    summary="the rep's one-pager: competitors on this account, landmines, objections, proof",
    formats={
        "pdf": FormatSpec("html-pdf", "battlecard.html"),
        "docx": FormatSpec("docx", "battlecard.docx"),
    },
    default_formats=("pdf", "docx"),
    audience_rule="account",
    sections=frozenset({"challenges", "solutions", "case_studies", "competitors"}),
    extend="abmcontent.context.battlecard:build_battlecard",
)
