"""A batch build, top to bottom: sort jobs -> render the stale ones -> write -> prune -> index.

Workers only return bytes; this module alone writes files, always atomically, and keeps the
manifest. A failed job removes its output and manifest entry; the other jobs go on. The
manifest is saved as the build goes and when it is interrupted, so what was written is
never rebuilt for nothing and nothing stale is ever described as current.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from abmcontent import build_snapshot
from abmcontent.api import BuildReport
from abmcontent.batch.executors import Executor, InlineExecutor, ProcessExecutor
from abmcontent.batch.progress import BuildProgress
from abmcontent.batch.prune import Selection, unplanned
from abmcontent.batch.schedule import longest_first
from abmcontent.batch.triage import triage
from abmcontent.batch.work import WorkerConfig, WorkerState, WorkResult
from abmcontent.build_lock import build_lock
from abmcontent.errors import AbmError, UsageError
from abmcontent.loading.workspace import Workspace
from abmcontent.outputs import (
    Manifest,
    ManifestEntry,
    output_root,
    remove_empty_folders,
    remove_output,
    remove_temporary_files,
    safe_output_path,
    sha256,
    stat_written,
    write_atomic,
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
    if workers <= 1:
        return InlineExecutor(WorkerState(workspace, today=today, options=options.render_options))
    config = WorkerConfig(
        root=str(workspace.root),
        today=today,
        options=options.render_options,
        setup=options.worker_setup,
    )
    return ProcessExecutor(config, workers, options.start_method)


class _Writer:
    """Stores results: files, manifest entries and the report."""

    def __init__(self, root: Path, manifest: Manifest, report: BuildReport) -> None:
        self.root = root
        self.manifest = manifest
        self.report = report

    def discard(self, job_output: str, reason: str) -> None:
        """A failed document: no file, no entry, and the reason in the report."""
        try:
            remove_output(safe_output_path(self.root, job_output))
        except (AbmError, OSError) as exc:
            reason = f"{reason}\n(and its old file could not be removed: {exc})"
        self.manifest.forget(job_output)
        self.report.failed[job_output] = reason

    def store(self, result: WorkResult, expected_hash: str) -> str:
        """Write one result; return ``built`` or ``failed``."""
        job = result.job
        if result.pid and result.peak_rss_kib:
            peaks = self.report.worker_peak_rss_kib
            peaks[result.pid] = max(peaks.get(result.pid, 0), result.peak_rss_kib)
        if result.pid and result.cpu_s:
            cpu = self.report.worker_cpu_s
            cpu[result.pid] = max(cpu.get(result.pid, 0.0), result.cpu_s)
        if not result.ok or result.data is None:
            self.discard(job.output, result.error or "no document was returned")
            return "failed"
        try:
            target = safe_output_path(self.root, job.output)
            write_atomic(target, result.data)
            size, mtime_ns = stat_written(target)
        except (AbmError, OSError) as exc:
            # an I/O failure (disk full, read-only folder) keeps the last good file and its
            # manifest entry: its inputs differ, so the next build tries again
            self.report.failed[job.output] = (
                f"cannot write the document: {exc} (the previous version, if any, is kept)")
            return "failed"
        self.manifest.record(
            ManifestEntry(
                account=job.account,
                doc=job.doc,
                audience=job.audience.id,
                format=job.format,
                path=job.output,
                sha256=sha256(result.data),
                input_hash=result.input_hash,
                warnings=list(result.warnings),
                sources=list(result.sources),
                size=size,
                mtime_ns=mtime_ns,
                render_ms=result.render_ms,
            )
        )
        if result.warnings:
            self.report.warnings[job.output] = list(result.warnings)
        if expected_hash and result.input_hash != expected_hash:
            self.report.changed_inputs.append(job.output)
        self.report.built.append(job.output)
        return "built"

    def prune(self, entries: list[ManifestEntry]) -> None:
        """Delete documents that are no longer planned, and their empty folders."""
        out = output_root(self.root)
        for entry in entries:
            self.manifest.forget(entry.path)
            try:
                target = safe_output_path(self.root, entry.path)
            except AbmError:
                continue  # a tampered manifest never makes us delete outside output/
            remove_output(target)
            remove_empty_folders(target.parent, out)
            self.report.pruned.append(entry.path)


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
        build_snapshot.forget(workspace.root)  # outputs may change: no-op fast path is off
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
    stale_entries = (
        unplanned(manifest.entries.values(), jobs, workspace, selection or Selection())
        if options.prune
        else []
    )
    if options.dry_run:
        report.would_build = [item.job.output for item in sorted_jobs.stale]
        report.failed = dict(sorted_jobs.failed)
        report.pruned = [entry.path for entry in stale_entries]
        return report
    writer = _Writer(workspace.root, manifest, report)
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
                status = writer.store(result, expected[result.job.output])
                if progress is not None:
                    progress.update(result.job, status)
                if time.monotonic() - saved > SAVE_EVERY_S:
                    manifest.save_if_changed()
                    saved = time.monotonic()
        writer.prune(stale_entries)
    finally:
        manifest.save_if_changed()
        if progress is not None:
            progress.finish()
    if options.index:
        from abmcontent.batch.index_html import publish_index

        report.index = publish_index(
            workspace,
            manifest,
            thumbnails=options.thumbnails,
            workers=options.jobs or available_cores(),
            failed=report.failed,
        )
    return report
