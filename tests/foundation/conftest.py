"""Fixtures of the foundation suite: the contract workspace, the sample, a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checkout import COMMAND, REPO_ROOT, CliResult, checkout_env
from tests.contract_data import CONTRACT_DIR

CASES_DIR = Path(__file__).resolve().parent / "cases"
PACKAGE_TEMPLATES = REPO_ROOT / "abmcontent" / "templates"
DEFAULT_TEMPLATES = (
    "proposal.pptx",
    "competitive.docx",
    "competitive.html",
    "case-study.html",
    "case-study.docx",
    "briefing.html",
    "briefing.docx",
)
HOKUTO = "account_profiles/hokuto-logistics.yaml"
NORTHWIND = "account_profiles/northwind-health.yaml"


def templates_missing() -> list[str]:
    """The default templates not (yet) shipped in abmcontent/templates/."""
    return [name for name in DEFAULT_TEMPLATES if not (PACKAGE_TEMPLATES / name).is_file()]


needs_templates = pytest.mark.skipif(
    bool(templates_missing()),
    reason=f"default templates not written yet: {', '.join(templates_missing())}",
)


@pytest.fixture(scope="session")
def contract_dir() -> Path:
    assert CONTRACT_DIR.is_dir(), f"the contract examples are expected at {CONTRACT_DIR}"
    return CONTRACT_DIR


@pytest.fixture
def contract_ws(tmp_path: Path, contract_dir: Path) -> Path:
    """A writable copy of the contract example workspace."""
    target = tmp_path / "ws"
    shutil.copytree(contract_dir, target, ignore=shutil.ignore_patterns("README.md"))
    return target


#: runs the CLI in a fresh interpreter with the template checks switched off, so that
#: tests of profile and library checking do not depend on the state of the templates
_NO_TEMPLATES = (
    "import abmcontent.template_checks as t; t.check_templates = lambda ws: []; "
    "from abmcontent.cli import main; main()"
)


def _run_cli(
    *args: str,
    cwd: Path | None = None,
    templates: bool = False,
    env: dict[str, str] | None = None,
) -> CliResult:
    """Run ``abmcontent ARGS`` in a subprocess; with ``templates`` the real console script."""
    command = [*COMMAND, *args] if templates else [sys.executable, "-c", _NO_TEMPLATES, *args]
    full_env = checkout_env({"PYTHONWARNINGS": "ignore", **(env or {})})
    full_env.pop("ABMCONTENT_DEBUG", None)
    done = subprocess.run(
        command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120
    )
    result = CliResult(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    return _run_cli
