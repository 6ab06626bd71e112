"""What a document is: its names, audience class, formats, readers, context and templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from abmcontent.models.audience import AudienceClass
from abmcontent.models.common import Locale

if TYPE_CHECKING:
    from abmcontent.context.inputs import DocumentInputs

#: who one copy of a document is for: each reader of the account (one per stakeholder, per
#: role or per account, by tier), or the account as a whole (one per account)
AudienceRule = Literal["reader", "account"]

#: the sections of the render context a document may receive besides the base
#: (``account``, ``audience``, ``persona``, ``seller``, ``strings``...)
SECTIONS = frozenset(
    {"challenges", "solutions", "case_studies", "competitors", "investment", "market"}
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
        extend: builds the sections of its own (the briefing's agenda...), if any.
    """

    id: str
    names: dict[Locale, str]
    audience_class: AudienceClass
    summary: str
    formats: dict[str, FormatSpec]
    default_formats: tuple[str, ...]
    audience_rule: AudienceRule = "reader"
    sections: frozenset[str] = field(default_factory=frozenset)
    shows_story_reasons: bool = False
    extend: Extension | None = None

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

    def name(self, locale: Locale) -> str:
        """The display name in ``locale``."""
        return self.names[locale]
