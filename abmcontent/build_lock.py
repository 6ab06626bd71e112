"""One build at a time per workspace: an exclusive lock on ``output/.build.lock``.

Everything that writes documents, the manifest, previews or the index of a workspace (the
``build`` and ``render`` commands, :func:`abmcontent.build`, the web's generate and batch
buttons) holds this lock while it works. A second build of the same workspace does not wait:
it stops at once with "a build is running in this workspace (pid N)", so two builds never
overwrite each other's manifest or delete each other's temporary files.

The lock is ``fcntl.flock`` on a file that holds the owner's pid; the operating system
releases it when the owner exits, however it ends (``kill -9`` included), so a stale lock
file never blocks anything. The file is opened without following links and removed when the
lock is released. The lock is re-entrant within one thread (the CLI holds it around a build
that takes it again). This module imports only the standard library.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from abmcontent.errors import RenderError
from abmcontent.layout import OUTPUT_DIR

LOCK_NAME = ".build.lock"


class BuildLocked(RenderError):
    """Another build of the workspace is running (exit code 1)."""


@dataclass
class _Held:
    fd: int
    depth: int
    thread: int
    made_output: bool


_HELD: dict[str, _Held] = {}
_GUARD = threading.Lock()


def lock_path(root: Path) -> Path:
    """The lock file of the workspace ``root``."""
    return root / OUTPUT_DIR / LOCK_NAME


def _holder(fd: int) -> str:
    """The pid written by the lock's owner, or ``unknown`` when it wrote none yet."""
    with contextlib.suppress(OSError):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
    return "unknown"


def _open_lock(path: Path) -> int:
    """Open (creating) the lock file without following a link planted in its place."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RenderError(
                f"{OUTPUT_DIR}/{LOCK_NAME} is a symbolic link: remove it and build again"
            ) from None
        raise RenderError(f"cannot create {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise RenderError(f"{OUTPUT_DIR}/{LOCK_NAME} is not a regular file: remove it")
    return fd


def _acquire(path: Path) -> int:
    """Take the lock; return its descriptor.

    Raises:
        BuildLocked: another process holds it.
    """
    while True:
        fd = _open_lock(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _holder(fd)
            os.close(fd)
            raise BuildLocked(f"a build is running in this workspace (pid {owner})") from None
        # the previous owner may have removed the file between our open and our lock:
        # the lock only counts on the file that is still at ``path``
        try:
            same = os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            return fd
        os.close(fd)


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the build lock of the workspace ``root`` for the ``with`` block.

    ``output/`` is created for the lock when it is missing (and removed again if the block
    left it empty).

    Raises:
        BuildLocked: another build (another process, or another thread here) holds it.
        RenderError: the lock file cannot be made (read-only folder, a link in its place).
    """
    if not root.is_dir():  # not a workspace: loading it says so, nothing to lock
        yield
        return
    out = root / OUTPUT_DIR
    key = os.path.realpath(out)
    me = threading.get_ident()
    with _GUARD:
        held = _HELD.get(key)
        if held is not None:
            if held.thread != me:
                raise BuildLocked(f"a build is running in this workspace (pid {os.getpid()})")
            held.depth += 1
        else:
            made = not out.is_dir()
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RenderError(f"cannot create {out}: {exc.strerror or exc}") from None
            try:
                fd = _acquire(out / LOCK_NAME)
            except BaseException:
                if made:
                    with contextlib.suppress(OSError):
                        out.rmdir()
                raise
            held = _HELD[key] = _Held(fd, 1, me, made)
    try:
        yield
    finally:
        with _GUARD:
            held.depth -= 1
            if held.depth == 0:
                del _HELD[key]
                with contextlib.suppress(OSError):
                    os.unlink(out / LOCK_NAME)  # still ours: removed before it is released
                os.close(held.fd)
                if held.made_output:
                    with contextlib.suppress(OSError):
                        out.rmdir()  # only when empty: a build that wrote nothing
