"""What every command shares: errors become messages and exit codes, never a traceback.

Exit codes: 0 all good; 1 invalid input, a failed document, a file that cannot be written
(named with the reason) or an unexpected error; 2 wrong usage; 130 interrupted.
``ABMCONTENT_DEBUG=1`` shows the traceback of unexpected errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NoReturn

import typer


def fail(message: str, code: int) -> NoReturn:
    """Print ``message`` to stderr and end the command with exit ``code``."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def guard(func: Callable[[], None]) -> None:
    """Run ``func``, turning abmcontent errors into messages and exit codes."""
    from abmcontent.errors import AbmError, UsageError

    try:
        func()
    except typer.Exit:
        raise
    except UsageError as exc:
        fail(f"error: {exc}", 2)
    except AbmError as exc:
        fail(f"error: {exc}" if "\n" not in str(exc) else str(exc), 1)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except OSError as exc:  # a read-only or full disk, a missing permission: say where
        from abmcontent.errors import describe_os_error

        fail(f"error: {describe_os_error(exc)}", 1)
    except Exception as exc:  # no traceback reaches the user
        if os.environ.get("ABMCONTENT_DEBUG"):
            raise
        fail(
            f"internal error: {type(exc).__name__}: {exc} "
            "(set ABMCONTENT_DEBUG=1 for details and please report it)",
            1,
        )
