"""Fixtures of the CLI suite: ``abmcontent`` run in a child process, as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from abmcontent.sample import init_workspace
from tests.checkout import COMMAND, CliResult, checkout_env
from tests.contract_data import CONTRACT_DIR

#: the document date of every test render, so runs are reproducible
DATE = "2026-04-01"


def abm(
    *args: str,
    cwd: Path | None = None,
    umask: int = -1,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> CliResult:
    """Run ``abmcontent ARGS`` from this checkout; wide help so no word is wrapped."""
    extra = {"COLUMNS": "250", "PYTHONWARNINGS": "ignore", **(env or {})}
    full_env = checkout_env(extra)
    full_env.pop("ABMCONTENT_DEBUG", None)
    done = subprocess.run(
        [*COMMAND, *args], cwd=cwd, env=full_env, capture_output=True, text=True,
        timeout=timeout, umask=umask,
    )  # fmt: skip
    result = CliResult(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in result.output, result.output
    return result


def new_file_mode(umask: int) -> int:
    """The permissions ``open()`` gives a new file under ``umask``."""
    return 0o666 & ~umask


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (to show that nothing changed)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def contract_ws(tmp_path: Path) -> Path:
    """A writable copy of the contract example workspace (two accounts, ja and en)."""
    target = tmp_path / "ws"
    shutil.copytree(CONTRACT_DIR, target, ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture
def sample_ws(tmp_path: Path) -> Path:
    """A fresh sample workspace (12 accounts, an ICP, CRM exports)."""
    return init_workspace(tmp_path / "sample")

