"""``python -m abmcontent``: the same as the ``abmcontent`` command."""

from abmcontent.cli import main

main()
