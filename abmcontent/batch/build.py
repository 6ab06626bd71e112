"""A batch build, top to bottom: sort jobs -> render the stale ones -> write -> prune -> index.

Workers only return bytes; this module alone writes files, always atomically, and keeps the
manifest. A failed job removes its output and manifest entry; the other jobs go on. The
manifest is saved as the build goes and when it is interrupted, so what was written is
never rebuilt for nothing and nothing stale is ever described as current.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from abmcontent import build_snapshot
from abmcontent.api import BuildReport
from abmcontent.batch.executors import Executor, InlineExecutor, ProcessExecutor
from abmcontent.batch.limits import Limits
from abmcontent.batch.progress import BuildProgress
from abmcontent.batch.prune import Selection, split_one_offs, unplanned
from abmcontent.batch.schedule import longest_first
from abmcontent.batch.triage import triage
from abmcontent.batch.work import WorkerConfig, WorkerState
from abmcontent.batch.writer import Writer
from abmcontent.build_lock import build_lock
from abmcontent.errors import BuildCancelled, RenderError, UsageError, describe_os_error
from abmcontent.layout import OUTPUT_DIR
from abmcontent.loading.workspace import Workspace
from abmcontent.outputs import (
    Manifest,
    output_root,
    remove_temporary_files,
)
from abmcontent.pipeline import Job

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


def _executor(workspace: Workspace, today: dt.date, options: BuildOptions, stale: int) -> Executor:
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
    )
    return ProcessExecutor(config, workers, options.start_method, cancel=options.cancel)


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
    try:
        for path, reason in sorted_jobs.failed.items():
            writer.discard(path, reason)
        if sorted_jobs.stale:
            executor = _executor(workspace, today, options, len(sorted_jobs.stale))
            saved = time.monotonic()
            expected = {item.job.output: item.input_hash for item in sorted_jobs.stale}
            ordered = longest_first(sorted_jobs.stale, manifest.entries.values())
            for result in executor.results(ordered):
                if options.cancel is not None and options.cancel.is_set():
                    raise BuildCancelled("the build was cancelled")
                status = writer.store(result, expected[result.job.output])
                if progress is not None:
                    progress.update(result.job, status)
                if time.monotonic() - saved > SAVE_EVERY_S:
                    writer.save_manifest()
                    saved = time.monotonic()
        writer.prune(stale_entries)
    finally:
        writer.save_manifest()
        if progress is not None:
            progress.finish()
    if options.index:
        from abmcontent.batch.index_html import INDEX_NAME, publish_index

        try:
            report.index = publish_index(
                workspace,
                manifest,
                thumbnails=options.thumbnails,
                workers=options.jobs or available_cores(),
                failed=report.failed,
            )
        except OSError as exc:  # the documents are written: say so, and why there is no index
            report.failed[f"{OUTPUT_DIR}/{INDEX_NAME}"] = (
                f"cannot write the index: {describe_os_error(exc)}")
    return report
