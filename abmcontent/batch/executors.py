"""Where jobs run: in this process, or in a pool of long-lived worker processes.

Every executor takes :class:`~abmcontent.batch.work.WorkItem` values and yields one
:class:`~abmcontent.batch.work.WorkResult` per item, in completion order. A job that fails,
or a worker that dies, turns into a failed result; the other jobs go on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from abmcontent.batch.lifelines import new_journal, remove_orphan_journals
from abmcontent.batch.work import (
    WorkerConfig,
    WorkerState,
    WorkItem,
    WorkResult,
    failure,
    init_worker,
    render_in_worker,
)
from abmcontent.errors import BuildCancelled

#: how often a pool build looks whether it was cancelled, in seconds
CANCEL_POLL_S = 0.5
#: a worker whose job runs this long past the time limit is killed (stuck in native code)
HARD_GRACE_S = 30.0
#: a job that was running when its worker died this many times is given up
MAX_WORKER_DEATHS = 2
WORKERS_CANNOT_START = (
    "the worker processes stopped before rendering anything: their set-up failed "
    "(see the messages above) or they were killed as they started"
)


class Executor(Protocol):
    """Runs work items and yields their results as they complete."""

    def results(self, items: Sequence[WorkItem]) -> Iterator[WorkResult]:
        """Yield one result per item, in completion order."""
        ...


class InlineExecutor:
    """Renders in this process, one job after the other (``--jobs 1``)."""

    def __init__(self, state: WorkerState) -> None:
        self.state = state

    def results(self, items: Sequence[WorkItem]) -> Iterator[WorkResult]:
        """Render each item in turn."""
        for item in items:
            yield self.state.render(item)


def default_start_method() -> str:
    """``forkserver`` where it exists (workers start clean, with no threads), else ``spawn``."""
    return "forkserver" if sys.platform.startswith("linux") else "spawn"


class ProcessExecutor:
    """A pool of long-lived worker processes, each loading the workspace once.

    When a worker dies (killed, out of memory, a crash in native code), the pool breaks and
    every job in flight is lost with it, the innocent ones running in the other workers
    too. The jobs that were running become suspects and are rendered again one at a time in
    a single-worker pool, where a death can only be the one running job's doing; then the
    other lost jobs go on in a full pool. A job whose worker died :data:`MAX_WORKER_DEATHS`
    times, at least once while it ran alone, is reported as failed.

    Args:
        config: what each worker needs to start.
        workers: how many processes.
        start_method: ``forkserver``, ``spawn`` or ``fork``.
        cancel: when set, the running jobs are stopped and ``BuildCancelled`` is raised.
    """

    def __init__(
        self,
        config: WorkerConfig,
        workers: int,
        start_method: str | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> None:
        self.config = config
        self.workers = workers
        self.start_method = start_method or default_start_method()
        self.cancel = cancel

    def _pool(self, journal: str, workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload(["abmcontent.batch.work"])
        config = WorkerConfig(
            root=self.config.root,
            today=self.config.today,
            options=self.config.options,
            setup=self.config.setup,
            journal=journal,
            build_pid=os.getpid(),
            limits=self.config.limits,
            office_url=self.config.office_url,
        )
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(config,),
        )

    def results(self, items: Sequence[WorkItem]) -> Iterator[WorkResult]:
        """Run the items on the pool; after a worker died, isolate the jobs it may have taken."""
        deaths: dict[str, int] = {}
        self._overdue: set[str] = set()
        todo = list(items)
        suspects: list[WorkItem] = []
        while todo or suspects:
            alone = bool(suspects)
            batch, workers = (suspects, 1) if alone else (todo, self.workers)
            if alone:
                suspects = []
            else:
                todo = []
            lost, running = yield from self._round(batch, workers)
            if lost and not running and len(lost) == len(batch):
                # the pool broke before any job started: the workers cannot start at all
                for item in lost:
                    yield failure(item.job, item.input_hash, WORKERS_CANNOT_START)
                continue
            certain = len(running) == 1  # one job was running: the death was its doing
            for item in lost:
                key = item.job.output
                if key in self._overdue:  # killed for its time: no retry
                    reason = f"{self.config.limits.too_slow()} (its worker was killed)"
                    yield failure(item.job, item.input_hash, reason)
                    continue
                if key not in running:
                    (suspects if alone else todo).append(item)
                    continue
                deaths[key] = deaths.get(key, 0) + 1
                if certain and deaths[key] >= MAX_WORKER_DEATHS:
                    yield failure(
                        item.job,
                        item.input_hash,
                        "the worker process died while rendering this document "
                        f"({deaths[key]} times: killed, out of memory or crashed)",
                    )
                else:
                    suspects.append(item)

    def _completed(
        self, futures: Iterable[Future[WorkResult]], journal: Path, finished: set[str]
    ) -> Iterator[Future[WorkResult]]:
        """The futures as they complete.

        Twice a second, looks for a cancellation and for a worker stuck past the time limit.
        """
        pending = set(futures)
        while pending:
            _check_cancel(self.cancel)
            self._kill_overdue(journal, finished)
            done, pending = wait(pending, timeout=CANCEL_POLL_S, return_when=FIRST_COMPLETED)
            yield from done

    def _kill_overdue(self, journal: Path, finished: set[str]) -> None:
        """Kill a worker whose job runs :data:`HARD_GRACE_S` past the time limit.

        The limit is normally enforced inside the worker; a render stuck in native code never
        sees it, and only this ends it. The worker's note (written as its job starts) says
        which job it runs and since when.
        """
        limit = self.config.limits.time_s
        if limit <= 0:
            return
        now = time.time()
        for note in journal.iterdir():
            try:
                job = note.read_text(encoding="utf-8")
                started = note.stat().st_mtime
            except OSError:
                continue
            if job in finished or job in self._overdue or now - started < limit + HARD_GRACE_S:
                continue
            with contextlib.suppress(ValueError, OSError):
                os.kill(int(note.name), signal.SIGKILL)
                self._overdue.add(job)

    def _round(
        self, batch: list[WorkItem], workers: int
    ) -> Generator[WorkResult, None, tuple[list[WorkItem], set[str]]]:
        """Run ``batch`` on a fresh pool, yielding results.

        Returns the items lost to a broken pool, and the jobs that were running when it broke.
        """
        remove_orphan_journals()
        journal = new_journal()
        pool = self._pool(journal, workers)
        interrupted = True
        try:
            futures: dict[Future[WorkResult], WorkItem] = {
                pool.submit(render_in_worker, item): item for item in batch
            }
            finished: set[str] = set()
            lost: list[WorkItem] = []
            for future in self._completed(futures, Path(journal), finished):
                item = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    lost.append(item)
                    continue
                except Exception as exc:  # e.g. an initializer or pickling error
                    result = failure(
                        item.job, item.input_hash, f"worker error: {type(exc).__name__}: {exc}"
                    )
                finished.add(item.job.output)
                yield result
            interrupted = False
            return lost, (_running_jobs(Path(journal)) - finished) if lost else set()
        finally:
            if interrupted:  # Ctrl+C, SIGTERM: the running jobs are not waited for
                _stop_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(journal, ignore_errors=True)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BuildCancelled("the build was cancelled")


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes (an interrupted build does not wait for them)."""
    processes = getattr(pool, "_processes", None) or {}  # no public API before Python 3.14
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()


def _running_jobs(journal: Path) -> set[str]:
    """The job each worker noted last: what a dying pool took with it."""
    running: set[str] = set()
    for note in journal.iterdir():
        try:
            running.add(note.read_text(encoding="utf-8"))
        except OSError:
            continue
    return running
