"""Property-based: valid profiles with arbitrary Unicode always render to documents that reopen.

Generated texts mix CJK, emoji (with ZWJ sequences), right-to-left scripts, combining marks,
control characters and markup. Each example is a profile file written as YAML and loaded
through the normal loader; documents are rendered in-process and reopened with python-pptx,
python-docx and pypdf. PDF rendering is slow, so examples are bounded (conftest ``ci``
profile: 15 for pptx/docx, fewer for pdf).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import NORTHWIND, copy_contract, document_text, load, render_job

PIECES = [
    *"北斗物流東京都江東区アイウ한국어", "😀", "👩\u200d💻", "🇯🇵", "\u200d", "\ufe0f",
    *"עבריתالعربية", "\u0301", "\u0308", "\u20dd", "\u202e", "\u200f",
    "\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\r", "\t",
    "<b>", "&amp;", "{{ 7*7 }}", "{%", "%}", "]]>", "\\", '"',
]
TEXT = st.lists(
    st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)), st.sampled_from(PIECES)),
    min_size=1,
    max_size=40,
).map("".join).filter(lambda text: any(c.isalnum() for c in text))
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, object]:
    name = draw(TEXT)
    people = [
        {
            "id": f"person-{i}",
            "name": draw(TEXT),
            "title": draw(TEXT),
            "role": role,
            "priorities": draw(st.lists(TEXT, max_size=2)),
            "notes": draw(TEXT),
        }
        for i, role in enumerate(draw(st.lists(st.sampled_from(["coo", "cfo", "cio"]),
                                               min_size=1, max_size=3)))
    ]
    return {
        "id": "northwind-health",
        "name": name,
        "locale": draw(st.sampled_from(["ja", "en"])),
        "tier": "programmatic",
        "industry": "healthcare",
        "headquarters": draw(TEXT),
        "summary": draw(TEXT),
        "business_goals": draw(st.lists(TEXT, max_size=3)),
        "challenges": [
            {
                "id": "c1",
                "title": draw(TEXT),
                "detail": draw(TEXT),
                "impact": "high",
                "tags": ["forecasting"],
                "owners": ["coo"],
            }
        ],
        "competitors": [{"id": "routemax", "status": "evaluating", "notes": draw(TEXT)}],
        "stakeholders": people,
        "opportunities": [
            {"product": "demand-forecast", "kind": "new",
             "value": {"amount": 1000, "currency": "USD"}, "stage": "discovery"}
        ],
        "engagement": [
            {"date": "2026-11-02", "stakeholder": "person-0", "kind": "webinar",
             "summary": draw(TEXT)}
        ],
    }


@pytest.fixture(scope="module")
def prop_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_contract(tmp_path_factory.mktemp("prop") / "ws")


def _write(root: Path, profile: dict[str, object]) -> None:
    text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    (root / NORTHWIND).write_text(text, encoding="utf-8")


def _render_and_reopen(root: Path, profile: dict[str, object], formats: set[str]) -> None:
    _write(root, profile)
    ws = load(root)
    errors = [p for p in ws.errors if p.file == NORTHWIND]
    assert not errors, errors
    from abmcontent.pipeline import plan_jobs

    jobs = [
        j for j in plan_jobs(ws, accounts=["northwind-health"], formats=sorted(formats))
        if not (j.doc == "proposal" and j.format == "pdf")
    ]
    seen: set[tuple[str, str]] = set()
    for job in jobs:
        if (job.doc, job.format) in seen:
            continue
        seen.add((job.doc, job.format))
        data, _ = render_job(ws, job)
        text = document_text(data, job.format)  # reopens (pypdf: every page's text)
        if job.format != "pdf":  # pypdf's text of unusual glyphs is not the input's
            assert not _ILLEGAL.search(text), job.label
            visible = "".join(c for c in str(profile["name"]) if c.isalnum())[:1]
            assert visible in text, job.label
    assert seen


@given(profile=profiles())
def test_any_unicode_renders_pptx_and_docx_that_reopen(
    prop_root: Path, profile: dict[str, object]
) -> None:
    _render_and_reopen(prop_root, profile, {"pptx", "docx"})


@settings(max_examples=max(1, settings.default.max_examples // 3))
@given(profile=profiles())
def test_any_unicode_renders_pdf_that_reopens(prop_root: Path, profile: dict[str, object]) -> None:
    _render_and_reopen(prop_root, profile, {"pdf"})
