"""Roles from job titles: Japanese boundaries, full-width letters, the best match wins."""

from __future__ import annotations

import re

import pytest

from abmcontent.crm.roles import RoleMatcher, ascii_boundaries
from abmcontent.models.library import Persona


def _persona(*patterns: str) -> Persona:
    return Persona(title="x", title_patterns=list(patterns))


PERSONAS = {
    "cfo": _persona(r"\bCFO\b", "Chief Financial", r"\bFinance\b", "財務", "経理"),
    "cio": _persona(r"\bCIO\b", r"\bIT\b", "Chief Information Officer", "情報システム"),
    "ciso": _persona(r"\bCISO\b", "Chief Information Security", "情報セキュリティ"),
    "coo": _persona(r"\bSupply Chain\b", "物流"),
}


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("取締役CFO", "cfo"),  # \b would fail next to kanji without the rewrite
        ("取締役ＣＦＯ", "cfo"),  # full-width letters
        ("執行役員 経理部長", "cfo"),
        ("Chief Information Security Officer", "ciso"),  # longer than "Chief Information"
        ("情報セキュリティ室長", "ciso"),
        ("情報システム部長", "cio"),
        ("VP, Supply Chain Finance", "coo"),  # "Supply Chain" is longer than "Finance"
        ("Head of IT", "cio"),
        ("cfo", "cfo"),  # case-insensitive
    ],
)
def test_titles_map_to_roles(title: str, role: str) -> None:
    found = RoleMatcher(PERSONAS).match(title)
    assert found is not None and found.role == role


@pytest.mark.parametrize("title", ["Receptionist", "Digital Transformation Lead", "", "Profit"])
def test_unknown_titles_match_nothing(title: str) -> None:
    assert RoleMatcher(PERSONAS).match(title) is None


def test_word_boundaries_still_hold_between_ascii_letters() -> None:
    assert RoleMatcher(PERSONAS).match("Audit Manager") is None  # "IT" inside a word


def test_rewrite_keeps_escaped_backslashes_and_character_classes() -> None:
    rewritten = ascii_boundaries(r"\\b[\b]\bX")
    assert rewritten.startswith(r"\\b[\b]")
    assert re.search(rewritten, "\\b\x08X") is not None
    assert re.search(ascii_boundaries(r"\bX\b"), "役X役") is not None
    assert re.search(ascii_boundaries(r"\bX\b"), "aXa") is None
