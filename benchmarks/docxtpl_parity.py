"""Measure the Word renderer against docxtpl's own test suite.

    PYTHONPATH=$PWD python benchmarks/docxtpl_parity.py FETCHED [--out /tmp/docxtpl-ref]
        [--only NAME ...] [--no-pdf]

FETCHED is docxtpl's repository as the ``fetch`` tool brings it (a git directory) or any
folder holding its ``tests/``. Its tests are copied into ``OUT/tests`` (nothing is written
into this repository). Each test script is run as it is, in a child process where
``DocxTemplate.render`` also renders the same template with the same context through
:class:`abmcontent.renderers.docx.DocxRenderer`, and ``save`` writes docxtpl's document to
``OUT/ref/`` and ours to ``OUT/ours/``. The two are then compared: the text of every part
(body, tables, headers, footers, footnotes, endnotes, comments, core and custom
properties), then the LibreOffice PDFs page by page at 50 dpi with a small pixel tolerance.

Prints one line per template and the score ``N of 27 same text, M of 27 same PDF``. The 27
are the suite's scripts less the nine that need docxtpl objects bound to its own document
(pictures, sub-documents from files, media replacement, embedded files) or that do not render
(``get_undeclared_variables``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.renderers.docx_parity import page_differences, text_differences, to_pdf

EXCLUDED = {
    "embedded", "header_footer_image", "header_footer_image_file_obj",
    "header_footer_inline_image", "inline_image", "merge_docx", "replace_picture", "subdoc",
    "get_undeclared_variables", "runtests", "__init__",
}

#: run inside the child process, in docxtpl's tests/ folder: argv = script, out folder
HARNESS = r'''
import json, runpy, sys, traceback
from pathlib import Path
import docxtpl
from abmcontent.renderers.base import RenderRequest
from abmcontent.renderers.docx import DocxRenderer

script, out = sys.argv[1], Path(sys.argv[2])
name = Path(script).stem
renderer = DocxRenderer()
state = {"saves": 0, "ours": None, "error": None, "docxtpl_error": None}
results = []
original_render = docxtpl.DocxTemplate.render
original_save = docxtpl.DocxTemplate.save

def render(self, context, jinja_env=None, autoescape=False):
    source = Path(self.template_file).resolve()
    try:
        state["ours"] = renderer.render(RenderRequest(
            template=source, context=context, workspace_root=source.parent,
            template_name=source.name)).data
        state["error"] = None
    except Exception as exc:
        state["ours"], state["error"] = None, f"{type(exc).__name__}: {exc}"
    try:
        state["docxtpl_error"] = None
        return original_render(self, context, jinja_env, autoescape)
    except Exception as exc:
        state["docxtpl_error"] = f"{type(exc).__name__}: {exc}"
        raise

def save(self, filename, *args, **kwargs):
    state["saves"] += 1
    stem = name if state["saves"] == 1 else f"{name}-{state['saves']}"
    ref = out / "ref" / f"{stem}.docx"
    original_save(self, ref, *args, **kwargs)
    entry = {"stem": stem, "error": state["error"], "docxtpl_error": state["docxtpl_error"]}
    if state["ours"] is not None:
        (out / "ours" / f"{stem}.docx").write_bytes(state["ours"])
    results.append(entry)

docxtpl.DocxTemplate.render = render
docxtpl.DocxTemplate.save = save
if name == "module_execute":
    tpl = docxtpl.DocxTemplate("templates/module_execute_tpl.docx")
    tpl.render(json.loads(Path("templates/module_execute.json").read_text()))
    tpl.save("output/module_execute.docx")
else:
    try:
        runpy.run_path(script, run_name="__main__")
    except Exception as exc:
        results.append({"stem": name, "error": state["error"],
                        "docxtpl_error": f"{type(exc).__name__}: {exc}"})
print("RESULTS " + json.dumps(results))
'''


def _copy_tests(fetched: Path, out: Path) -> Path:
    target = out / "tests"
    if target.exists():
        shutil.rmtree(target)
    if (fetched / "tests").is_dir():
        shutil.copytree(fetched / "tests", target)
        return target
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "tests.tar"
        subprocess.run(["git", f"--git-dir={fetched}", "archive", "-o", str(archive),
                        "HEAD", "tests"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(out, filter="data")
    return target


def _run_script(tests: Path, script: Path, out: Path) -> list[dict[str, str | None]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(script), str(out)], cwd=tests, env=env,
        capture_output=True, text=True, timeout=300,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULTS "):
            return list(json.loads(line[len("RESULTS "):]))
    return [{"stem": script.stem, "error": None,
             "docxtpl_error": (done.stderr.strip().splitlines() or ["no output"])[-1]}]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fetched", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/docxtpl-ref"))
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    out: Path = args.out
    tests = _copy_tests(args.fetched, out)
    (tests / "output").mkdir(exist_ok=True)
    for folder in ("ref", "ours", "pdf-ref", "pdf-ours"):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    scripts = [s for s in sorted(tests.glob("*.py")) if s.stem not in EXCLUDED]
    if args.only:
        scripts = [s for s in scripts if s.stem in args.only]
    results: dict[str, list[dict[str, str | None]]] = {
        s.stem: _run_script(tests, s, out) for s in scripts
    }
    if not args.no_pdf:
        to_pdf(sorted((out / "ref").glob("*.docx")), out / "pdf-ref")
        ours = sorted((out / "ours").glob("*.docx"))
        if ours:
            to_pdf(ours, out / "pdf-ours")
    same_text = same_pdf = 0
    for name, entries in results.items():
        text_ok = pdf_ok = True
        notes: list[str] = []
        for entry in entries:
            stem = str(entry["stem"])
            mine, ref = out / "ours" / f"{stem}.docx", out / "ref" / f"{stem}.docx"
            if entry.get("docxtpl_error") and entry.get("error"):
                notes.append(f"both refuse: {entry['error']}")
                continue
            if not mine.exists() or not ref.exists():
                text_ok = pdf_ok = False
                notes.append(str(entry.get("error") or entry.get("docxtpl_error")))
                continue
            problems = text_differences(mine, ref)
            if problems:
                text_ok = False
                notes.append("text: " + "; ".join(problems[:2]))
            if args.no_pdf:
                continue
            pages = page_differences(out / "pdf-ours" / f"{stem}.pdf",
                                     out / "pdf-ref" / f"{stem}.pdf")
            if pages:
                pdf_ok = False
                notes.append("pdf: " + "; ".join(pages[:3]))
        same_text += text_ok
        same_pdf += pdf_ok and not args.no_pdf
        mark = ("text ok" if text_ok else "TEXT") + ("" if args.no_pdf else
                                                   (", pdf ok" if pdf_ok else ", PDF"))
        print(f"{name:32} {mark:16} {' | '.join(notes)[:300]}")
    total = len(results)
    print(f"{same_text} of {total} same text, {same_pdf} of {total} same PDF")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
