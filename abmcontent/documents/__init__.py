"""The documents abmcontent writes, one module each (see :mod:`abmcontent.documents.spec`).

Adding a document means one module here (its :class:`DocumentSpec`), its templates and its
tests: the CLI, the build, ``validate``, the web and ``output/index.html`` take their lists
of documents, names and audience classes from :data:`DOCUMENTS`.
"""

from __future__ import annotations

from pathlib import Path

from abmcontent.documents import battlecard, briefing, case_study, competitive, proposal
from abmcontent.documents.spec import DocumentSpec, FormatSpec
from abmcontent.errors import UsageError
from abmcontent.layout import TEMPLATES_DIR

PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"

__all__ = [
    "DOCUMENTS",
    "PACKAGE_TEMPLATES",
    "DocumentSpec",
    "FormatSpec",
    "customer_documents",
    "document",
    "internal_documents",
    "template_path",
]


DOCUMENTS: dict[str, DocumentSpec] = {
    spec.id: spec
    for spec in (
        proposal.SPEC,
        competitive.SPEC,
        case_study.SPEC,
        briefing.SPEC,
        battlecard.SPEC,
    )
}
"""Every document, in the order builds and listings show them."""


def customer_documents() -> list[str]:
    """The ids of the documents sent to the account."""
    return [d.id for d in DOCUMENTS.values() if not d.internal]


def internal_documents() -> list[str]:
    """The ids of the documents for the account team only."""
    return [d.id for d in DOCUMENTS.values() if d.internal]


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
