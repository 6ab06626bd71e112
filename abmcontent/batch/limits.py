"""Per-document time and memory limits, so one hostile template cannot hang a batch.

A template loop that never ends, or an expression such as ``'x' * 10**10``, must fail its
own document with a clear reason while the batch goes on. Two bounds apply:

- a **time limit** per document (``--time-limit``, default 300 s): an interval timer in the
  rendering process interrupts the render, which fails with "took longer than ...". It
  applies in worker processes and in a command's main thread (``--jobs 1``); a build on a
  server thread renders in a worker process for that reason (see ``BuildOptions.isolate``).
  A worker stuck where the timer cannot interrupt it (native code) is killed by the build
  30 s after the limit (:class:`~abmcontent.batch.executors.ProcessExecutor`).
- a **memory limit** per worker process (``--memory-limit``, default 4096 MiB of data
  memory, ``RLIMIT_DATA``): an allocation beyond it fails at once with ``MemoryError``
  instead of swapping the machine to a halt; the document fails with "needed more than ...".
  The ``build`` command bounds its own process too (it renders a lone stale document
  itself); a program using the Python API is never limited, only its workers.

Zero turns a limit off.
"""

from __future__ import annotations

import contextlib
import resource
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType

DEFAULT_TIME_LIMIT_S = 300.0
DEFAULT_MEMORY_LIMIT_MB = 4096


@dataclass(frozen=True)
class Limits:
    """The bounds of one document's render.

    Attributes:
        time_s: seconds per document (0: none).
        memory_mb: MiB of data memory per worker process (0: none).
    """

    time_s: float = DEFAULT_TIME_LIMIT_S
    memory_mb: int = DEFAULT_MEMORY_LIMIT_MB

    def too_slow(self) -> str:
        """The reason a document that ran out of time fails with."""
        return (
            f"took longer than the time limit of {self.time_s:g} s per document and was "
            "stopped (a template loop that never ends? raise it with --time-limit)"
        )

    def too_big(self) -> str:
        """The reason a document that ran out of memory fails with."""
        if self.memory_mb <= 0:
            return "ran out of memory while rendering"
        return (
            f"needed more than the memory limit of {self.memory_mb} MiB per worker and was "
            "stopped (a huge value or loop in a template? raise it with --memory-limit)"
        )


class TimeLimitExceeded(BaseException):
    """The render ran out of time (a ``BaseException``: no ``except Exception`` swallows it)."""


def limit_memory(megabytes: int) -> None:
    """Bound this process's data memory (heap and private mappings) to ``megabytes``."""
    if megabytes <= 0:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    wanted = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    del soft


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the ``with`` block after ``seconds``.

    Only the main thread receives signals: elsewhere (a server's build thread) the block
    runs unbounded, which is why such builds render in worker processes.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
