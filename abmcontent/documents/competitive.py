"""The competitive analysis report: the account's market and its options, for one reader."""

from __future__ import annotations

from abmcontent.context.analysis import build_analysis
from abmcontent.documents.spec import DocumentSpec, FormatSpec

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
    sections=frozenset({"challenges", "solutions", "competitors", "market"}),
    extend=build_analysis,
)
