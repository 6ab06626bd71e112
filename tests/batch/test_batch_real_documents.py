"""End to end with the real renderers: build one account in two workers, reopen each file."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from .conftest import build, files, manifest

REAL = all(
    importlib.util.find_spec(name) is not None
    for name in ("abmcontent.renderers.docx", "abmcontent.renderers.pdf", "abmcontent.pptx_engine")
)

pytestmark = pytest.mark.skipif(not REAL, reason="the real renderers are not written yet")

ACCOUNT = "alder-creek-cold-storage"


def test_real_documents_build_in_workers_reopen_and_are_then_up_to_date(workspace: Path) -> None:
    report = build(workspace, accounts=[ACCOUNT], jobs=2)
    assert report.ok, report.failed
    written = files(workspace)
    assert set(written) == set(manifest(workspace)) == set(report.built)
    formats = {path.rsplit(".", 1)[1] for path in written}
    assert formats == {"pptx", "docx", "pdf"}
    for path, data in written.items():
        if path.endswith(".pptx"):
            from pptx import Presentation

            assert len(Presentation(io.BytesIO(data)).slides) > 0
        elif path.endswith(".docx"):
            from docx import Document

            assert any(p.text.strip() for p in Document(io.BytesIO(data)).paragraphs)
        else:
            from pypdf import PdfReader

            assert len(PdfReader(io.BytesIO(data)).pages) > 0
    again = build(workspace, accounts=[ACCOUNT], jobs=2)
    assert again.built == [] and sorted(again.up_to_date) == sorted(report.built)
