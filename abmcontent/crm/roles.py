r"""Infer a stakeholder's role from their job title with the personas' ``title_patterns``.

Titles are NFKC-normalised first (``ＣＦＯ`` becomes ``CFO``) and matched case-insensitively.
In Python, ``\b`` sees kanji and kana as word characters, so ``\bCFO\b`` would not match
``取締役CFO``. Every ``\b`` of a pattern is therefore read as an *ascii* word boundary: a
letter or digit on one side and anything else (Japanese included) on the other.

When several personas match, the longest matched text wins (``Chief Information Security
Officer`` is a CISO, not a CIO); on a tie, the persona listed first in personas.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from abmcontent.crm.values import normalize
from abmcontent.models.library import Persona

_ASCII_WORD = "[A-Za-z0-9]"
ASCII_BOUNDARY = f"(?:(?<!{_ASCII_WORD})(?={_ASCII_WORD})|(?<={_ASCII_WORD})(?!{_ASCII_WORD}))"


def ascii_boundaries(pattern: str) -> str:
    r"""Rewrite each ``\b`` of ``pattern`` (outside character classes) as an ascii boundary.

    Escaped backslashes (``\b``) and ``\b`` inside ``[...]`` (a backspace) are kept.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append(ASCII_BOUNDARY if pair == "\\b" and not in_class else pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                out.append("[^")
                i += 2
                if pattern[i : i + 1] == "]":
                    out.append("]")
                    i += 1
                continue
            out.append(char)
            i += 1
            if pattern[i : i + 1] == "]":
                out.append("]")
                i += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class RoleMatch:
    """The role inferred for a title, and the text that decided it."""

    role: str
    matched: str


class RoleMatcher:
    """Matches job titles against the ``title_patterns`` of every persona."""

    def __init__(self, personas: Mapping[str, Persona]) -> None:
        """Compile the patterns of ``personas`` (in file order)."""
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        self._seen: dict[str, RoleMatch | None] = {}
        for role, persona in personas.items():
            for pattern in persona.title_patterns:
                self._patterns.append((role, re.compile(ascii_boundaries(pattern), re.I)))

    @property
    def has_patterns(self) -> bool:
        """True when at least one persona has title patterns."""
        return bool(self._patterns)

    def match(self, title: str) -> RoleMatch | None:
        """Return the best role for ``title``, or ``None`` when no pattern matches.

        Results are remembered per title (an export repeats the same titles).
        """
        if title not in self._seen:
            self._seen[title] = self._match(title)
        return self._seen[title]

    def _match(self, title: str) -> RoleMatch | None:
        text = normalize(title)
        if not text:
            return None
        best: RoleMatch | None = None
        for role, pattern in self._patterns:
            found = pattern.search(text)
            if found is None:
                continue
            length = len(found.group(0))
            if best is None or length > len(best.matched):
                best = RoleMatch(role, found.group(0))
        return best


def title_pattern(title: str) -> str:
    """A pattern that matches ``title`` exactly as the matcher sees it (normalised)."""
    return re.escape(normalize(title))
