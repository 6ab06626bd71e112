"""Table row loops keep the template row's style."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from abmcontent.errors import TemplateError

from .helpers import blank_slide, new_prs, render


def _table_deck(rows: int = 5) -> tuple[object, object]:
    prs = new_prs()
    slide = blank_slide(prs)
    frame = slide.shapes.add_table(rows, 2, Inches(1), Inches(1), Inches(6), Inches(3))
    frame.name = "Plan"
    return prs, frame.table


def test_row_loop_repeats_rows_with_style(tmp_path: Path) -> None:
    prs, table = _table_deck()
    table.cell(0, 0).text = "Phase"
    table.cell(0, 1).text = "Weeks"
    table.cell(1, 0).text = "{%tr for r in plan %}"
    table.cell(2, 0).text = "{{ r.phase }}"
    table.cell(2, 1).text = "{{ r.weeks }}"
    fill = table.cell(2, 0).fill
    fill.solid()
    fill.fore_color.rgb = RGBColor(0x12, 0x34, 0x56)
    run = table.cell(2, 1).text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(11)
    run.font.italic = True
    table.cell(3, 0).text = "{%tr endfor %}"
    table.cell(4, 0).text = "Total"
    table.cell(4, 1).text = "{{ plan | sum(attribute='weeks') }}"
    plan = [
        {"phase": "Pilot", "weeks": 4},
        {"phase": "Rollout", "weeks": 8},
        {"phase": "Run", "weeks": 2},
    ]
    _, result = render(prs, tmp_path, {"plan": plan})
    out = next(sh for sh in result.slides[0].shapes if sh.has_table).table
    cells = [[c.text for c in row.cells] for row in out.rows]
    assert cells == [
        ["Phase", "Weeks"],
        ["Pilot", "4"],
        ["Rollout", "8"],
        ["Run", "2"],
        ["Total", "14"],
    ]
    for row in list(out.rows)[1:4]:
        assert row.cells[0].fill.fore_color.rgb == RGBColor(0x12, 0x34, 0x56)
        font = row.cells[1].text_frame.paragraphs[0].runs[0].font
        assert font.size == Pt(11) and font.italic is True


def test_row_if(tmp_path: Path) -> None:
    prs, table = _table_deck(rows=4)
    table.cell(0, 0).text = "always"
    table.cell(1, 0).text = "{%tr if show %}"
    table.cell(2, 0).text = "sometimes"
    table.cell(3, 0).text = "{%tr endif %}"
    _, result = render(prs, tmp_path, {"show": False})
    out = next(sh for sh in result.slides[0].shapes if sh.has_table).table
    assert [r.cells[0].text for r in out.rows] == ["always"]


def test_unclosed_row_loop_is_a_template_error(tmp_path: Path) -> None:
    prs, table = _table_deck(rows=2)
    table.cell(0, 0).text = "{%tr for r in rows %}"
    table.cell(1, 0).text = "{{ r }}"
    with pytest.raises(TemplateError) as info:
        render(prs, tmp_path, {"rows": []})
    assert "slide 1, shape 'Plan'" in str(info.value)
    assert "never closed" in info.value.reason
