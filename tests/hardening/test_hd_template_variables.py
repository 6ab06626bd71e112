"""validate checks every variable path of every template against the render context's shape."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from jinja2 import Environment

from abmcontent.context.schema_paths import Shape, context_shapes, unknown_paths
from abmcontent.documents import PACKAGE_TEMPLATES
from abmcontent.template_checks import check_templates
from tests.checkout import checkout_env

from .conftest import load

_SHAPES: dict[str, Shape] = {}


def _shape(doc: str = "proposal") -> Shape:
    if doc not in _SHAPES:
        _SHAPES.update(context_shapes(None, [doc]))
    return _SHAPES[doc]


def _unknown(source: str, doc: str = "proposal") -> list[str]:
    return [u.message() for u in unknown_paths(Environment().parse(source), _shape(doc))]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ account.nmae }}", "unknown variable 'account.nmae' (did you mean 'account.name'?)"),
        ("{{ acount.name }}", "unknown variable 'acount' (did you mean 'account'?)"),
        ("{% for c in challenges %}{{ c.titel }}{% endfor %}",
         "unknown variable 'c.titel' (did you mean 'c.title'?)"),
        ("{{ challenges[0].titel }}",
         "unknown variable 'challenges[0].titel' (did you mean 'challenges[0].title'?)"),
        ("{% for s in account.stakeholders[:3] %}{{ s.last_engagement.sumary }}{% endfor %}",
         "unknown variable 's.last_engagement.sumary' "
         "(did you mean 's.last_engagement.summary'?)"),
        ("{% set a = account %}{{ a.industy }}",
         "unknown variable 'a.industy' (did you mean 'a.industry'?)"),
        ("{% with p = persona %}{{ p.tonee }}{% endwith %}",
         "unknown variable 'p.tonee' (did you mean 'p.tone'?)"),
        ("{{ (case_studies | first).qoute.text }}",
         "unknown variable '(case_studies|first).qoute' "
         "(did you mean '(case_studies|first).quote'?)"),
        ("{{ challenges.title }}", "unknown variable 'challenges.title' (it is a list"),
        ("{{ solutions | map(attribute='nmae') | join }}",
         "unknown variable 'solutions[].nmae' (did you mean 'attribute='name''?) "
         "(in the 'map' filter)"),
        ("{% for c in case_studies if c.has_chrt %}{% endfor %}",
         "unknown variable 'c.has_chrt' (did you mean 'c.has_chart'?)"),
        ("{% if account.tier == 'strategic' %}{{ seller.colors.primry }}{% endif %}",
         "unknown variable 'seller.colors.primry' (did you mean 'seller.colors.primary'?)"),
    ],
)
def test_unknown_paths_are_found_with_a_suggestion(source: str, expected: str) -> None:
    # internal fields (last engagement, tone, tier) exist in the internal briefing's context
    internal = any(name in source for name in ("last_engagement", "tonee", "tier"))
    found = _unknown(source, doc="briefing" if internal else "proposal")
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize(
    "source",
    [
        "{{ account.name }}{{ challenges[0].title }}{{ account.owners.sales }}",
        "{% for c in challenges %}{{ c.title }} {{ loop.index }}{% endfor %}",
        "{% if account.nope is defined %}{{ account.nope }}{% endif %}",
        "{{ account.nope | default('') }}{{ nothing | d('x') }}",
        "{% for k, v in account.owners.items() %}{{ k }}{{ v.upper() }}{% endfor %}",
        "{{ solutions[0].values_by_role.any_role_key }}",
        "{% macro m(x, y=1) %}{{ x.whatever }}{{ y }}{% endmacro %}{{ m(account) }}",
        "{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}{{ ns.n }}",
        "{{ (account.challenges + challenges)[0].anything }}",
        "{% for x in range(3) %}{{ x }}{% endfor %}{{ account.name | upper }}",
        "{% if case_studies %}{{ case_studies[0].quote.text if case_studies[0].quote }}"
        "{% endif %}",
    ],
)
def test_valid_or_unknowable_paths_are_not_reported(source: str) -> None:
    # the account's owners are internal: they exist in the internal briefing's context
    assert _unknown(source, doc="briefing" if "owners" in source else "proposal") == []


def test_briefing_keys_exist_only_for_the_briefing() -> None:
    assert _unknown("{{ briefing.agenda[0].title }}", doc="briefing") == []
    [found] = _unknown("{{ briefing.agenda }}", doc="proposal")
    assert found.startswith("unknown variable 'briefing'")


def test_the_default_templates_and_the_sample_have_no_problems(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from abmcontent.cli import app

    result = CliRunner().invoke(app, ["init", str(tmp_path / "sample")])
    assert result.exit_code == 0, result.output
    ws = load(tmp_path / "sample")
    assert (tmp_path / "sample/templates/proposal.pptx").is_file()
    assert check_templates(ws) == []


def _typo_workspace(root: Path) -> Path:
    """Copy the default templates into the workspace with one typo in each format."""
    import pptx

    templates = root / "templates"
    templates.mkdir()
    html = (PACKAGE_TEMPLATES / "briefing.html").read_text(encoding="utf-8")
    assert "{{ account.name }}" in html
    html = html.replace("{{ account.name }}", "{{ account.nmae }}", 1)
    (templates / "briefing.html").write_text(html, encoding="utf-8")
    line = html[: html.index("account.nmae")].count("\n") + 1

    deck = pptx.Presentation(str(PACKAGE_TEMPLATES / "proposal.pptx"))
    where = None
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if where is None and "c.title" in run.text:
                        run.text = run.text.replace("c.title", "c.titel")
                        where = (number, shape.name)
    assert where is not None
    deck.save(str(templates / "proposal.pptx"))

    with zipfile.ZipFile(PACKAGE_TEMPLATES / "competitive.docx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    tag = re.search(r"\{\{ ?account\.name ?\}\}", body)
    assert tag is not None
    parts["word/document.xml"] = body.replace(
        tag.group(0), tag.group(0).replace("account.name", "account.nmae"), 1
    ).encode("utf-8")
    with zipfile.ZipFile(templates / "competitive.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    (root / "line.txt").write_text(f"{line}\n{where[0]}\n{where[1]}", encoding="utf-8")
    return root


def test_a_typo_in_each_format_is_named_with_template_location_and_path(ws_root: Path) -> None:
    _typo_workspace(ws_root)
    line, slide, shape = (ws_root / "line.txt").read_text(encoding="utf-8").split("\n")
    problems = [str(p) for p in check_templates(load(ws_root))]
    assert f"templates/briefing.html:{line}: unknown variable 'account.nmae' " \
        "(did you mean 'account.name'?)" in problems
    assert f"templates/proposal.pptx: slide {slide}, shape '{shape}': unknown variable " \
        "'c.titel' (did you mean 'c.title'?)" in problems
    docx = [p for p in problems if p.startswith("templates/competitive.docx: body, ")]
    assert len(docx) == 1 and docx[0].endswith(
        "unknown variable 'account.nmae' (did you mean 'account.name'?)"
    ), problems
    assert len(problems) == 3, problems


def test_validate_cli_reports_template_variables_without_importing_weasyprint(
    ws_root: Path,
) -> None:
    _typo_workspace(ws_root)
    code = (
        "import sys; from abmcontent.cli import main; sys.argv = ['abmcontent', 'validate', "
        f"'--workspace', {str(ws_root)!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n"
        "    print('EXIT', e.code); print('WEASY', 'weasyprint' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
        env=checkout_env(),
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert "EXIT 1" in done.stdout and "WEASY False" in done.stdout, output
    assert "unknown variable 'c.titel'" in output and "templates/briefing.html:" in output


def test_a_partial_missing_from_the_workspace_falls_back_to_the_packaged_one(
    ws_root: Path,
) -> None:
    templates = ws_root / "templates"
    templates.mkdir()
    shutil.copy(PACKAGE_TEMPLATES / "case-study.html", templates / "case-study.html")
    assert check_templates(load(ws_root)) == []
    (templates / "case-study.html").write_text(
        '{% extends "_report_base.html" %}{% block content %}{{ case_studies[0].customr }}'
        "{% endblock %}",
        encoding="utf-8",
    )
    [problem] = check_templates(load(ws_root))
    assert problem.file == "templates/case-study.html" and problem.line == 1
    assert "'case_studies[0].customr' (did you mean 'case_studies[0].customer'?)" in problem.reason
