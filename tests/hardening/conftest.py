"""Fixtures of the hardening suite: a writable contract workspace, rendering and reopening."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.pipeline import Job, plan_jobs, prepare_job, render_prepared
from tests.contract_data import CONTRACT_DIR

TODAY = dt.date(2026, 11, 25)
HOKUTO = "account_profiles/hokuto-logistics.yaml"
NORTHWIND = "account_profiles/northwind-health.yaml"

# Bounded examples in CI; HYPOTHESIS_PROFILE=thorough for a longer local run.
settings.register_profile(
    "ci",
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def copy_contract(target: Path) -> Path:
    shutil.copytree(CONTRACT_DIR, target, ignore=shutil.ignore_patterns("README.md", "output"))
    return target


@pytest.fixture
def ws_root(tmp_path: Path) -> Path:
    """A writable copy of the contract example workspace."""
    return copy_contract(tmp_path / "ws")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def one_job_per_format(ws: Workspace, account: str, audience: str | None = None) -> list[Job]:
    """A job for every (document, format) of ``account`` (pdf decks need LibreOffice: left out)."""
    jobs: dict[tuple[str, str], Job] = {}
    formats = ["pptx", "docx", "pdf"]
    for job in plan_jobs(ws, accounts=[account], audience=audience, formats=formats):
        if job.doc == "proposal" and job.format == "pdf":
            continue
        jobs.setdefault((job.doc, job.format), job)
    return list(jobs.values())


def render_job(ws: Workspace, job: Job) -> tuple[bytes, list[str]]:
    rendered = render_prepared(ws, prepare_job(ws, job, today=TODAY))
    return rendered.data, rendered.warnings


def document_text(data: bytes, fmt: str) -> str:
    """Reopen a document with the reference library of its format and return all its text."""
    if fmt == "pptx":
        import pptx

        deck = pptx.Presentation(io.BytesIO(data))
        parts: list[str] = []
        for slide in deck.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if shape.has_table:
                    parts.extend(c.text for row in shape.table.rows for c in row.cells)
        return "\n".join(parts)
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts.extend(c.text for row in table.rows for c in row.cells)
        return "\n".join(parts)
    assert fmt == "pdf", fmt
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def pdftotext_words(pdf: Path) -> list[tuple[int, float, float, float, float, float, float, str]]:
    """Every word of a PDF: (page, page width, page height, xmin, ymin, xmax, ymax, text)."""
    import html
    import re

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    page, width, height = 0, 0.0, 0.0
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page += 1
            width, height = float(m.group(1)), float(m.group(2))
            continue
        m = re.search(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" '
            r'xMax="([-\d.]+)" yMax="([-\d.]+)">(.*)</word>',
            line,
        )
        if m:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            words.append((page, width, height, x0, y0, x1, y1, html.unescape(m.group(5))))
    return words


def load(root: Path) -> Workspace:
    return load_workspace(root)
