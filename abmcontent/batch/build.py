"""A batch build, top to bottom: sort jobs -> render the stale ones -> write -> prune -> index.

Workers only return bytes; this module alone writes files, always atomically, and keeps the
manifest. A failed job removes its output and manifest entry; the other jobs go on. The
manifest is saved as the build goes and when it is interrupted, so what was written is
never rebuilt for nothing and nothing stale is ever described as current.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from abmcontent import build_snapshot
from abmcontent.api import BuildReport
from abmcontent.batch.executors import Executor, InlineExecutor, ProcessExecutor
from abmcontent.batch.limits import Limits
from abmcontent.batch.progress import BuildProgress
from abmcontent.batch.prune import Selection, split_one_offs, unplanned
from abmcontent.batch.schedule import longest_first
from abmcontent.batch.triage import triage
from abmcontent.batch.work import WorkerConfig, WorkerState, WorkItem
from abmcontent.batch.writer import Writer
from abmcontent.build_lock import build_lock
from abmcontent.documents import DOCUMENTS
from abmcontent.errors import BuildCancelled, RenderError, UsageError, describe_os_error
from abmcontent.layout import OUTPUT_DIR
from abmcontent.loading.workspace import Workspace
from abmcontent.outputs import (
    Manifest,
    output_root,
    remove_temporary_files,
)
from abmcontent.pipeline import Job

#: the renderer that converts Office files with LibreOffice
OFFICE_PDF = "office-pdf"
#: conversions that make a long-lived LibreOffice worth starting (it takes longer to come up
#: than one ``soffice`` start)
MIN_CONVERSIONS = 2
#: LibreOffice servers at most (each converts one document at a time, on one core)
MAX_OFFICE_SERVERS = 4

#: save the manifest at least this often during a long build
SAVE_EVERY_S = 10.0


@dataclass
class BuildOptions:
    """How a batch build runs.

    Attributes:
        jobs: worker processes (``None``: one per available core; 1: in this process).
        force: render everything, even what is up to date.
        dry_run: only report what would be built and pruned; write nothing.
        prune: delete documents of the selection that are no longer planned.
        scheduler: a Dask scheduler address (``tcp://HOST:PORT``) to render on.
        thumbnails: make first-page thumbnails for the index.
        index: write ``output/index.html``.
        start_method: multiprocessing start method of the pool.
        worker_setup: module-level function run first in each worker process.
        render_options: options passed to rendering (part of every input hash).
        one_off: output paths to record as one-off (made by ``render``, kept by builds).
        limits: the time limit per document and the memory limit per worker.
        isolate: render in worker processes even for one job (a build on a server thread:
            the time limit needs a process of its own there).
        cancel: set it to stop the build (``BuildCancelled`` is raised; the workers are
            stopped; what was finished is kept with its manifest entries).
    """

    jobs: int | None = None
    force: bool = False
    dry_run: bool = False
    prune: bool = True
    scheduler: str | None = None
    thumbnails: bool = True
    index: bool = True
    start_method: str | None = None
    worker_setup: Callable[[], None] | None = None
    render_options: dict[str, str] = field(default_factory=dict)
    one_off: frozenset[str] = frozenset()
    limits: Limits = field(default_factory=Limits)
    isolate: bool = False
    cancel: threading.Event | None = None


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _executor(
    workspace: Workspace,
    today: dt.date,
    options: BuildOptions,
    stale: int,
    office_url: str | None = None,
) -> Executor:
    if options.scheduler:
        from abmcontent.batch.distributed import DaskExecutor

        return DaskExecutor(
            options.scheduler, workspace.root, today.isoformat(), options.render_options
        )
    workers = min(options.jobs or available_cores(), stale)
    if workers <= 1 and not options.isolate:
        return InlineExecutor(
            WorkerState(
                workspace, today=today, options=options.render_options, limits=options.limits
            )
        )
    config = WorkerConfig(
        root=str(workspace.root),
        today=today,
        options=options.render_options,
        setup=options.worker_setup,
        limits=options.limits,
        office_url=office_url,
    )
    return ProcessExecutor(config, workers, options.start_method, cancel=options.cancel)


def _needs_office(stale: list[Job], options: BuildOptions) -> bool:
    """Whether the build will convert Office files often enough to start LibreOffice now.

    PDF decks are converted as they render; new decks and Word files get previews (made
    after rendering: :func:`~abmcontent.batch.thumbnails.make_thumbnails` starts it itself
    if the build did not). Starting it now overlaps its start with rendering. One
    conversion alone is quicker with a ``soffice`` start of its own, and a build that
    converts nothing starts nothing.
    """
    previews = options.index and options.thumbnails
    conversions = 0
    for job in stale:
        spec = DOCUMENTS[job.doc].formats.get(job.format) if job.doc in DOCUMENTS else None
        conversions += spec is not None and spec.renderer == OFFICE_PDF
        conversions += previews and job.format in {"pptx", "docx"}
    return conversions >= MIN_CONVERSIONS


def _office_for(needed: bool, workers: int) -> AbstractContextManager[str | None]:
    """The build's long-lived LibreOffice servers when it needs them, one per worker.

    At most :data:`MAX_OFFICE_SERVERS`; their module is imported only when needed. A build
    that needs none still hands its workers the servers an enclosing block of this process
    runs (the web server's, :mod:`abmcontent.web.office`): they render in processes of
    their own.
    """
    if not needed:
        return nullcontext(_enclosing_office())
    from abmcontent.renderers.office_server import shared_office

    return shared_office(instances=min(workers, MAX_OFFICE_SERVERS))


def _enclosing_office() -> str | None:
    """The address of the servers this process already runs, or ``None``.

    Without their module loaded there are none (and a build that converts nothing imports
    no renderer module).
    """
    if "abmcontent.renderers.office_server" not in sys.modules:
        return None
    from abmcontent.renderers.office_server import active_url

    return active_url()


def _render_stale(
    workspace: Workspace,
    today: dt.date,
    options: BuildOptions,
    stale: list[WorkItem],
    writer: Writer,
    progress: BuildProgress | None,
    office_url: str | None,
) -> None:
    """Render the stale jobs (longest first) and store each result as it comes.

    Raises:
        BuildCancelled: ``options.cancel`` was set (what was stored is kept).
    """
    if not stale:
        return
    executor = _executor(workspace, today, options, len(stale), office_url)
    saved = time.monotonic()
    expected = {item.job.output: item.input_hash for item in stale}
    for result in executor.results(longest_first(stale, writer.manifest.entries.values())):
        if options.cancel is not None and options.cancel.is_set():
            raise BuildCancelled("the build was cancelled")
        status = writer.store(result, expected[result.job.output])
        if progress is not None:
            progress.update(result.job, status)
        if time.monotonic() - saved > SAVE_EVERY_S:
            writer.save_manifest()
            saved = time.monotonic()


def _publish(
    workspace: Workspace,
    manifest: Manifest,
    options: BuildOptions,
    report: BuildReport,
    progress: BuildProgress | None,
) -> None:
    """Make the missing previews and write the index; a failure to write it is reported."""
    from abmcontent.batch.index_html import INDEX_NAME, publish_index

    try:
        report.index = publish_index(
            workspace,
            manifest,
            thumbnails=options.thumbnails,
            workers=options.jobs or available_cores(),
            failed=report.failed,
            progress=progress.previews if progress is not None else None,
        )
    except OSError as exc:  # the documents are written: say so, and why there is no index
        report.failed[f"{OUTPUT_DIR}/{INDEX_NAME}"] = (
            f"cannot write the index: {describe_os_error(exc)}")


def run_build(
    workspace: Workspace,
    jobs: list[Job],
    *,
    today: dt.date,
    selection: Selection | None = None,
    options: BuildOptions | None = None,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Build ``jobs`` incrementally; see the module docstring.

    Args:
        workspace: the loaded workspace.
        jobs: the planned jobs (:func:`abmcontent.pipeline.plan_jobs`).
        today: the document date.
        selection: the filters the jobs were planned with (limits pruning).
        options: how to run.
        progress: receives progress.

    Raises:
        UsageError: ``jobs`` is not positive.
        BuildLocked: another build of the workspace is running.
    """
    options = options or BuildOptions()
    if options.jobs is not None and options.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {options.jobs}")
    if options.dry_run:  # writes nothing: needs no lock
        return _run_build(workspace, jobs, today, selection, options, progress)
    with build_lock(workspace.root):
        return _run_build(workspace, jobs, today, selection, options, progress)


def _run_build(
    workspace: Workspace,
    jobs: list[Job],
    today: dt.date,
    selection: Selection | None,
    options: BuildOptions,
    progress: BuildProgress | None,
) -> BuildReport:
    """:func:`run_build` once the options are checked and the lock is held."""
    report = BuildReport(planned=list(jobs), dry_run=options.dry_run)
    manifest = Manifest(workspace.root)
    problem = manifest.describe_problem()
    if problem is not None:
        report.notices.append(problem)
    if not options.dry_run:
        try:  # outputs may change: no-op fast path is off
            build_snapshot.forget(workspace.root)
        except OSError as exc:  # a read-only output/ fails here, before any work
            raise RenderError(f"cannot write in {OUTPUT_DIR}/: {describe_os_error(exc)}") from None
        remove_temporary_files(output_root(workspace.root))
    sorted_jobs = triage(
        workspace,
        jobs,
        manifest,
        today=today,
        force=options.force,
        options=options.render_options,
    )
    report.up_to_date = sorted_jobs.up_to_date
    not_planned = (
        unplanned(manifest.entries.values(), jobs, workspace, selection or Selection())
        if options.prune
        else []
    )
    stale_entries, report.kept = split_one_offs(not_planned, workspace)
    if options.dry_run:
        report.would_build = [item.job.output for item in sorted_jobs.stale]
        report.failed = dict(sorted_jobs.failed)
        report.pruned = [entry.path for entry in stale_entries]
        return report
    writer = Writer(workspace.root, manifest, report, options.one_off)
    if progress is not None:
        progress.start(len(sorted_jobs.stale), len(sorted_jobs.up_to_date), len(sorted_jobs.failed))
    office = _needs_office([item.job for item in sorted_jobs.stale], options)
    try:
        for path, reason in sorted_jobs.failed.items():
            writer.discard(path, reason)
        with _office_for(office, options.jobs or available_cores()) as url:
            _render_stale(workspace, today, options, sorted_jobs.stale, writer, progress, url)
            writer.prune(stale_entries)
            writer.save_manifest()
            if options.index:  # previews as the second phase of the progress
                _publish(workspace, manifest, options, report, progress)
    finally:
        writer.save_manifest()
        if progress is not None:
            progress.finish()
    return report
