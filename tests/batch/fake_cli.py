"""``python -m tests.batch.fake_cli ARGS``: the real command, with the fake renderers installed.

The fakes are installed here and in every worker process (a worker set-up), so tests can run
real ``abmcontent build`` processes (locks, signals) in seconds.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from abmcontent.batch import build
from abmcontent.cli import main

from . import fakes

_real_executor = build._executor


def _fake_executor(
    workspace: Any, today: Any, options: Any, stale: int, office_url: str | None = None
) -> Any:
    """The real executor, with workers that install the fakes first."""
    options = dataclasses.replace(options, worker_setup=fakes.install)
    return _real_executor(workspace, today, options, stale, office_url)


if __name__ == "__main__":
    fakes.install()
    build._executor = _fake_executor
    main()
