"""Default proposal deck: ms per deck against python-pptx open+save of the same template.

Prints, in one run, the median time per deck of
  (a) a bare python-pptx open + save of the default template,
  (b) the naive approach: python-pptx open, Jinja ``from_string`` on every run, save,
  (c) abmcontent's pptx renderer (template compiled once, theme in the seller's colours),
for a real context (the sample workspace's Hokuto Logistics deck for its CFO).
Goals: (c) at most 1.5x (a); (b) at least 4x (c).

Run: python benchmarks/bench_deck.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
from pptx import Presentation

from abmcontent.loading.workspace import load_workspace
from abmcontent.pipeline import plan_jobs, prepare_job, render_prepared
from abmcontent.sample import init_workspace


def median_ms(func: Callable[[], object], rounds: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def naive(template: Path, context: dict[str, object]) -> bytes:
    """Open, render every run's text with Jinja (no control flow), save."""
    env = jinja2.Environment(undefined=jinja2.Undefined)
    prs = Presentation(str(template))
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if getattr(shape, "has_table", False):
                frames.extend(cell.text_frame for row in shape.table.rows for cell in row.cells)
            for frame in frames:
                for para in frame.paragraphs:
                    for run in para.runs:
                        if "{" in run.text:
                            try:
                                run.text = env.from_string(run.text).render(context)
                            except jinja2.TemplateError:
                                run.text = ""
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = load_workspace(init_workspace(Path(tmp) / "ws"))
        job = plan_jobs(
            ws, accounts=["hokuto-logistics"], docs=["proposal"], audience="takahashi-yumi"
        )[0]
        prepared = prepare_job(ws, job, today=dt.date(2026, 11, 25))
        template = prepared.template

        def bare() -> bytes:
            out = io.BytesIO()
            Presentation(str(template)).save(out)
            return out.getvalue()

        rendered = render_prepared(ws, prepared)
        slides = len(Presentation(io.BytesIO(rendered.data)).slides)
        a = median_ms(bare, args.rounds)
        b = median_ms(lambda: naive(template, prepared.context.data), max(5, args.rounds // 3))
        c = median_ms(lambda: render_prepared(ws, prepared), args.rounds)
    print(f"default deck: {template.name}, {slides} slides rendered, {args.rounds} rounds")
    print(f"(a) python-pptx open+save of the template : {a:8.2f} ms")
    print(f"(b) naive python-pptx + Jinja per run      : {b:8.2f} ms")
    print(f"(c) abmcontent pptx renderer               : {c:8.2f} ms")
    print(f"c / a = {c / a:5.2f}  (goal <= 1.50)  {'OK' if c / a <= 1.5 else 'MISSED'}")
    print(f"b / c = {b / c:5.2f}  (goal >= 4.00)  {'OK' if b / c >= 4 else 'MISSED'}")


if __name__ == "__main__":
    main()
