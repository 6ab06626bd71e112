"""Writing outputs safely: atomic files under ``output/`` and the manifest of what was built."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
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


@functools.cache
def _new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the process umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written).

    The file gets the permissions a plain ``open()`` would give it (``mkstemp`` alone makes
    it private to its owner, which breaks shared output folders and web servers).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _new_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
    """``output/manifest.json``: every document built, keyed by its output path."""

    def __init__(self, workspace_root: Path) -> None:
        self.root = workspace_root
        self.path = output_root(workspace_root) / MANIFEST_NAME
        self.entries: dict[str, ManifestEntry] = {}
        #: whether entries were recorded or forgotten since loading (or the file is missing)
        self.changed = not self.path.is_file()
        if self.path.is_file():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                for item in raw.get("documents", []):
                    known = {f.name for f in fields(ManifestEntry)}
                    entry = ManifestEntry(**{k: v for k, v in item.items() if k in known})
                    self.entries[entry.path] = entry
            except (ValueError, KeyError, TypeError):
                self.entries = {}  # a damaged manifest only costs a rebuild
                self.changed = True

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
        index); otherwise the file is hashed and compared with ``sha256``.
        """
        target = self.root / entry.path
        try:
            stat = target.stat()
        except OSError:
            return False
        if stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns:
            return True
        try:
            return sha256(target.read_bytes()) == entry.sha256
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
        write_atomic(self.path, payload.encode("utf-8") + b"\n")
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
