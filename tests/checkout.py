"""How tests start the command in a child process: this checkout's package, not PATH's."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: the repository under test; first on the child's import path
REPO_ROOT = Path(__file__).resolve().parents[1]

#: ``abmcontent`` run from this checkout (``python -m abmcontent``)
COMMAND = [sys.executable, "-m", "abmcontent"]


def checkout_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The current environment with this checkout first on PYTHONPATH, plus ``extra``."""
    paths = [str(REPO_ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **(extra or {})}


@dataclass
class CliResult:
    """What a command run in a child process did: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr
