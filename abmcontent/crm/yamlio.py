"""Round-trip YAML (comments, key order and styles kept) and atomic file writes."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from abmcontent.outputs import write_atomic


@dataclass
class RoundTrip:
    """A YAML mapping loaded for editing, with the indentation it was written with."""

    data: CommentedMap
    indent: int = 2
    block_seq_indent: int = 2

    def dump(self) -> str:
        """Serialise the (edited) mapping back to text, in the file's own layout."""
        yaml = _yaml()
        yaml.indent(
            mapping=self.indent,
            sequence=self.block_seq_indent + 2,
            offset=self.block_seq_indent,
        )
        out = io.StringIO()
        yaml.dump(self.data, out)
        return out.getvalue()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_unicode = True
    return yaml


def load_roundtrip(text: str) -> RoundTrip:
    """Parse ``text`` for editing.

    Raises:
        ValueError: the text is not YAML or not a mapping.
    """
    try:
        data = _yaml().load(text)
    except YAMLError as exc:
        raise ValueError(f"malformed YAML: {exc}") from None
    if not isinstance(data, CommentedMap):
        raise ValueError("expected a mapping of fields")
    indent, offset = guess_layout(text)
    return RoundTrip(data, indent, offset)


_CHILD = re.compile(r"^(?P<pad> *)(?P<dash>- )?\S")


def guess_layout(text: str) -> tuple[int, int]:
    """Guess the mapping indent and the offset of ``-`` under a key (default 2 and 2).

    Both are read from the first block child of a top-level key: ``key:`` followed by a
    deeper line that is a mapping key (the indent) or a sequence item (the offset).
    """
    indent: int | None = None
    offset: int | None = None
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    for parent, child in itertools.pairwise(lines):
        if parent.startswith((" ", "-")) or not parent.rstrip().endswith(":"):
            continue
        found = _CHILD.match(child)
        if found is None:
            continue
        pad = len(found.group("pad"))
        if found.group("dash"):
            offset = pad if offset is None else offset
        elif pad > 0 and indent is None:
            indent = pad
        if indent is not None and offset is not None:
            break
    return indent or 2, 2 if offset is None else offset


def new_roundtrip(data: CommentedMap) -> RoundTrip:
    """Wrap a mapping built in code, laid out like the sample profiles."""
    return RoundTrip(data, 2, 2)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    A reader sees the old file or the new one, never a half-written one. The file gets the
    permissions the umask gives a new file (not the owner-only ones of a temporary file).
    """
    write_atomic(path, text.encode("utf-8"))


def plain(value: Any) -> Any:
    """Convert ruamel containers to plain dicts and lists (for comparisons)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
