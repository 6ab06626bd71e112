"""What a document is: its names, audience class, formats, readers, context and templates."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from abmcontent.audience_classes import AudienceClass

if TYPE_CHECKING:
    from abmcontent.context.inputs import DocumentInputs

#: who one copy of a document is for: each reader of the account (one per stakeholder, per
#: role or per account, by tier), or the account as a whole (one per account)
AudienceRule = Literal["reader", "account"]

#: the sections of the render context a document may receive besides the base
#: (``account``, ``audience``, ``persona``, ``seller``, ``strings``...)
SECTIONS = frozenset(
    {
        "challenges",
        "solutions",
        "case_studies",
        "competitors",
        "investment",
        "market",
        "business_case",
        "storyline",
    }
)

Extension = Callable[["DocumentInputs"], dict[str, Any]]


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
        names: its display name in each language.
        audience_class: ``customer`` (sent to the account: built from the customer view of
            the workspace, internal fields absent) or ``internal`` (for the account team).
        summary: one line on what it is, for help texts and the README.
        formats: every format it can be made in, by format name.
        default_formats: what ``render`` and ``build`` make when no ``--format`` is given.
        audience_rule: one copy per reader of the account, or one per account.
        sections: the context sections it receives (see :data:`SECTIONS`).
        shows_story_reasons: it tells the reader why each customer story was chosen.
        extend: the function building its own sections (the briefing's agenda...), as
            ``module:function`` (imported on first use, so listing documents stays cheap).
        missing_data: ``module:function`` taking an account and the library and returning
            ``(field, reason)`` for each section left out for lack of data (``validate``
            prints them as notes).
    """

    id: str
    names: dict[str, str]
    audience_class: AudienceClass
    summary: str
    formats: dict[str, FormatSpec]
    default_formats: tuple[str, ...]
    audience_rule: AudienceRule = "reader"
    sections: frozenset[str] = field(default_factory=frozenset)
    shows_story_reasons: bool = False
    extend: str | None = None
    missing_data: str | None = None

    def __post_init__(self) -> None:
        unknown = self.sections - SECTIONS
        if unknown:
            raise ValueError(f"document {self.id}: unknown sections {sorted(unknown)}")
        missing = [f for f in self.default_formats if f not in self.formats]
        if missing:
            raise ValueError(f"document {self.id}: default formats {missing} are not formats")

    @property
    def internal(self) -> bool:
        """Whether the document is for the account team only."""
        return self.audience_class == "internal"

    def name(self, locale: str) -> str:
        """The display name in ``locale`` (``ja`` or ``en``)."""
        return self.names[locale]

    def extension(self) -> Extension | None:
        """The function building the document's own sections, imported."""
        found: Extension | None = _imported(self.extend)
        return found

    def missing_data_check(self) -> Callable[[Any, Any], list[tuple[str, str]]] | None:
        """The function listing the sections this document leaves out for lack of data."""
        found: Callable[[Any, Any], list[tuple[str, str]]] | None = _imported(self.missing_data)
        return found


def _imported(target: str | None) -> Any:
    """The object named ``module:name``, or ``None``."""
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
