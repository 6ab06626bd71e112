"""Every sample deck, measured independently of the engine: no text past its box or slide."""

from __future__ import annotations

from abmcontent.notices import errors_of
from abmcontent.pipeline import Job

from .measure import overflows


def test_no_text_box_or_table_cell_overflows(
    sample_decks: dict[str, tuple[Job, bytes, list[str]]],
) -> None:
    found = {
        path: overflows(data)
        for path, (_job, data, _warnings) in sample_decks.items()
        if overflows(data)
    }
    assert found == {}


def test_sample_decks_carry_no_errors_or_warnings(
    sample_decks: dict[str, tuple[Job, bytes, list[str]]],
) -> None:
    for path, (_job, _data, notices) in sample_decks.items():
        assert errors_of(notices) == [], path
        assert [n for n in notices if not n.startswith("info: ")] == [], path
