"""``python -m tests.batch.fake_cli ARGS``: the real command, with the fake renderers installed.

Lets tests run real ``abmcontent build`` processes (locks, signals) in seconds.
"""

from __future__ import annotations

from abmcontent.cli import main

from . import fakes

if __name__ == "__main__":
    fakes.install()
    main()
