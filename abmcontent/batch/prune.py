"""Which documents in the manifest are no longer planned, within the selection built.

A build selects accounts, tiers, documents and formats. A manifest entry is in the
selection when it passes every filter that was given; only those can be pruned, so
``build --account x`` never touches another account's documents. An entry in the
selection is pruned when the build did not plan it (its stakeholder was removed, its
account deleted or made invalid, its tier changed the audiences...). One exception keeps a
format a user asked for explicitly: with no ``--format``, a planned document's extra
formats (a proposal's ``pdf`` made with ``render --format pdf``) stay. And one-off documents,
made by ``render`` for an audience the build does not plan, are kept and reported for as
long as their account exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from abmcontent.documents import DOCUMENTS
from abmcontent.loading.workspace import Workspace
from abmcontent.outputs import ManifestEntry
from abmcontent.pipeline import Job


@dataclass(frozen=True)
class Selection:
    """The filters of a build; ``None`` means "everything"."""

    tiers: frozenset[str] | None = None
    accounts: frozenset[str] | None = None
    docs: frozenset[str] | None = None
    formats: frozenset[str] | None = None

    @classmethod
    def of(
        cls,
        *,
        tiers: Iterable[str] | None = None,
        accounts: Iterable[str] | None = None,
        docs: Iterable[str] | None = None,
        formats: Iterable[str] | None = None,
    ) -> Selection:
        """Build a selection from optional filter lists (empty means no filter)."""

        def norm(values: Iterable[str] | None) -> frozenset[str] | None:
            found = frozenset(values or ())
            return found or None

        return cls(norm(tiers), norm(accounts), norm(docs), norm(formats))

    def covers(self, entry: ManifestEntry, workspace: Workspace) -> bool:
        """True when ``entry`` is one of the documents this selection is about."""
        if self.accounts is not None and entry.account not in self.accounts:
            return False
        if self.tiers is not None:
            profile = workspace.accounts.get(entry.account)
            if profile is None or profile.tier not in self.tiers:
                return False
        if self.docs is not None and entry.doc not in self.docs:
            return False
        return self.formats is None or entry.format in self.formats


def unplanned(
    entries: Iterable[ManifestEntry],
    planned: Iterable[Job],
    workspace: Workspace,
    selection: Selection,
) -> list[ManifestEntry]:
    """The entries in ``selection`` that the build did not plan: to be deleted."""
    jobs = list(planned)
    paths = {job.output for job in jobs}
    live = {(job.account, job.doc, job.audience.id) for job in jobs}
    found: list[ManifestEntry] = []
    for entry in entries:
        if entry.path in paths or not selection.covers(entry, workspace):
            continue
        spec = DOCUMENTS.get(entry.doc)
        extra_format = (
            selection.formats is None
            and spec is not None
            and entry.format in spec.formats
            and entry.format not in spec.default_formats
            and (entry.account, entry.doc, entry.audience) in live
        )
        if not extra_format:
            found.append(entry)
    return found


def split_one_offs(
    entries: list[ManifestEntry], workspace: Workspace
) -> tuple[list[ManifestEntry], list[str]]:
    """Split unplanned entries into those to prune and the paths of one-off renders to keep.

    A one-off document is kept while its account has a profile (valid or not); once the
    profile is deleted, it goes with the account's other documents.
    """
    accounts = set(workspace.all_account_ids())
    kept = {entry.path for entry in entries if entry.one_off and entry.account in accounts}
    return [entry for entry in entries if entry.path not in kept], sorted(kept)
