"""The documents abmcontent writes: their formats, renderers and default templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from abmcontent.errors import UsageError
from abmcontent.layout import TEMPLATES_DIR

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class FormatSpec:
    """How one format of a document is made: which renderer, from which template file."""

    renderer: str
    template: str


@dataclass(frozen=True)
class DocumentSpec:
    """One kind of document.

    Attributes:
        id: the doc id used on the command line and in output paths.
        formats: every format it can be made in, by format name.
        default_formats: what ``render`` and ``build`` make when no ``--format`` is given.
    """

    id: str
    formats: dict[str, FormatSpec]
    default_formats: tuple[str, ...]


DOCUMENTS: dict[str, DocumentSpec] = {
    "proposal": DocumentSpec(
        "proposal",
        {
            "pptx": FormatSpec("pptx", "proposal.pptx"),
            "pdf": FormatSpec("office-pdf", "proposal.pptx"),
        },
        ("pptx",),
    ),
    "competitive": DocumentSpec(
        "competitive",
        {
            "docx": FormatSpec("docx", "competitive.docx"),
            "pdf": FormatSpec("html-pdf", "competitive.html"),
        },
        ("docx", "pdf"),
    ),
    "case-study": DocumentSpec(
        "case-study",
        {
            "pdf": FormatSpec("html-pdf", "case-study.html"),
            "docx": FormatSpec("docx", "case-study.docx"),
        },
        ("pdf", "docx"),
    ),
    "briefing": DocumentSpec(
        "briefing",
        {
            "pdf": FormatSpec("html-pdf", "briefing.html"),
            "docx": FormatSpec("docx", "briefing.docx"),
        },
        ("pdf", "docx"),
    ),
}


def document(doc_id: str) -> DocumentSpec:
    """Return the spec of ``doc_id`` or raise ``UsageError`` listing the known ones."""
    try:
        return DOCUMENTS[doc_id]
    except KeyError:
        known = ", ".join(DOCUMENTS)
        raise UsageError(f"unknown document '{doc_id}' (known: {known})") from None


def template_path(
    workspace_root: Path, doc_id: str, fmt: str, locale: str | None = None
) -> tuple[Path, str]:
    """The template for ``doc_id`` in ``fmt``: the workspace's own, else the packaged default.

    A template written for one language (``proposal.ja.pptx``) is preferred over the
    language-neutral one (``proposal.pptx``) for documents in that language.

    Returns:
        The file and the name errors should use for it.
    """
    spec = document(doc_id).formats[fmt]
    stem, _, suffix = spec.template.partition(".")
    names = [f"{stem}.{locale}.{suffix}"] if locale else []
    names.append(spec.template)
    for folder, label in (
        (workspace_root / TEMPLATES_DIR, f"{TEMPLATES_DIR}/"),
        (PACKAGE_TEMPLATES, "(default) "),
    ):
        for name in names:
            if (folder / name).is_file():
                return folder / name, f"{label}{name}"
    return PACKAGE_TEMPLATES / spec.template, f"(default) {spec.template}"
