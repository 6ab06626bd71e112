"""Builds run in a background thread, one at a time, with progress the pages can poll."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from abmcontent.api import BuildReport
from abmcontent.errors import AbmError, BuildCancelled, describe_os_error
from abmcontent.pipeline import Job
from abmcontent.web.slugs import small_number

HISTORY = 20


@dataclass
class JobStatus:
    """One build the server runs (a single document or a batch).

    Attributes:
        id: its number, from 1.
        kind: ``render`` or ``batch``.
        account: the account of a render.
        state: ``running``, ``done`` (nothing failed), ``failed`` (some documents failed),
            ``cancelled`` (stopped from the page) or ``error`` (the build could not run).
        total: documents to render (known once the build has sorted its jobs).
        done: documents rendered so far.
        failed_count: documents failed so far.
        up_to_date: documents skipped because they are current.
        previews_done: first-page previews made so far, after rendering.
        previews_total: previews to make.
        built: output paths written.
        failed: output path -> reason.
        warnings: output path -> warnings.
        error: why the build could not run.
        cancel: set to stop the build (see :meth:`JobRunner.cancel`).
    """

    id: int
    kind: str
    account: str | None = None
    state: str = "running"
    total: int = 0
    done: int = 0
    failed_count: int = 0
    up_to_date: int = 0
    previews_done: int = 0
    previews_total: int = 0
    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    error: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None
    cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def running(self) -> bool:
        """True until the build ends."""
        return self.state == "running"

    def as_json(self) -> dict[str, Any]:
        """What the progress poll returns."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "total": self.total,
            "done": self.done,
            "failed": self.failed_count,
            "up_to_date": self.up_to_date,
            "previews_done": self.previews_done,
            "previews_total": self.previews_total,
        }


class StatusProgress:
    """A :class:`~abmcontent.batch.progress.BuildProgress` that fills a :class:`JobStatus`."""

    def __init__(self, status: JobStatus) -> None:
        self.status = status

    def start(self, to_build: int, up_to_date: int, failed: int) -> None:
        """Record how many documents will render."""
        self.status.total = to_build
        self.status.up_to_date = up_to_date
        self.status.failed_count = failed

    def update(self, job: Job, status: str) -> None:
        """Count one finished document."""
        del job
        self.status.done += 1
        self.status.failed_count += status == "failed"

    def previews(self, done: int, total: int) -> None:
        """Record how far the previews are."""
        self.status.previews_done = done
        self.status.previews_total = total

    def finish(self) -> None:
        """Nothing to close."""


Work = Callable[[JobStatus], BuildReport]


class JobRunner:
    """Runs one build at a time in a background thread and remembers the recent ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._jobs: dict[int, JobStatus] = {}
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        """True while a build runs."""
        return self._thread is not None and self._thread.is_alive()

    def start(self, kind: str, work: Work, account: str | None = None) -> JobStatus | None:
        """Start ``work`` in the background; ``None`` when another build is running."""
        with self._lock:
            if self.busy:
                return None
            status = JobStatus(next(self._ids), kind, account)
            self._jobs[status.id] = status
            for old in sorted(self._jobs)[:-HISTORY]:
                del self._jobs[old]
            self._thread = threading.Thread(
                target=self._run, args=(status, work), name=f"abmcontent-web-{kind}", daemon=True
            )
            self._thread.start()
            return status

    @staticmethod
    def _run(status: JobStatus, work: Work) -> None:
        try:
            report = work(status)
        except BuildCancelled:
            status.state = "cancelled"
        except AbmError as exc:
            status.error = str(exc)
            status.state = "error"
        except OSError as exc:  # a read-only or full output folder
            status.error = f"cannot write: {describe_os_error(exc)}"
            status.state = "error"
        except Exception as exc:  # a bug must not kill the server; show it instead
            status.error = f"internal error: {type(exc).__name__}: {exc}"
            status.state = "error"
        else:
            status.built = list(report.built)
            status.failed = dict(report.failed)
            status.warnings = dict(report.warnings)
            status.up_to_date = len(report.up_to_date)
            status.failed_count = len(report.failed)
            status.done = max(status.done, len(report.built) + len(report.failed))
            status.total = max(status.total, status.done)
            status.state = "failed" if report.failed else "done"
        status.finished = time.time()

    def cancel(self, job_id: int | str) -> JobStatus | None:
        """Ask a running build to stop (its workers are stopped, finished documents kept)."""
        status = self.get(job_id)
        if status is not None and status.running:
            status.cancel.set()
        return status

    def get(self, job_id: int | str) -> JobStatus | None:
        """A recent build by number, or by the text of a URL (unknown unless 1-9 digits)."""
        number = job_id if isinstance(job_id, int) else small_number(job_id)
        return self._jobs.get(number) if number is not None else None

    def latest(self, kind: str) -> JobStatus | None:
        """The most recent build of ``kind``."""
        found = [j for j in self._jobs.values() if j.kind == kind]
        return max(found, key=lambda j: j.id) if found else None

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running build to end (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
