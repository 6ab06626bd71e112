"""The public Python API behind the CLI: validate, render and build a workspace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from abmcontent.errors import Problem
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.pipeline import Job, plan_jobs

if TYPE_CHECKING:
    from abmcontent.batch import BuildOptions
    from abmcontent.batch.limits import Limits
    from abmcontent.batch.progress import BuildProgress


@dataclass
class BuildReport:
    """What a render or build did.

    Attributes:
        built: output paths written.
        up_to_date: output paths skipped because their inputs did not change.
        failed: output path -> reason, for every document that could not be made.
        warnings: output path -> warnings (text shrunk, missing translations...).
        planned: every job that was planned.
        pruned: output paths deleted because they are no longer planned (with
            ``dry_run``: that would be deleted).
        kept: output paths in the selection that are not planned but were made on purpose
            by ``render`` (one-off documents): left as they are.
        would_build: with ``dry_run``, the output paths a build would render.
        dry_run: nothing was written.
        worker_peak_rss_kib: worker process id -> its resident-memory high-water mark.
        worker_cpu_s: worker process id -> the CPU seconds it had used at its last result
            (with ``jobs=1``, the building process itself).
        index: the ``output/index.html`` written, if any.
        changed_inputs: documents built from inputs other than those planned (a file was
            edited during the build, or a Dask worker runs another abmcontent version);
            each is recorded with what it was made from, so nothing stale looks current.
        notices: what the build did besides documents that a user should know (a damaged
            manifest set aside...).
    """

    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    planned: list[Job] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    would_build: list[str] = field(default_factory=list)
    dry_run: bool = False
    worker_peak_rss_kib: dict[int, int] = field(default_factory=dict)
    worker_cpu_s: dict[int, float] = field(default_factory=dict)
    index: Path | None = None
    changed_inputs: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return not self.failed


def validate(
    workspace: Path | str | Workspace, *, today: dt.date | None = None
) -> list[Problem]:
    """Check profiles, library and templates; return every problem.

    Errors and warnings (comparison claims older than the library allows, judged on
    ``today``, the current date by default), then notes (severity ``info``) on the sections
    documents leave out for lack of data, each naming the fields that would fill it.
    """
    ws = workspace if isinstance(workspace, Workspace) else load_workspace(workspace)
    from abmcontent.loading.library_checks import check_claim_ages
    from abmcontent.template_checks import check_templates

    stale: list[Problem] = []
    if ws.library is not None:
        stale = check_claim_ages(
            ws.library.seller, ws.library.battlecards, ws.library_docs, today or dt.date.today()
        )
    return [*ws.problems, *stale, *check_templates(ws), *missing_data_notes(ws)]


def missing_data_notes(ws: Workspace) -> list[Problem]:
    """A note per account and document section left out for lack of data."""
    from abmcontent.documents import DOCUMENTS
    from abmcontent.layout import PROFILES_DIR

    if ws.library is None:
        return []
    notes: list[Problem] = []
    for account_id, account in ws.accounts.items():
        for spec in DOCUMENTS.values():
            check = spec.missing_data_check()
            if check is None:
                continue
            for field_name, reason in check(account, ws.library):
                notes.append(
                    Problem(f"{PROFILES_DIR}/{account_id}.yaml", None, field_name, reason, "info")
                )
    return notes


def _as_workspace(workspace: Path | str | Workspace) -> Workspace:
    return workspace if isinstance(workspace, Workspace) else load_workspace(workspace)


#: called with each job and what happened to it: ``built`` or ``failed``
Progress = Callable[[Job, str], None]


class _CallbackProgress:
    """Adapts a :data:`Progress` callable to the batch builder's progress interface."""

    def __init__(self, callback: Progress) -> None:
        self.callback = callback

    def start(self, to_build: int, up_to_date: int, failed: int) -> None:
        del to_build, up_to_date, failed

    def update(self, job: Job, status: str) -> None:
        self.callback(job, status)

    def previews(self, done: int, total: int) -> None:
        del done, total

    def finish(self) -> None:
        pass


def _progress(progress: Progress | BuildProgress | None) -> BuildProgress | None:
    if progress is None or not callable(progress):
        return progress
    return _CallbackProgress(progress)


def execute_jobs(
    ws: Workspace,
    jobs: list[Job],
    *,
    today: dt.date,
    force: bool = False,
    progress: Progress | BuildProgress | None = None,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Make every job (skipping up-to-date ones unless ``force``); failures never stop the rest.

    Nothing is pruned and no index is written: that is :func:`build`'s job.
    """
    from abmcontent.batch import BuildOptions, run_build

    run = options or BuildOptions(jobs=1)
    run.force = run.force or force
    run.prune = False
    run.index = False
    return run_build(ws, jobs, today=today, options=run, progress=_progress(progress))


def render(
    workspace: Path | str | Workspace,
    account: str,
    *,
    doc: str,
    audience: str | None = None,
    formats: Iterable[str] | None = None,
    today: dt.date | None = None,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Build the documents of one account (all audiences unless ``audience`` is given).

    Always renders (no up-to-date check) and records the results in the manifest. A document
    :func:`build` would not plan (an audience or format of your own choosing) is recorded as
    one-off: later builds keep it instead of pruning it. ``options`` sets how (default: in
    this process, default limits).
    """
    from abmcontent.batch import BuildOptions

    ws = _as_workspace(workspace)
    jobs = plan_jobs(ws, accounts=[account], docs=[doc], audience=audience, formats=formats)
    planned = {job.output for job in plan_jobs(ws, accounts=[account], docs=[doc])}
    one_off = frozenset(job.output for job in jobs if job.output not in planned)
    options = replace(options or BuildOptions(jobs=1), one_off=one_off)
    return execute_jobs(ws, jobs, today=today or dt.date.today(), force=True, options=options)


def build(
    workspace: Path | str | Workspace,
    *,
    tiers: Iterable[str] | None = None,
    accounts: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    force: bool = False,
    today: dt.date | None = None,
    progress: Progress | BuildProgress | None = None,
    jobs: int | None = None,
    dry_run: bool = False,
    scheduler: str | None = None,
    thumbnails: bool = True,
    limits: Limits | None = None,
    isolate: bool = False,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Incrementally build everything selected, in parallel; see :mod:`abmcontent.batch`.

    Unchanged documents are skipped, stale ones rendered by ``jobs`` worker processes (or
    on the Dask cluster at ``scheduler``), documents of the selection that are no longer
    planned are deleted, and ``output/index.html`` is refreshed.

    Args:
        workspace: the workspace folder, or one already loaded.
        tiers: only accounts of these tiers.
        accounts: only these accounts.
        docs: only these documents.
        formats: only these formats.
        force: render even what is up to date.
        today: the document date (default: today).
        progress: a callable ``(job, status)`` or a
            :class:`~abmcontent.batch.progress.BuildProgress`.
        jobs: worker processes (default: the available cores).
        dry_run: only report what would be built and pruned.
        scheduler: a Dask scheduler address, ``tcp://HOST:PORT``.
        thumbnails: make first-page thumbnails for the index.
        limits: the time limit per document and memory limit per worker
            (:mod:`abmcontent.batch.limits`; default 300 s and 4096 MiB).
        isolate: render in worker processes even for one document (builds started from a
            thread other than the main one: the time limit needs it).
        options: every build option at once (overrides the keyword arguments above).

    Raises:
        UsageError: an unknown account, document, format, or a bad option.
    """
    from abmcontent.batch import BuildOptions, Selection, run_build

    ws = _as_workspace(workspace)
    planned = plan_jobs(ws, accounts=accounts, docs=docs, formats=formats, tiers=tiers)
    from abmcontent.batch.limits import Limits

    run = options or BuildOptions(
        jobs=jobs,
        force=force,
        dry_run=dry_run,
        scheduler=scheduler,
        thumbnails=thumbnails,
        limits=limits or Limits(),
        isolate=isolate,
    )
    selection = Selection.of(tiers=tiers, accounts=accounts, docs=docs, formats=formats)
    return run_build(
        ws,
        planned,
        today=today or dt.date.today(),
        selection=selection,
        options=run,
        progress=_progress(progress),
    )
