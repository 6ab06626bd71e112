"""Where jobs run: in this process, or in a pool of long-lived worker processes.

Every executor takes :class:`~abmcontent.batch.work.WorkItem` values and yields one
:class:`~abmcontent.batch.work.WorkResult` per item, in completion order. A job that fails,
or a worker that dies, turns into a failed result; the other jobs go on.
"""

from __future__ import annotations

import multiprocessing
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from abmcontent.batch.work import (
    WorkerConfig,
    WorkerState,
    WorkItem,
    WorkResult,
    failure,
    init_worker,
    render_in_worker,
)

#: a job that was running when its worker died this many times is given up
MAX_WORKER_DEATHS = 2


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

    When a worker dies (killed, out of memory, a crash in native code), the pool is started
    again and the jobs it did not finish are sent again; a job that was running in a dying
    worker :data:`MAX_WORKER_DEATHS` times is reported as failed.

    Args:
        config: what each worker needs to start.
        workers: how many processes.
        start_method: ``forkserver``, ``spawn`` or ``fork``.
    """

    def __init__(self, config: WorkerConfig, workers: int, start_method: str | None = None) -> None:
        self.config = config
        self.workers = workers
        self.start_method = start_method or default_start_method()

    def _pool(self, journal: str) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload(["abmcontent.batch.work"])
        config = WorkerConfig(
            root=self.config.root,
            today=self.config.today,
            options=self.config.options,
            setup=self.config.setup,
            journal=journal,
        )
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(config,),
        )

    def results(self, items: Sequence[WorkItem]) -> Iterator[WorkResult]:
        """Run the items on the pool; restart it when a worker dies."""
        deaths: dict[str, int] = {}
        todo = list(items)
        while todo:
            journal = tempfile.mkdtemp(prefix="abmcontent-journal-")
            pool = self._pool(journal)
            try:
                futures: dict[Future[WorkResult], WorkItem] = {
                    pool.submit(render_in_worker, item): item for item in todo
                }
                todo = []
                finished: set[str] = set()
                lost: list[WorkItem] = []
                for future in as_completed(futures):
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
                running = _running_jobs(Path(journal)) - finished
                for item in lost:
                    key = item.job.output
                    if key in running:
                        deaths[key] = deaths.get(key, 0) + 1
                    if deaths.get(key, 0) >= MAX_WORKER_DEATHS:
                        yield failure(
                            item.job,
                            item.input_hash,
                            "the worker process died while rendering this document "
                            f"({deaths[key]} times: killed, out of memory or crashed)",
                        )
                    else:
                        todo.append(item)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
                shutil.rmtree(journal, ignore_errors=True)


def _running_jobs(journal: Path) -> set[str]:
    """The job each worker noted last: what a dying pool took with it."""
    running: set[str] = set()
    for note in journal.iterdir():
        try:
            running.add(note.read_text(encoding="utf-8"))
        except OSError:
            continue
    return running
