"""PDF decks through one long-lived LibreOffice against a ``soffice`` start per deck.

Usage: python benchmarks/bench_office.py [--account sakura-mart] [--rounds 2]

Times ``abmcontent render ACCOUNT --doc proposal --format pdf`` (a strategic account's six
decks in the sample workspace) in a fresh process, with the long-lived LibreOffice
(unoserver) and with it turned off (``ABMCONTENT_UNOSERVER=off``: a ``soffice`` start per
deck, as before), in alternating order. Then times single conversions of one rendered deck
in this process: cold ``soffice`` against a running server, whole deck and first slide.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from abmcontent.renderers import office_server  # noqa: E402
from abmcontent.renderers.office_pdf import convert_to_pdf, convert_with_soffice  # noqa: E402
from abmcontent.sample import init_workspace  # noqa: E402

DATE = "2026-04-01"


def timed_render(root: Path, account: str, server: bool) -> tuple[float, str]:
    """Seconds for the ``render`` command in a fresh process, and its summary line."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env[office_server.DISABLE_ENV] = "on" if server else "off"
    command = [sys.executable, "-m", "abmcontent", "render", account, "--doc", "proposal",
               "--format", "pdf", "--date", DATE, "-w", str(root)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    lines = (done.stdout or done.stderr).strip().splitlines()
    summary = next((line for line in lines if " built, " in line), lines[-1] if lines else "")
    return elapsed, summary


def single_conversions(deck: bytes, repeat: int) -> None:
    """Median seconds of one conversion, cold and on a running server."""
    cold = [_seconds(lambda: convert_with_soffice(deck, ".pptx")) for _ in range(repeat)]
    print(f"one deck, cold soffice start: median {statistics.median(cold):.2f} s of {repeat}")
    start = time.perf_counter()
    with office_server.shared_office() as url:
        if url is None or office_server.ready_url() is None:
            print("no long-lived LibreOffice here (python3-uno and unoserver needed)")
            return
        print(f"server start until it answers: {time.perf_counter() - start:.2f} s")
        for first_page in (False, True):
            times = [
                _seconds(lambda fp=first_page: convert_to_pdf(deck, ".pptx", first_page=fp))
                for _ in range(repeat * 2)
            ]
            what = "first slide only (a preview)" if first_page else "whole deck"
            print(f"one deck on the running server, {what}: median "
                  f"{statistics.median(times):.2f} s of {len(times)}")  # fmt: skip


def _seconds(work: object) -> float:
    assert callable(work)
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--account", default="sakura-mart", help="a strategic account")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="abm-bench-office-"))
    root = init_workspace(base / "ws")
    print(f"workspace: {root}; load average before: {os.getloadavg()[0]:.2f} on "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"command: {sys.executable} -m abmcontent render {args.account} --doc proposal "
          f"--format pdf --date {DATE} -w WS")  # fmt: skip
    results: dict[bool, list[float]] = {True: [], False: []}
    for round_number in range(1, args.rounds + 1):
        for server in (True, False) if round_number % 2 else (False, True):
            seconds, summary = timed_render(root, args.account, server)
            results[server].append(seconds)
            label = "long-lived LibreOffice" if server else "soffice per deck (before)"
            print(f"round {round_number}, {label}: {seconds:.1f} s -> {summary}", flush=True)
    best_on, best_off = min(results[True]), min(results[False])
    print(f"render --format pdf: {best_off:.1f} s before, {best_on:.1f} s now "
          f"({best_off / best_on:.1f}x faster, best of {args.rounds} each)")  # fmt: skip
    decks = sorted((root / "output" / args.account / "proposal").glob("*.pdf"))
    print(f"({len(decks)} PDF decks)")
    office_server.use_server(None)
    from abmcontent.api import render

    render(root, args.account, doc="proposal", formats=["pptx"])
    deck = next(iter(sorted((root / "output" / args.account / "proposal").glob("*.pptx"))))
    single_conversions(deck.read_bytes(), 3)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
