"""Tables that fit: rows grow, text shrinks, then the table continues on a follow-up slide."""

from __future__ import annotations

from pathlib import Path

from pptx.util import Inches

from abmcontent.notices import group_notices, split_level

from .helpers import blank_slide, new_prs, render


def _deck() -> object:
    prs = new_prs()
    slide = blank_slide(prs)
    frame = slide.shapes.add_table(4, 2, Inches(1), Inches(1), Inches(6), Inches(2))
    frame.name = "Plan"
    table = frame.table
    table.cell(0, 0).text = "Phase"
    table.cell(0, 1).text = "Detail"
    table.cell(1, 0).text = "{%tr for r in plan %}"
    table.cell(2, 0).text = "{{ r.phase }}"
    table.cell(2, 1).text = "{{ r.detail }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    return prs


def test_many_rows_continue_on_a_copy_with_the_header(tmp_path: Path) -> None:
    plan = [{"phase": f"P{i}", "detail": "long words " * 12} for i in range(14)]
    out, result = render(_deck(), tmp_path, {"plan": plan})
    slides = list(result.slides)
    assert len(slides) > 1
    seen = []
    for slide in slides:
        (frame,) = [s for s in slide.shapes if s.has_table]
        rows = list(frame.table.rows)
        assert rows[0].cells[0].text == "Phase"  # header repeated
        seen.extend(r.cells[0].text for r in rows[1:])
        assert frame.top + sum(r.height for r in rows) <= result.slide_height
    assert seen == [f"P{i}" for i in range(14)]
    levels = {split_level(n)[0] for n in out.warnings}
    assert "error" not in levels
    assert any("continued on" in n for n in out.warnings)


def test_grouping_counts_documents_of_one_account() -> None:
    notices = {
        f"output/acme/proposal/{who}.pptx": ["slide 7, shape 'Story': text does not fit"]
        for who in ("a", "b", "c")
    }
    (group,) = group_notices(notices)
    assert group.level == "warning"
    assert group.line() == (
        "slide 7, shape 'Story': text does not fit in 3 pptx files of acme (proposal)"
    )


def test_strict_fails_on_warnings_only_and_summary_counts_them() -> None:
    from abmcontent.reporting import strict_failure, summary_line

    notices = {"output/a/proposal/x.pptx": ["info: shrunk", "picture not readable: y.png"]}
    assert strict_failure(notices) == "--strict: 1 warning(s)"
    assert strict_failure({"output/a/proposal/x.pptx": ["info: shrunk"]}) is None
    assert (
        summary_line(1, 0, 0, 0, notices) == "1 built, 0 up to date, 0 failed, 1 warning(s), 1 info"
    )
