"""Levels of what a render tells the user: error, warning, info; and grouping them for a build.

A document's notices travel as plain strings (through worker processes, the manifest and the
web), so the level is a prefix: ``error: ...`` (the document is not sendable and fails),
``info: ...`` (worth knowing, shown with ``--verbose``, e.g. text shrunk to fit) and no
prefix for a warning (a reader should look at it; ``--strict`` fails the build on it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
_PREFIXES: dict[str, Level] = {"error: ": "error", "info: ": "info", "warning: ": "warning"}


def error(message: str) -> str:
    """Return ``message`` as an error notice (the document fails)."""
    return f"error: {message}"


def info(message: str) -> str:
    """Return ``message`` as an info notice (counted, shown with ``--verbose``)."""
    return f"info: {message}"


def split_level(notice: str) -> tuple[Level, str]:
    """Return the level of a notice and its text without the prefix.

    Args:
        notice: a notice string, with or without a level prefix.

    Returns:
        ``(level, text)``; a notice without a prefix is a warning.
    """
    for prefix, level in _PREFIXES.items():
        if notice.startswith(prefix):
            return level, notice[len(prefix) :]
    return "warning", notice


def errors_of(notices: Iterable[str]) -> list[str]:
    """Return the texts of the error-level notices among ``notices``."""
    found = []
    for notice in notices:
        level, text = split_level(notice)
        if level == "error":
            found.append(text)
    return found


@dataclass(frozen=True)
class NoticeGroup:
    """One message and the documents of one account and kind that carry it.

    Attributes:
        level: the message's level.
        text: the message without its level prefix.
        account: the account id (first part of the output path).
        doc: the document id.
        paths: the output paths carrying the message, in build order.
    """

    level: Level
    text: str
    account: str
    doc: str
    paths: tuple[str, ...]

    def line(self) -> str:
        """One printable line: the path for one document, else the count and the account."""
        if len(self.paths) == 1:
            return f"{self.paths[0]}: {self.text}"
        kinds = {p.rsplit(".", 1)[-1] for p in self.paths}
        what = f"{next(iter(kinds))} files" if len(kinds) == 1 else "files"
        return f"{self.text} in {len(self.paths)} {what} of {self.account} ({self.doc})"


def _account_doc(path: str) -> tuple[str, str]:
    parts = path.split("/")
    if len(parts) >= 4 and parts[0] == "output":
        return parts[1], parts[2]
    return "", path


def group_notices(by_path: Mapping[str, Iterable[str]]) -> list[NoticeGroup]:
    """Group the same message across the audiences of one account and document.

    Args:
        by_path: output path -> notices of that document.

    Returns:
        The groups, errors first, then warnings, then infos, each in first-seen order.
    """
    groups: dict[tuple[Level, str, str, str], list[str]] = {}
    for path, notices in by_path.items():
        account, doc = _account_doc(path)
        for notice in dict.fromkeys(notices):
            level, text = split_level(notice)
            groups.setdefault((level, text, account, doc), []).append(path)
    out = [
        NoticeGroup(level, text, account, doc, tuple(paths))
        for (level, text, account, doc), paths in groups.items()
    ]
    return sorted(out, key=lambda g: LEVELS.index(g.level))


def count_levels(by_path: Mapping[str, Iterable[str]]) -> dict[Level, int]:
    """Count the notices of every level over all documents.

    Args:
        by_path: output path -> notices of that document.

    Returns:
        Level -> number of notices.
    """
    counts: dict[Level, int] = dict.fromkeys(LEVELS, 0)
    for notices in by_path.values():
        for notice in notices:
            counts[split_level(notice)[0]] += 1
    return counts
