"""Real ``abmcontent`` processes with the fake renderers, for lock and signal tests."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.checkout import checkout_env

from .conftest import TODAY

#: how long a test waits for a child process to reach a state before giving up
PATIENCE_S = 60.0


def fake_command(root: Path, *args: str) -> list[str]:
    """``abmcontent build`` of ``root`` with the fake renderers, test date, no thumbnails."""
    return [
        sys.executable, "-m", "tests.batch.fake_cli", "build", "--workspace", str(root),
        "--date", TODAY.isoformat(), "--no-thumbnails", *args,
    ]  # fmt: skip


def start(command: list[str]) -> subprocess.Popen[str]:
    """Start ``command`` with this checkout on the import path, output captured."""
    return subprocess.Popen(
        command,
        env=checkout_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` to its end."""
    return subprocess.run(
        command, env=checkout_env(), capture_output=True, text=True, timeout=PATIENCE_S, check=False
    )


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll ``condition`` until it holds; fail the test after :data:`PATIENCE_S`."""
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)
