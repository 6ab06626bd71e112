"""Shared helpers of the browser tests and the screenshot script: a server on a free port
of 127.0.0.1 over a workspace, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.checkout import checkout_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(workspace: Path, *extra: str) -> Iterator[str]:
    """``abmcontent serve`` on 127.0.0.1 and a random free port; yields its base URL."""
    port = free_port()
    log = workspace.parent / f"serve-{port}.log"
    with log.open("wb") as out:
        command = [
            sys.executable, "-c", "from abmcontent.cli import main; main()",
            "serve", "--workspace", str(workspace), "--host", "127.0.0.1", "--port", str(port),
            *extra,
        ]  # fmt: skip
        env = checkout_env({"ABMCONTENT_TOKEN": ""})
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/static/app.css", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log.read_text(errors="replace")) from None
                    time.sleep(0.15)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
