"""Benchmark the report renderers against the stock libraries, in one run.

    python benchmarks/bench_reports.py [--workspace DIR] [--rounds N]

PDF: ms per document of HtmlPdfRenderer against raw WeasyPrint ``HTML(string=...).write_pdf()``
on the same HTML (goal: at most 10% over). DOCX: ms per document of DocxRenderer against
docxtpl loading the template and rendering it for each document (goal: at most half).
Medians over every (account, document) pair, after one warm-up round.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from abmcontent.context import audiences_for, build_context
from abmcontent.documents import template_path
from abmcontent.loading.workspace import load_workspace
from abmcontent.renderers.base import RenderRequest
from abmcontent.renderers.docx import DocxRenderer
from abmcontent.renderers.pdf import HtmlPdfRenderer

DOCS = ["competitive", "case-study", "briefing"]


def requests(ws, fmt: str) -> list[RenderRequest]:
    out = []
    for account in ws.accounts.values():
        for doc in DOCS:
            audience = audiences_for(account, doc)[0]
            ctx = build_context(
                ws.library, account, audience, doc=doc, root=ws.root, today=dt.date(2026, 11, 25)
            ).data
            path, name = template_path(ws.root, doc, fmt, account.locale)
            out.append(RenderRequest(path, ctx, ws.root, name))
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def bench_pdf(ws, rounds: int) -> None:
    from weasyprint import HTML

    renderer = HtmlPdfRenderer()
    reqs = requests(ws, "pdf")
    htmls = [renderer.render_html(r) for r in reqs]
    ours: list[float] = []
    raw: list[float] = []
    for round_ in range(rounds + 1):
        for req, html in zip(reqs, htmls, strict=True):
            base = req.template.parent.resolve().as_uri() + "/"
            a = timed(lambda req=req: renderer.render(req))
            b = timed(lambda html=html, base=base: HTML(string=html, base_url=base).write_pdf())
            if round_:
                ours.append(a)
                raw.append(b)
    mo, mr = statistics.median(ours), statistics.median(raw)
    print(
        f"PDF   renderer {mo:7.1f} ms/doc | raw WeasyPrint {mr:7.1f} ms/doc | "
        f"ratio {mo / mr:5.2f} (goal <= 1.10)  [{len(ours)} docs]"
    )


def bench_docx(ws, rounds: int) -> None:
    from docxtpl import DocxTemplate

    from abmcontent.jinja_env import make_environment
    from abmcontent.renderers.docx import DOCX_FILTERS

    renderer = DocxRenderer()
    reqs = requests(ws, "docx")
    env = make_environment(autoescape=True, extra_filters=DOCX_FILTERS)
    ours: list[float] = []
    stock: list[float] = []

    def docxtpl_render(req: RenderRequest) -> None:
        tpl = DocxTemplate(str(req.template))
        ctx = dict(req.context)
        ctx["images"] = {"account_logo": "", "seller_logo": "", "account_logo_large": ""}
        ctx["case_studies"] = [
            dict(c, chart="", other_results=[]) for c in ctx.get("case_studies", [])
        ]
        tpl.render(ctx, jinja_env=env)
        tpl.save(io.BytesIO())

    for round_ in range(rounds + 1):
        for req in reqs:
            a = timed(lambda req=req: renderer.render(req))
            b = timed(lambda req=req: docxtpl_render(req))
            if round_:
                ours.append(a)
                stock.append(b)
    mo, ms = statistics.median(ours), statistics.median(stock)
    print(
        f"DOCX  renderer {mo:7.1f} ms/doc | docxtpl per doc {ms:7.1f} ms/doc | "
        f"ratio {mo / ms:5.2f} (goal <= 0.50)  [{len(ours)} docs]"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workspace", default="")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.workspace:
        root = Path(args.workspace)
    else:
        root = Path(tempfile.mkdtemp()) / "ws"
        shutil.copytree(
            Path(__file__).resolve().parent.parent / "abmcontent" / "sample" / "workspace", root
        )
    ws = load_workspace(root)
    print(f"workspace {root}: {len(ws.accounts)} accounts x {len(DOCS)} documents")
    bench_docx(ws, args.rounds)
    bench_pdf(ws, args.rounds)


if __name__ == "__main__":
    main()
