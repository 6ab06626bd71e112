"""Worker processes never outlive their build, and a killed build leaves no folder behind.

A worker watches the process that started the build (not its own parent: with the
``forkserver`` start method that is the fork server) and exits as soon as the build is
gone, however it ended (``kill -9`` included), instead of waiting forever on its task queue.
Each pool's journal folder in the temporary directory carries the build's pid; a build
first removes the folders of builds that no longer run.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import tempfile
import threading
import time
from pathlib import Path

JOURNAL_PREFIX = "abmcontent-journal-"
#: how often a worker without pidfd support looks for its build
POLL_S = 1.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _wait_for_exit(pid: int) -> None:
    """Return when process ``pid`` has ended."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, or an old kernel: poll
        while _alive(pid):
            time.sleep(POLL_S)
        return
    try:
        select.select([fd], [], [])
    finally:
        os.close(fd)


def exit_with(pid: int) -> None:
    """End this process (at once, whatever it is doing) when process ``pid`` ends."""
    if pid <= 0 or pid == os.getpid():
        return
    if not _alive(pid):
        os._exit(1)

    def watch() -> None:
        _wait_for_exit(pid)
        os._exit(1)

    threading.Thread(target=watch, name="abmcontent-lifeline", daemon=True).start()


def new_journal() -> str:
    """A fresh journal folder named after this build's pid."""
    return tempfile.mkdtemp(prefix=f"{JOURNAL_PREFIX}{os.getpid()}-")


def remove_orphan_journals() -> list[Path]:
    """Delete the journal folders of builds that no longer run; return them."""
    pattern = re.compile(rf"{re.escape(JOURNAL_PREFIX)}(\d+)-")
    removed = []
    with contextlib.suppress(OSError):
        for folder in Path(tempfile.gettempdir()).iterdir():
            found = pattern.match(folder.name)
            if found and not _alive(int(found.group(1))) and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed
