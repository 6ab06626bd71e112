"""Benchmark the PowerPoint template engine against python-pptx baselines.

Builds a 12-slide template (bullets, a table with a row loop, a native chart and a picture)
in a temporary folder, then prints the median milliseconds per deck for:

(a) bare python-pptx ``Presentation(path).save(buf)`` of the template,
(b) the naive approach: python-pptx open, Jinja ``from_string`` on every run, save,
(c) this engine: ``DeckTemplate.load`` once, ``render`` N times,

and the ratios against the goals (c <= 1.5 x a, c <= b / 4).

Run: ``python benchmarks/bench_deck_engine.py [repeats]``
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import jinja2
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from abmcontent.jinja_env import make_environment
from abmcontent.pptx_engine import DeckTemplate


def build_template(folder: Path) -> Path:
    logo = folder / "logo.png"
    Image.new("RGB", (400, 200), (200, 30, 30)).save(logo)
    prs = Presentation()
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "{{ account.name }}: a proposal"
    title.placeholders[1].text = "Prepared for {{ account.contact }} on {{ date }}"
    for n in range(7):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Point {n + 1}: {{{{ account.points[{n}].title }}}}"
        tf = slide.placeholders[1].text_frame
        tf.text = "{%p for b in account.points[" + str(n) + "].bullets %}"
        para = tf.add_paragraph()
        run = para.add_run()
        run.text = "{{ b.head }}"
        run.font.bold = True
        run = para.add_run()
        run.text = ": {{ b.text }}"
        tf.add_paragraph().text = "{%p endfor %}"
        notes = slide.notes_slide.notes_text_frame
        notes.text = "Talk about {{ account.points[" + str(n) + "].title }}"
    table_slide = prs.slides.add_slide(prs.slide_layouts[5])
    table_slide.shapes.title.text = "Plan for {{ account.name }}"
    table = table_slide.shapes.add_table(4, 3, Inches(0.5), Inches(1.5), Inches(9), Inches(2)).table
    for col, head in enumerate(["Phase", "Owner", "Weeks"]):
        table.cell(0, col).text = head
    table.cell(1, 0).text = "{%tr for r in plan %}"
    table.cell(2, 0).text = "{{ r.phase }}"
    table.cell(2, 1).text = "{{ r.owner }}"
    table.cell(2, 2).text = "{{ r.weeks }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    chart_slide = prs.slides.add_slide(prs.slide_layouts[5])
    chart_slide.shapes.title.text = "Results at {{ case.customer }}"
    data = CategoryChartData()
    data.categories = ["Q1", "Q2", "Q3"]
    data.add_series("Before", [1, 2, 3])
    frame = chart_slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(8), Inches(5), data
    )
    frame.name = "chart: case.results_chart"
    pic_slide = prs.slides.add_slide(prs.slide_layouts[5])
    pic_slide.shapes.title.text = "About {{ account.name }}"
    pic = pic_slide.shapes.add_picture(str(logo), Inches(3), Inches(2), Inches(4), Inches(4))
    pic.name = "image: account.logo"
    for _ in range(1):
        closing = prs.slides.add_slide(prs.slide_layouts[1])
        closing.shapes.title.text = "Next steps"
        closing.placeholders[1].text = "Call {{ account.contact }} about {{ account.name }}"
    path = folder / "template.pptx"
    prs.save(path)
    assert len(prs.slides) == 12
    return path


def context(folder: Path) -> dict[str, Any]:
    return {
        "date": "2026-01-15",
        "account": {
            "name": "Acme Corp",
            "contact": "Jane Doe",
            "logo": str(folder / "logo.png"),
            "points": [
                {
                    "title": f"Challenge {n}",
                    "bullets": [
                        {"head": f"Item {k}", "text": "short explanation of the item"}
                        for k in range(3)
                    ],
                }
                for n in range(7)
            ],
        },
        "plan": [{"phase": f"Phase {k}", "owner": "Team", "weeks": k + 2} for k in range(4)],
        "case": {
            "customer": "Globex",
            "results_chart": {
                "categories": ["Q1", "Q2", "Q3", "Q4"],
                "series": [
                    {"name": "Before", "values": [1.0, 2.0, 3.0, 4.0]},
                    {"name": "After", "values": [2.0, 3.5, 5.0, 6.5]},
                ],
            },
        },
    }


def bare(path: Path) -> bytes:
    buf = BytesIO()
    Presentation(str(path)).save(buf)
    return buf.getvalue()


def naive(path: Path, ctx: dict[str, Any]) -> bytes:
    env = make_environment()
    prs = Presentation(str(path))

    def frames(slide: Any) -> Any:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield cell.text_frame
        if slide.has_notes_slide:
            yield slide.notes_slide.notes_text_frame

    for slide in prs.slides:
        for tf in frames(slide):
            for para in tf.paragraphs:
                for run in para.runs:
                    # Loop tags cannot work run by run; the naive approach just fails soft.
                    with contextlib.suppress(jinja2.TemplateError):
                        run.text = env.from_string(run.text).render(ctx)
    buf = BytesIO()
    prs.save(buf)
    return buf.getvalue()


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = build_template(folder)
        ctx = context(folder)
        start = time.perf_counter()
        deck = DeckTemplate.load(path)
        load_ms = (time.perf_counter() - start) * 1000
        out = deck.render(ctx, assets_root=folder)
        assert out.slide_count == 12, out.slide_count
        a = median_ms(lambda: bare(path), repeats)
        b = median_ms(lambda: naive(path, ctx), repeats)
        c = median_ms(lambda: deck.render(ctx, assets_root=folder), repeats)
    print(f"template: 12 slides (table, chart, picture); {repeats} repeats; median ms per deck")
    print(f"(a) bare python-pptx open+save : {a:7.2f} ms")
    print(f"(b) naive python-pptx + Jinja  : {b:7.2f} ms")
    print(f"(c) pptx_engine render         : {c:7.2f} ms   (load+compile once: {load_ms:.1f} ms)")
    print(f"c / a = {c / a:.2f}  (goal <= 1.50)  {'OK' if c <= 1.5 * a else 'MISSED'}")
    print(f"b / c = {b / c:.2f}  (goal >= 4.00)  {'OK' if b >= 4 * c else 'MISSED'}")
    if out.warnings:
        print("warnings:", *out.warnings, sep="\n  ")


if __name__ == "__main__":
    main()
