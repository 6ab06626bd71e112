"""What the documents tab shows for an account.

Every document and audience, what exists of it under ``output/``, its warnings and preview,
whether its inputs changed since it was built (out of date), and the reasons each case
study was chosen: those stored with the built document, else the ones a build would give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from abmcontent.batch.thumbnails import existing_thumbnails
from abmcontent.context import audiences_for, build_context
from abmcontent.context.audiences import Audience
from abmcontent.context.localize import text
from abmcontent.documents import DOCUMENTS
from abmcontent.errors import AbmError
from abmcontent.fingerprint import InputHasher
from abmcontent.loading.workspace import Workspace
from abmcontent.models import AccountProfile
from abmcontent.outputs import Manifest, ManifestEntry
from abmcontent.web.accounts_view import when
from abmcontent.web.i18n import Lang, t

#: documents whose case studies are chosen per audience (their reasons are shown)


@dataclass
class FileView:
    """One generated file of a document.

    Attributes:
        changed: input files edited since the file was built (it is out of date).
    """

    format: str
    path: str
    url: str
    warnings: list[str]
    built: str
    changed: list[str] = field(default_factory=list)


@dataclass
class Story:
    """A case study chosen for an audience, and why."""

    customer: str
    title: str
    reasons: list[str]


@dataclass
class AudienceView:
    """One audience of one document.

    Attributes:
        stories_stored: the stories are those recorded when the document was built.
    """

    id: str
    label: str
    sublabel: str
    files: list[FileView] = field(default_factory=list)
    thumbnail: str = ""
    stories: list[Story] = field(default_factory=list)
    stories_error: str = ""
    stories_stored: bool = False

    @property
    def changed(self) -> list[str]:
        """The input files edited since any of the files was built, without repeats."""
        return list(dict.fromkeys(c for f in self.files for c in f.changed))

    @property
    def warnings(self) -> list[str]:
        """The warnings of every file, without repeats."""
        return list(dict.fromkeys(w for f in self.files for w in f.warnings))


@dataclass
class DocumentView:
    """One document kind with its audiences."""

    id: str
    title: str
    formats: list[str]
    default_formats: list[str]
    audiences: list[AudienceView]
    internal: bool = False
    shows_story_reasons: bool = False


def audience_label(
    account: AccountProfile, audience: Audience, ws: Workspace, lang: Lang
) -> tuple[str, str]:
    """A readable name of ``audience`` and a second line (job title, role)."""
    personas = ws.library.personas if ws.library else {}
    if audience.kind == "stakeholder":
        person = next(s for s in account.stakeholders if s.id == audience.id)
        role = text(personas[person.role].title, lang) if person.role in personas else person.role
        return person.name, person.title or role
    if audience.kind == "role" and audience.role is not None:
        role = audience.role
        return (text(personas[role].title, lang) if role in personas else role), ""
    return t("audience_account", lang), ""


def download_url(entry: ManifestEntry) -> str:
    """The download address of a manifest entry."""
    return f"/download/{entry.account}/{entry.doc}/{entry.audience}.{entry.format}"


def _stories(
    ws: Workspace, account: AccountProfile, audience: Audience, doc: str, today: dt.date
) -> list[Story]:
    assert ws.library is not None
    context = build_context(ws.library, account, audience, doc=doc, root=ws.root, today=today)
    return [
        Story(str(s["customer"]), str(s["title"]), [str(r) for r in s["reasons"]])
        for s in context.data.get("case_studies", [])
    ]


def _stored_stories(entries: list[ManifestEntry]) -> list[Story] | None:
    """The stories recorded with the newest built file, or ``None`` when none recorded them."""
    recorded = [e for e in entries if e.source_hashes]
    if not recorded:
        return None
    newest = max(recorded, key=lambda e: e.mtime_ns)
    return [
        Story(str(s.get("customer", "")), str(s.get("title", "")), list(s.get("reasons", [])))
        for s in newest.stories
    ]


def documents_page(
    ws: Workspace, account_id: str, lang: Lang, today: dt.date | None = None
) -> list[DocumentView]:
    """Every document of a valid account, with its audiences and files."""
    account = ws.accounts[account_id]
    manifest = Manifest(ws.root)
    hasher = InputHasher(ws.root, ws.file_hashes)
    entries = [e for e in manifest.entries.values() if e.account == account_id]
    thumbs = existing_thumbnails(ws.root, entries)
    by_audience: dict[tuple[str, str], list[ManifestEntry]] = {}
    for entry in entries:
        by_audience.setdefault((entry.doc, entry.audience), []).append(entry)
    views = []
    for doc_id, spec in DOCUMENTS.items():
        audiences = []
        for audience in audiences_for(account, doc_id):
            name, sub = audience_label(account, audience, ws, lang)
            view = AudienceView(audience.id, name, sub)
            files = sorted(by_audience.get((doc_id, audience.id), []), key=lambda e: e.format)
            view.files = [
                FileView(
                    e.format,
                    e.path,
                    download_url(e),
                    list(e.warnings),
                    when(e.mtime_ns, lang),
                    e.changed_sources(hasher.file),
                )
                for e in files
            ]
            stored = _stored_stories(files)
            if (account_id, doc_id, audience.id) in thumbs:
                view.thumbnail = f"/thumbs/{account_id}/{doc_id}/{audience.id}.png"
            if stored is not None:
                view.stories, view.stories_stored = stored, True
            elif spec.shows_story_reasons and ws.library is not None:
                try:
                    view.stories = _stories(ws, account, audience, doc_id, today or dt.date.today())
                except AbmError as exc:
                    view.stories_error = str(exc)
            audiences.append(view)
        views.append(
            DocumentView(
                doc_id,
                spec.name(lang),
                list(spec.formats),
                list(spec.default_formats),
                audiences,
                spec.internal,
                spec.shows_story_reasons,
            )
        )
    return views


def page_values(ws: Workspace, account_id: str, lang: Lang) -> dict[str, Any]:
    """The documents of ``account_id`` for the page (empty for an invalid account)."""
    if account_id not in ws.accounts:
        return {"documents": []}
    return {"documents": documents_page(ws, account_id, lang)}
