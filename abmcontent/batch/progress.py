"""Progress of a batch build: a Rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from abmcontent.pipeline import Job


class BuildProgress(Protocol):
    """Receives the progress of a build."""

    def start(self, to_build: int, up_to_date: int, failed: int) -> None:
        """Called once jobs are sorted: how many will render, are current, failed early."""
        ...

    def update(self, job: Job, status: str) -> None:
        """Called when a job is done: ``built`` or ``failed``."""
        ...

    def previews(self, done: int, total: int) -> None:
        """Called as first-page previews are made, after rendering: ``done`` of ``total``."""
        ...

    def finish(self) -> None:
        """Called at the end of the build, even when it is interrupted."""
        ...


def _eta(done: int, total: int, elapsed: float) -> str:
    if done == 0 or elapsed <= 0:
        return "--:--"
    left = (total - done) * elapsed / done
    minutes, seconds = divmod(int(left + 0.5), 60)
    return f"{minutes:02d}:{seconds:02d}"


class PlainProgress:
    """One line per document, with counts, rate and ETA (for logs and pipes)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.total = 0
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()

    def start(self, to_build: int, up_to_date: int, failed: int) -> None:
        """Print what is about to happen."""
        self.total = to_build
        self.started = time.perf_counter()
        print(
            f"{to_build} to build, {up_to_date} up to date, {failed} failed before rendering",
            file=self.stream,
            flush=True,
        )

    def update(self, job: Job, status: str) -> None:
        """Print one line for the finished job."""
        self.done += 1
        self.failed += status == "failed"
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        width = len(str(self.total))
        print(
            f"[{self.done:>{width}}/{self.total}] {status:<6} {job.label} "
            f"({rate:.1f} docs/s, ETA {_eta(self.done, self.total, elapsed)})",
            file=self.stream,
            flush=True,
        )

    def previews(self, done: int, total: int) -> None:
        """Print one line per preview made (``Previews 37/240``)."""
        if total and done:
            print(f"Previews {done}/{total}", file=self.stream, flush=True)

    def finish(self) -> None:
        """Nothing to close."""


class RichProgress:
    """A live Rich progress bar: counts, failures, rate and ETA."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("[red]{task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            transient=False,
        )
        self._task: object = None
        self._previews: object = None
        self._live = False
        self.failed = 0
        self.done = 0
        self.started = time.perf_counter()

    def start(self, to_build: int, up_to_date: int, failed: int) -> None:
        """Show the bar (nothing when there is nothing to render)."""
        self.started = time.perf_counter()
        self._progress.console.print(
            f"{to_build} to build, {up_to_date} up to date, {failed} failed before rendering"
        )
        if to_build:
            self._progress.start()
            self._live = True
            self._task = self._progress.add_task("Building", total=to_build, rate="", failed="")

    def update(self, job: Job, status: str) -> None:
        """Advance the bar by one document."""
        del job
        if self._task is None:
            return
        self.done += 1
        self.failed += status == "failed"
        elapsed = time.perf_counter() - self.started
        rate = f"{self.done / elapsed:.1f} docs/s" if elapsed > 0 else ""
        failed = f"{self.failed} failed" if self.failed else ""
        self._progress.update(self._task, advance=1, rate=rate, failed=failed)  # type: ignore[arg-type]

    def previews(self, done: int, total: int) -> None:
        """Show a second bar, ``Previews 37/240``, once there are previews to make."""
        if not total:
            return
        if self._previews is None:
            if not self._live:
                self._progress.start()
                self._live = True
            self._previews = self._progress.add_task("Previews", total=total, rate="", failed="")
        self._progress.update(self._previews, completed=done)  # type: ignore[arg-type]

    def finish(self) -> None:
        """Stop the live display."""
        if self._live:
            self._progress.stop()
            self._live = False


def progress_for(stream: TextIO | None = None) -> BuildProgress:
    """A Rich bar when ``stream`` (default stdout) is a terminal, plain lines otherwise."""
    stream = stream or sys.stdout
    if stream.isatty():
        return RichProgress()
    return PlainProgress(stream)
