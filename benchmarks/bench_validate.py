"""How fast a large workspace is loaded and validated (profiles, library, references).

Generates a workspace of 500 accounts with benchmarks/workspace_gen.py, then times a full
``load_workspace`` (safe YAML parsing with line numbers, model validation, cross-file
references, image checks, translation warnings) several times and prints the median.
Goal: 500 accounts in under 2 s on a 2-core machine. Prints figures; asserts nothing on time.

    python benchmarks/bench_validate.py [--accounts 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workspace_gen import generate_workspace

from abmcontent.loading.workspace import load_workspace


def main() -> None:
    parser = argparse.ArgumentParser(description="Time load_workspace on a large workspace.")
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="abm-bench-validate-") as tmp:
        root = generate_workspace(Path(tmp) / "ws", args.accounts, args.seed)
        ws = load_workspace(root)  # warm-up: imports, file cache
        if ws.errors:
            print(f"generated workspace has {len(ws.errors)} error(s), e.g. {ws.errors[0]}")
            raise SystemExit(1)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            ws = load_workspace(root)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"load_workspace + validation: {len(ws.accounts)} accounts, "
            f"{len(ws.warnings)} warning(s), 0 error(s)"
        )
        print(
            f"median of {args.runs} runs: {median:.3f} s  ->  {len(ws.accounts) / median:,.0f} "
            f"accounts/s  (runs: {', '.join(f'{t:.3f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
