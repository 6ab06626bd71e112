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
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

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


class InvalidDate(str):
    """A plain scalar that looks like a date but is none (``2026-02-30``), kept as written.

    Loading it does not fail, so a file with one bad date can still be edited; the
    profile's own checks report the date, and the file is written back unchanged.
    """


class _Constructor(RoundTripConstructor):
    """The round-trip constructor, with impossible dates kept as :class:`InvalidDate`."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        """A date or datetime, or the scalar's text when it is no real date."""
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return InvalidDate(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Representer(RoundTripRepresenter):
    """The round-trip representer; an :class:`InvalidDate` is written plain, as it was."""

    def represent_invalid_date(self, data: InvalidDate) -> Any:
        """Write the scalar as read (plain, so it is still seen as a date to fix)."""
        return self.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


_Representer.add_representer(InvalidDate, _Representer.represent_invalid_date)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
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
