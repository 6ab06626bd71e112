"""Writing outputs safely: atomic files under ``output/`` and the manifest of what was built."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from abmcontent.errors import RenderError
from abmcontent.loading.workspace import OUTPUT_DIR

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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
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
    """One document in ``output/manifest.json``."""

    account: str
    doc: str
    audience: str
    format: str
    path: str
    sha256: str
    input_hash: str
    warnings: list[str]


class Manifest:
    """``output/manifest.json``: every document built, keyed by its output path."""

    def __init__(self, workspace_root: Path) -> None:
        self.path = output_root(workspace_root) / MANIFEST_NAME
        self.entries: dict[str, ManifestEntry] = {}
        if self.path.is_file():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                for item in raw.get("documents", []):
                    entry = ManifestEntry(**{k: item[k] for k in ManifestEntry.__annotations__})
                    self.entries[entry.path] = entry
            except (ValueError, KeyError, TypeError):
                self.entries = {}  # a damaged manifest only costs a rebuild

    def record(self, entry: ManifestEntry) -> None:
        """Add or replace the entry for ``entry.path``."""
        self.entries[entry.path] = entry

    def forget(self, path: str) -> None:
        """Drop the entry for ``path`` (its document failed or is no longer planned)."""
        self.entries.pop(path, None)

    def save(self) -> None:
        """Write the manifest atomically, entries sorted by path."""
        documents: list[dict[str, Any]] = [
            asdict(self.entries[key]) for key in sorted(self.entries)
        ]
        payload = json.dumps({"version": 1, "documents": documents}, ensure_ascii=False, indent=2)
        write_atomic(self.path, payload.encode("utf-8") + b"\n")
