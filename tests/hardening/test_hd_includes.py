"""HTML templates cannot include, import or extend files outside their folders via symlinks.

Attacks: ``templates/evil.html`` as a symlink to a file outside the workspace or to
``/etc/passwd``, pulled in with ``{% include %}``, ``{% import %}`` and ``{% extends %}``,
and the main template itself as such a symlink. ``validate`` reports each; the PDF is not
made and the outside text never appears anywhere.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from abmcontent.api import render, validate
from abmcontent.documents import PACKAGE_TEMPLATES

TODAY = dt.date(2026, 11, 25)
ACCOUNT = "northwind-health"
SECRET = "TOPSECRET-OUTSIDE-THE-WORKSPACE"
BRIEFING = (PACKAGE_TEMPLATES / "briefing.html").read_text(encoding="utf-8")
STATEMENTS = {
    "include": ("{% block content %}", '{% block content %}{% include "evil.html" %}'),
    "import": ("{% block content %}", '{% block content %}{% import "evil.html" as m %}'),
    "extends": ('{% extends "_report_base.html" %}', '{% extends "evil.html" %}'),
}


def _outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.html"
    secret.parent.mkdir()
    secret.write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    return secret


def _check_refused(ws_root: Path, target: Path, *, main: bool = False) -> None:
    problems = {p.file: p.reason for p in validate(ws_root) if p.file.startswith("templates/")}
    name = "briefing.html" if main else "evil.html"
    refusal = f"template '{name}' leads outside the template folders (to {target}): refused"
    assert problems.pop("templates/briefing.html") == refusal
    if not main:  # the link is also a template of the folder, checked on its own
        assert problems.pop("templates/evil.html") == refusal
    assert problems == {}

    report = render(ws_root, ACCOUNT, doc="briefing", formats=["pdf"], today=TODAY)
    assert not report.built and report.failed
    for path, reason in report.failed.items():
        assert "leads outside the template folders" in reason, reason
        assert SECRET not in reason and "root:x:" not in reason
        assert not (ws_root / path).exists()


@pytest.mark.parametrize("statement", list(STATEMENTS))
def test_a_symlink_to_a_file_outside_the_workspace_is_refused(
    statement: str, ws_root: Path, tmp_path: Path
) -> None:
    secret = _outside_file(tmp_path)
    templates = ws_root / "templates"
    templates.mkdir()
    old, new = STATEMENTS[statement]
    assert old in BRIEFING
    (templates / "briefing.html").write_text(BRIEFING.replace(old, new, 1), encoding="utf-8")
    (templates / "evil.html").symlink_to(secret)
    _check_refused(ws_root, secret)


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd here")
def test_a_symlink_to_etc_passwd_is_refused(ws_root: Path) -> None:
    templates = ws_root / "templates"
    templates.mkdir()
    old, new = STATEMENTS["include"]
    (templates / "briefing.html").write_text(BRIEFING.replace(old, new, 1), encoding="utf-8")
    (templates / "evil.html").symlink_to("/etc/passwd")
    _check_refused(ws_root, Path("/etc/passwd"))


def test_the_main_template_as_a_symlink_out_is_refused(ws_root: Path, tmp_path: Path) -> None:
    secret = _outside_file(tmp_path)
    templates = ws_root / "templates"
    templates.mkdir()
    (templates / "briefing.html").symlink_to(secret)
    _check_refused(ws_root, secret, main=True)


def test_a_symlink_inside_the_templates_folder_still_works(ws_root: Path) -> None:
    templates = ws_root / "templates"
    templates.mkdir()
    (templates / "report.css").write_bytes((PACKAGE_TEMPLATES / "report.css").read_bytes())
    (templates / "shared-intro.html").write_text("<p>Shared intro</p>", encoding="utf-8")
    (templates / "intro.html").symlink_to(templates / "shared-intro.html")
    old = "{% block content %}"
    (templates / "briefing.html").write_text(
        BRIEFING.replace(old, old + '{% include "intro.html" %}', 1), encoding="utf-8"
    )
    assert not [p for p in validate(ws_root) if p.file.startswith("templates/")]
    report = render(ws_root, ACCOUNT, doc="briefing", formats=["pdf"], today=TODAY)
    assert report.built and not report.failed, report.failed
    import pypdf

    text = pypdf.PdfReader(ws_root / report.built[0]).pages[0].extract_text()
    assert "Shared intro" in text
