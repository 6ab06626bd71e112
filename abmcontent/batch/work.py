"""The worker side of a batch build: render one job to bytes, in whatever process runs it.

A worker loads the workspace once (:func:`init_worker`), then renders small
:class:`WorkItem` values sent by the parent and returns :class:`WorkResult` values: the
bytes and warnings, never files. Only the parent writes outputs and the manifest.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from abmcontent.batch.lifelines import exit_with
from abmcontent.batch.limits import Limits, TimeLimitExceeded, limit_memory, time_limit
from abmcontent.errors import AbmError
from abmcontent.fingerprint import InputHasher
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.pipeline import Job, PreparedJob, prepare_job, render_prepared

#: give freed memory back to the system every this many documents (glibc keeps it)
TRIM_EVERY = 20


@dataclass(frozen=True)
class WorkItem:
    """One job to render, and the input hash the parent expects (``""``: not computed)."""

    job: Job
    input_hash: str


@dataclass
class WorkResult:
    """What a worker made of one :class:`WorkItem`.

    Attributes:
        job: the job.
        input_hash: the input hash the worker computed; it differs from the item's when
            a workspace file changed during the build (the document is made from, and
            recorded with, what the worker read) or the worker runs other code.
        data: the document's bytes, or ``None`` when it failed.
        warnings: what a reader should be warned about.
        sources: workspace files the document was built from.
        source_hashes: sha256 of each source as the worker read it.
        stories: the case studies chosen, ``{customer, title, reasons}`` each.
        error: why it failed, or ``None``.
        pid: the worker process.
        peak_rss_kib: the worker's resident-memory high-water mark so far.
        render_ms: how long preparing and rendering took, in milliseconds.
        cpu_s: CPU time the worker process has used so far, in seconds.
    """

    job: Job
    input_hash: str
    data: bytes | None
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    source_hashes: dict[str, str] = field(default_factory=dict)
    stories: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    pid: int = 0
    peak_rss_kib: int = 0
    render_ms: int = 0
    cpu_s: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the document was made."""
        return self.error is None and self.data is not None


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker process needs to start: picklable, sent once per worker.

    Attributes:
        root: the workspace folder.
        today: the document date.
        options: render options.
        setup: a module-level function run first in each worker (registers plugins or,
            in tests, fake renderers); pickled by reference.
        journal: a folder where each worker notes the job it is on (to tell which jobs a
            dying worker took with it).
        build_pid: the process running the build; the worker exits when it ends (0: never).
        limits: the time and memory bounds of each render.
        office_url: the build's long-lived LibreOffice
            (:mod:`abmcontent.renderers.office_server`), or ``None``.
    """

    root: str
    today: dt.date
    options: dict[str, str] = field(default_factory=dict)
    setup: Callable[[], None] | None = None
    journal: str | None = None
    build_pid: int = 0
    limits: Limits = field(default_factory=Limits)
    office_url: str | None = None


def peak_rss_kib() -> int:
    """The resident-memory high-water mark of this process, in KiB."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def trim_memory() -> None:
    """Ask glibc to give freed heap memory back to the system (no-op elsewhere)."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)


def failure(job: Job, input_hash: str, reason: str) -> WorkResult:
    """A result saying ``job`` could not be made, and why."""
    return WorkResult(job, input_hash, None, error=reason, pid=os.getpid())


class WorkerState:
    """A loaded workspace and the means to render its jobs, kept for a worker's life."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        today: dt.date,
        options: dict[str, str] | None = None,
        journal: Path | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.workspace = workspace
        self.today = today
        self.options = dict(options or {})
        self.limits = limits or Limits()
        self.hasher = InputHasher(workspace.root, workspace.file_hashes)
        self.journal = journal
        self.done = 0

    def _note(self, job: Job) -> None:
        if self.journal is not None:
            with contextlib.suppress(OSError):
                (self.journal / str(os.getpid())).write_text(job.output, encoding="utf-8")

    def _source_hashes(self, prepared: PreparedJob) -> dict[str, str]:
        """sha256 of every input file of a prepared job, as this worker read them."""
        return {f: self.hasher.file(f) for f in input_files(self.workspace.root, prepared)}

    def render(self, item: WorkItem) -> WorkResult:
        """Render one item; every error becomes a failed result, never an exception.

        The render is bounded by :attr:`limits` (see :mod:`abmcontent.batch.limits`).
        """
        self._note(item.job)
        started = time.perf_counter()
        try:
            with time_limit(self.limits.time_s):
                prepared = prepare_job(
                    self.workspace,
                    item.job,
                    today=self.today,
                    options=self.options,
                    hasher=self.hasher,
                )
                rendered = render_prepared(self.workspace, prepared)
        except TimeLimitExceeded:
            return failure(item.job, item.input_hash, self.limits.too_slow())
        except MemoryError:
            return failure(item.job, item.input_hash, self.limits.too_big())
        except AbmError as exc:
            return failure(item.job, item.input_hash, str(exc))
        except Exception as exc:  # a renderer bug must not take the other jobs down
            return failure(
                item.job, item.input_hash, f"internal error: {type(exc).__name__}: {exc}"
            )
        finally:
            self.done += 1
            if self.done % TRIM_EVERY == 0:
                trim_memory()
        return WorkResult(
            item.job,
            prepared.input_hash,
            rendered.data,
            warnings=list(rendered.warnings),
            sources=sorted(set(prepared.context.sources)),
            source_hashes=self._source_hashes(prepared),
            stories=chosen_stories(prepared.context.data),
            pid=os.getpid(),
            peak_rss_kib=peak_rss_kib(),
            render_ms=round((time.perf_counter() - started) * 1000),
            cpu_s=time.process_time(),
        )


def chosen_stories(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The case studies of a document's context and why each was chosen (for the manifest)."""
    return [
        {
            "customer": str(story.get("customer", "")),
            "title": str(story.get("title", "")),
            "reasons": [str(r) for r in story.get("reasons", [])],
        }
        for story in context.get("case_studies", [])
    ]


def input_files(root: Path, prepared: PreparedJob) -> list[str]:
    """The workspace files a document was made from (workspace-relative paths).

    Its sources and, when the workspace has its own, its template.
    """
    files = set(prepared.context.sources)
    template = prepared.template.resolve()
    if template.is_relative_to(root.resolve()):
        files.add(template.relative_to(root.resolve()).as_posix())
    return sorted(files)


_STATE: WorkerState | None = None


def init_worker(config: WorkerConfig) -> None:
    """Process-pool initializer: run the setup hook and load the workspace once.

    The worker also ends itself when the build process ends (see
    :mod:`abmcontent.batch.lifelines`), and bounds its memory (:mod:`abmcontent.batch.limits`).
    """
    global _STATE
    exit_with(config.build_pid)
    limit_memory(config.limits.memory_mb)
    if config.office_url is not None:
        from abmcontent.renderers.office_server import use_server

        use_server(config.office_url)
    if config.setup is not None:
        config.setup()
    _STATE = WorkerState(
        load_workspace(config.root),
        today=config.today,
        options=config.options,
        journal=Path(config.journal) if config.journal else None,
        limits=config.limits,
    )


def render_in_worker(item: WorkItem) -> WorkResult:
    """Process-pool task: render ``item`` with the state :func:`init_worker` loaded."""
    if _STATE is None:
        raise RuntimeError("init_worker was not called in this process")
    return _STATE.render(item)
