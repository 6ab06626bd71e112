"""The no-op fast path of ``abmcontent build``: "nothing changed since the last good build".

After a build in which nothing failed, the CLI saves ``output/.build-snapshot.json``: one
hash over the size, inode and times of every file that can change a document or the
index (the whole workspace outside ``output/``, the abmcontent package, the folders of
installed libraries), every file under ``output/``, and the command's selection, date and
options. The next ``abmcontent build`` with the same arguments stats those files again
(no file is read, no model or renderer imported) and, when the hash is the same, reports
every document up to date at once.

Any difference at all (an edited, added or removed file, a touched output, another
selection or date, another version of a library) only means the normal incremental build
runs, which checks each document's input hash and saves a new snapshot. A snapshot is
never saved when an input file changed so recently that a second edit within the file
system's timestamp resolution could go unnoticed (git's "racily clean" rule).

This module imports only the standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
import site
import sys
import sysconfig
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from abmcontent import __version__
from abmcontent.build_lock import LOCK_NAME
from abmcontent.layout import OUTPUT_DIR
from abmcontent.outputs import read_regular, write_atomic

SNAPSHOT_NAME = ".build-snapshot.json"
#: bump when the meaning of the snapshot changes
FORMAT = 1
#: an input modified less than this long before the build started makes the snapshot unsafe
RACY_WINDOW_NS = 2_000_000_000
#: folders never walked (version control, caches): they never shape a document
_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".ruff_cache"})

PACKAGE_ROOT = Path(__file__).parent


@dataclass(frozen=True)
class BuildArguments:
    """What a ``build`` command asked for, as far as it shapes the outputs.

    Worker counts and the scheduler are left out: they change how fast, not what.
    """

    tiers: tuple[str, ...] | None
    accounts: tuple[str, ...] | None
    docs: tuple[str, ...] | None
    formats: tuple[str, ...] | None
    date: str
    thumbnails: bool

    @classmethod
    def of(
        cls,
        *,
        tiers: Iterable[str] | None,
        accounts: Iterable[str] | None,
        docs: Iterable[str] | None,
        formats: Iterable[str] | None,
        date: str,
        thumbnails: bool,
    ) -> BuildArguments:
        """Normalize a command's options (order and repetition do not matter)."""

        def norm(values: Iterable[str] | None) -> tuple[str, ...] | None:
            return tuple(sorted(set(values))) if values else None

        return cls(norm(tiers), norm(accounts), norm(docs), norm(formats), date, thumbnails)


@dataclass(frozen=True)
class InputState:
    """The stat-level state of everything outside ``output/`` that shapes a build.

    Attributes:
        digest: hash of the arguments and of every input file's path, size and mtime.
        racy: an input changed too recently for its mtime to be trusted.
    """

    digest: str
    racy: bool


def _walk(folder: Path, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under ``folder``, recursively, with its stat.

    Links are followed (a linked file or folder is read through the link), each folder once,
    so a link loop ends. Yields paths relative to ``folder``; ``skip`` names top-level
    entries to leave out. An entry that cannot be stat'ed yields zeros (still a change).
    """
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, str]] = [(str(folder), "")]
    while stack:
        path, prefix = stack.pop()
        try:
            info = os.stat(path)
            entries = list(os.scandir(path))
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            rel = prefix + entry.name
            if (not prefix and entry.name in skip) or entry.name in _SKIPPED_FOLDERS:
                continue
            try:
                if entry.is_dir():
                    stack.append((entry.path, rel + "/"))
                else:
                    yield rel, entry.stat()
            except OSError:
                yield rel, os.stat_result((0,) * 10)


def _digest_tree(label: str, files: Iterable[tuple[str, os.stat_result]]) -> tuple[str, int]:
    """Hash of ``label`` and each file's path, size, inode, mtime and ctime; the newest mtime.

    The ctime (which no tool can set back) and the inode catch a file replaced by an older
    copy that kept its size and mtime (``cp -p``, ``rsync -t``).
    """
    digest = hashlib.sha256(label.encode())
    newest = 0
    for rel, stat in sorted(files, key=lambda item: item[0]):
        digest.update(
            f"\0{rel}\0{stat.st_size}\0{stat.st_ino}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}".encode()
        )
        newest = max(newest, stat.st_mtime_ns)  # content edits move the mtime
    return digest.hexdigest(), newest


def _library_folders() -> list[Path]:
    """The folders installed libraries are imported from (site-packages and the like).

    Installing, upgrading or removing a distribution adds or removes entries in its folder,
    which changes the folder's mtime. The list does not depend on how Python was started
    (``sys.path`` does: the current folder, ``-m`` or ``-c``).
    """
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    folders.update(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        folders.add(site.getusersitepackages())
    return [Path(folder) for folder in sorted(folders) if os.path.isdir(folder)]


def input_state(root: Path, arguments: BuildArguments) -> InputState:
    """Stat everything outside ``output/`` that a build of ``root`` depends on.

    Args:
        root: the workspace folder.
        arguments: the command's arguments.
    """
    started = time.time_ns()
    header = {
        "format": FORMAT,
        "abmcontent": __version__,
        "python": sys.version,
        "root": str(root.resolve()),
        "arguments": arguments.__dict__,
    }
    folders = []
    for folder in _library_folders():
        try:
            folders.append((str(folder), folder.stat()))
        except OSError:
            continue
    trees = [
        _digest_tree("workspace", _walk(root, skip=frozenset({OUTPUT_DIR}))),
        _digest_tree("package", _walk(PACKAGE_ROOT, skip=frozenset({"sample"}))),
        _digest_tree("libraries", folders),
    ]
    payload = json.dumps({**header, "trees": [digest for digest, _ in trees]}, sort_keys=True)
    newest = max(newest for _, newest in trees)
    return InputState(
        hashlib.sha256(payload.encode()).hexdigest(), racy=newest > started - RACY_WINDOW_NS
    )


def _output_digest(root: Path) -> str:
    """Hash of the path, size and mtime of every file under ``output/`` but the snapshot.

    The build lock is left out too: it is a new file for every build.
    """
    out = root / OUTPUT_DIR
    return _digest_tree("output", _walk(out, skip=frozenset({SNAPSHOT_NAME, LOCK_NAME})))[0]


def snapshot_path(root: Path) -> Path:
    """Where the snapshot of ``root`` is kept."""
    return root / OUTPUT_DIR / SNAPSHOT_NAME


@dataclass(frozen=True)
class NoOpResult:
    """What the last build reported, for a build that has nothing to do.

    Attributes:
        up_to_date: how many documents are up to date.
        index: the index file, if the last build wrote one.
    """

    up_to_date: int
    index: str | None


def forget(root: Path) -> None:
    """Delete the snapshot (a build is about to change outputs); a link is removed, not followed.

    Raises:
        OSError: it exists and cannot be deleted (read-only folder); ``filename`` names it.
    """
    snapshot_path(root).unlink(missing_ok=True)


def save(root: Path, inputs: InputState, result: NoOpResult) -> bool:
    """Record a successful build whose inputs were ``inputs`` (taken before it started).

    Returns False, and leaves no snapshot, when an input was too recent to trust.
    """
    forget(root)
    if inputs.racy or not (root / OUTPUT_DIR).is_dir():
        return False
    payload = {
        "format": FORMAT,
        "inputs": inputs.digest,
        "outputs": _output_digest(root),
        "up_to_date": result.up_to_date,
        "index": result.index,
    }
    try:
        write_atomic(snapshot_path(root), json.dumps(payload).encode("utf-8"))
    except OSError:
        return False
    return True


def check(root: Path, inputs: InputState) -> NoOpResult | None:
    """The last build's result when nothing changed since it, else ``None``.

    Args:
        root: the workspace folder.
        inputs: :func:`input_state` of ``root`` for the command being run.
    """
    try:
        raw = json.loads(read_regular(snapshot_path(root)).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # a planted link is never read
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    if raw.get("inputs") != inputs.digest:
        return None
    if raw.get("outputs") != _output_digest(root):
        return None
    up_to_date, index = raw.get("up_to_date"), raw.get("index")
    if not isinstance(up_to_date, int) or not (index is None or isinstance(index, str)):
        return None
    return NoOpResult(up_to_date, index)
