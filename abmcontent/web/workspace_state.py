"""The workspace as the server sees it: loaded once, reloaded when a file changes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from abmcontent.layout import LIBRARY_DIR, PROFILES_DIR
from abmcontent.loading.workspace import Workspace, load_workspace

Signature = tuple[tuple[str, int, int], ...]


def _signature(root: Path) -> Signature:
    """Path, size and modification time of every profile and library file."""
    found: list[tuple[str, int, int]] = []
    for folder in (root / PROFILES_DIR, root / LIBRARY_DIR):
        for dirpath, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


class WorkspaceCache:
    """Gives the loaded workspace, loading it again only when its files changed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._signature: Signature | None = None
        self._workspace: Workspace | None = None

    def get(self) -> Workspace:
        """The workspace as its files are now."""
        signature = _signature(self.root)
        with self._lock:
            if self._workspace is None or signature != self._signature:
                self._workspace = load_workspace(self.root)
                self._signature = signature
            return self._workspace
