"""Small helpers shared by the foundation tests."""

from __future__ import annotations

from pathlib import Path

from abmcontent.errors import Problem


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> str:
    """Replace ``old`` by ``new`` in a workspace file; fail if ``old`` is not there."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found in {rel}"
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of ``needle`` (which may span lines) in ``text``."""
    at = text.find(needle)
    if at < 0:
        raise AssertionError(f"{needle!r} not in text")
    return text.count("\n", 0, at) + 1


def only(problems: list[Problem], **where: object) -> Problem:
    """The single problem whose attributes equal ``where``."""
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert len(found) == 1, f"expected one problem with {where}, got {found} among {problems}"
    return found[0]


def real(problems: list[Problem]) -> list[Problem]:
    """Problems except the warnings the contract library triggers by design."""
    return [p for p in problems if p.file.startswith("account_profiles/") or p.severity == "error"]
