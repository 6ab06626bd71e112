"""Writing outputs safely: atomic files under ``output/`` and the manifest of what was built."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from abmcontent.errors import RenderError
from abmcontent.layout import OUTPUT_DIR

MANIFEST_NAME = "manifest.json"


def output_root(workspace_root: Path) -> Path:
    """The ``output/`` folder of a workspace."""
    return workspace_root / OUTPUT_DIR


def safe_output_path(workspace_root: Path, relative: str) -> Path:
    """Resolve ``relative`` under ``output/``, refusing anything that would leave it."""
    out = output_root(workspace_root).resolve()
    target = (workspace_root / relative).resolve()
    if not target.is_relative_to(out):
        raise RenderError(f"refusing to write outside {OUTPUT_DIR}/: {relative}")
    return target


def _umask() -> int:
    """The process umask, read without changing it where Linux tells it (``/proc``).

    Setting and restoring it (the only portable way) would race with other threads
    creating files, so that is only the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _new_file_mode() -> int:
    """The mode ``open()`` gives a new file now: 0o666 less the process umask."""
    return 0o666 & ~_umask()


def naming(exc: OSError, path: Path) -> OSError:
    """``exc`` again, with ``filename`` set to ``path`` (the file a user knows of)."""
    return OSError(exc.errno, exc.strerror or str(exc), str(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written).

    The file gets the permissions a plain ``open()`` would give it (``mkstemp`` alone makes
    it private to its owner, which breaks shared output folders and web servers). No link is
    followed: the temporary file is created new (``O_EXCL``) and the rename replaces a link
    found at ``path`` instead of writing where it points.

    Raises:
        OSError: the file cannot be written (read-only folder, disk full...); its
            ``filename`` is ``path``, not the temporary file.
    """
    with signals_held():  # Ctrl+C or SIGTERM land after the rename, never between
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as exc:
            raise naming(exc, path) from exc
        try:
            os.fchmod(fd, _new_file_mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, OSError):
                raise naming(exc, path) from exc
            raise


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM (main thread only) until the block ends, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def read_regular(path: Path) -> bytes:
    """The bytes of ``path``, refusing a symbolic link or anything but a regular file.

    Raises:
        OSError: ``path`` is missing, a link (``ELOOP``), not a regular file, or unreadable.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read()


def describe_unreadable(exc: OSError) -> str:
    """Why :func:`read_regular` refused a file, in words."""
    if exc.errno == errno.ELOOP:
        return "is a symbolic link (never followed)"
    return f"cannot be read: {exc.strerror or exc}"


def remove_output(path: Path) -> None:
    """Delete an output file if it exists (a failed document must leave no stale file)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def sha256(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class ManifestEntry:
    """One document in ``output/manifest.json``.

    Attributes:
        account: the account id.
        doc: the doc id.
        audience: a stakeholder id, a role key or ``account``.
        format: the file format (``pptx``, ``docx``, ``pdf``).
        path: workspace-relative output path.
        sha256: hash of the file's bytes.
        input_hash: hash of everything that shaped the file (see :mod:`abmcontent.fingerprint`).
        warnings: what a reader should know (text shrunk, missing translation...).
        sources: workspace files the document was built from (lets a no-op build check
            the input hash without building the context again).
        size: file size in bytes when written.
        mtime_ns: file modification time when written; with ``size``, lets a no-op build
            trust ``sha256`` without reading the file.
        render_ms: how long preparing and rendering took (-1: unknown); the next build
            starts the slowest kinds of document first.
        one_off: made by ``render`` for an audience or format that ``build`` does not plan
            (``render ACCOUNT --for cfo`` on a strategic account); builds keep it while its
            account has a profile.
        source_hashes: sha256 of each of ``sources`` when the document was built; a
            source whose hash differs now makes the document out of date.
        stories: the case studies the document shows, each ``{customer, title,
            reasons}``, as they were chosen at build time.
    """

    account: str
    doc: str
    audience: str
    format: str
    path: str
    sha256: str
    input_hash: str
    warnings: list[str]
    sources: list[str] = field(default_factory=list)
    size: int = -1
    mtime_ns: int = -1
    render_ms: int = -1
    one_off: bool = False
    source_hashes: dict[str, str] = field(default_factory=dict)
    stories: list[dict[str, Any]] = field(default_factory=list)

    def changed_sources(self, file_hash: Callable[[str], str]) -> list[str]:
        """The sources whose content changed since the build (``[]`` when not recorded).

        Args:
            file_hash: sha256 of a workspace-relative file now (``"missing"`` if none).
        """
        return [src for src, old in sorted(self.source_hashes.items()) if file_hash(src) != old]


class Manifest:
    """``output/manifest.json``: every document built, keyed by its output path.

    A manifest that cannot be trusted (a symbolic link, not JSON, a wrong shape or value:
    see :mod:`abmcontent.manifest_check`) is not used: :attr:`problem` says why, every
    document is checked again, and :meth:`save` first sets the bad file aside as
    ``output/manifest.json.bad`` (the file, or the link itself: never what a link points to).
    """

    def __init__(self, workspace_root: Path) -> None:
        self.root = workspace_root
        self.path = output_root(workspace_root) / MANIFEST_NAME
        self.entries: dict[str, ManifestEntry] = {}
        #: why the file on disk was not used (``None``: it was, or there is none)
        self.problem: str | None = None
        #: whether entries were recorded or forgotten since loading (or the file is missing)
        self.changed = True
        if not os.path.lexists(self.path):
            return
        try:
            data = read_regular(self.path)
        except OSError as exc:
            self.problem = describe_unreadable(exc)
            return
        from abmcontent.manifest_check import parse_manifest

        documents, self.problem = parse_manifest(data)
        for item in documents:
            entry = ManifestEntry(**item)
            self.entries[entry.path] = entry
        self.changed = self.problem is not None

    @property
    def set_aside_path(self) -> Path:
        """Where a manifest that cannot be trusted is moved."""
        return self.path.with_name(MANIFEST_NAME + ".bad")

    def describe_problem(self) -> str | None:
        """The notice a build prints about a manifest it could not use, if any."""
        if self.problem is None:
            return None
        rel = f"{OUTPUT_DIR}/{MANIFEST_NAME}"
        return (
            f"{rel}: {self.problem}; it is not used (set aside as {rel}.bad) and every "
            "document is checked again"
        )

    def record(self, entry: ManifestEntry) -> None:
        """Add or replace the entry for ``entry.path``."""
        self.entries[entry.path] = entry
        self.changed = True

    def forget(self, path: str) -> None:
        """Drop the entry for ``path`` (its document failed or is no longer planned)."""
        if self.entries.pop(path, None) is not None:
            self.changed = True

    def is_intact(self, entry: ManifestEntry) -> bool:
        """True when the file of ``entry`` is still the one that was written.

        Size and modification time equal to the recorded ones are trusted (like ``git``'s
        index); otherwise the file is hashed and compared with ``sha256``. A symbolic link
        is never intact.
        """
        target = self.root / entry.path
        try:
            info = target.lstat()
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False  # a link planted at an output path is never trusted (nor followed)
        if info.st_size == entry.size and info.st_mtime_ns == entry.mtime_ns:
            return True
        try:
            return sha256(read_regular(target)) == entry.sha256
        except OSError:
            return False

    def save(self) -> None:
        """Write the manifest atomically, entries sorted by path."""
        names = [f.name for f in fields(ManifestEntry)]
        documents: list[dict[str, Any]] = [
            {name: getattr(self.entries[key], name) for name in names}
            for key in sorted(self.entries)
        ]
        payload = json.dumps({"version": 1, "documents": documents}, ensure_ascii=False, indent=2)
        if self.problem is not None and os.path.lexists(self.path):
            try:
                os.replace(self.path, self.set_aside_path)
            except OSError as exc:
                raise naming(exc, self.path) from exc
        write_atomic(self.path, payload.encode("utf-8") + b"\n")
        self.problem = None
        self.changed = False

    def save_if_changed(self) -> None:
        """:meth:`save` when entries changed (a no-op build leaves the file alone)."""
        if self.changed:
            self.save()


def stat_written(path: Path) -> tuple[int, int]:
    """Size and modification time (ns) of a file just written, for :class:`ManifestEntry`."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def remove_temporary_files(folder: Path) -> list[Path]:
    """Delete temporary files a killed writer left under ``folder`` (``.name.xxx.tmp``)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def remove_empty_folders(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents while they are empty, never ``stop`` itself."""
    current = folder
    while current != stop and current.is_relative_to(stop):
        try:
            current.rmdir()
        except OSError:
            return
        current = current.parent
