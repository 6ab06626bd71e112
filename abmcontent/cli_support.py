"""What every command shares: errors become messages and exit codes, never a traceback.

Exit codes: 0 all good; 1 invalid input, a failed document, a file that cannot be written
(named with the reason) or an unexpected error; 2 wrong usage; 130 interrupted; 141 the reader
of the output went away (``abmcontent score | head``).
``ABMCONTENT_DEBUG=1`` shows the traceback of unexpected errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from abmcontent.cli_params import choices_of

#: exit code when stdout is closed early, as the shell reports a command ended by SIGPIPE
BROKEN_PIPE = 141

QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only errors and failures.")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Print more: info notices (text shrunk to fit).")
]


def fail(message: str, code: int) -> NoReturn:
    """Print ``message`` to stderr and end the command with exit ``code``."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def check_verbosity(quiet: bool, verbose: bool) -> None:
    """Refuse ``--quiet`` with ``--verbose`` (exit 2)."""
    if quiet and verbose:
        fail("error: use --quiet or --verbose, not both", 2)


def silence_stdout() -> None:
    """Send whatever is still to be written to stdout nowhere: its reader is gone (``| head``)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the final flush then succeeds, silently
    except (OSError, ValueError):
        pass


def end_on_broken_pipe() -> NoReturn:
    """Stop quietly with :data:`BROKEN_PIPE`: no message, no traceback, nothing more written."""
    silence_stdout()
    sys.exit(BROKEN_PIPE)


def require_workspace(root: Path) -> None:
    """Refuse a folder that is not a workspace (no profiles, no library): nothing is written.

    Raises:
        AbmError: ``root`` has neither ``account_profiles/`` nor ``library/`` (exit code 1).
    """
    from abmcontent.errors import AbmError
    from abmcontent.layout import LIBRARY_DIR, PROFILES_DIR

    if (root / PROFILES_DIR).is_dir() or (root / LIBRARY_DIR).is_dir():
        return
    where = str(root.resolve())
    raise AbmError(
        f"{where} is not an abmcontent workspace: it has no {PROFILES_DIR}/ "
        f"or {LIBRARY_DIR}/ folder. Run the command inside a workspace, give --workspace DIR, "
        "or create one with: abmcontent init DIR"
    )


def guard(func: Callable[[], None]) -> None:
    """Run ``func``, turning abmcontent errors into messages and exit codes."""
    from abmcontent.errors import AbmError, UsageError

    try:
        func()
    except typer.Exit:
        raise
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(BROKEN_PIPE) from None
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


def _no_type(ctx: Any) -> None:
    """No type column for an argument: its metavar (ACCOUNT, DIR) says what it is."""
    del ctx


def _tidy(params: list[Any]) -> None:
    """Make help read as words: no ``<bool>`` after flags, no ``<str>`` after arguments.

    Each option declared with a :class:`~abmcontent.cli_params.Choices` lists its values.
    """
    for param in params:
        if getattr(param, "_tidied", False):
            continue
        param._tidied = True
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        if param.param_type_name == "argument" and param.metavar is not None:
            param.display_type_rich = _no_type
        choices = choices_of(param)
        if choices is not None:
            listed = f"One of {choices.listing()}."
            param.help = f"{param.help} {listed}" if param.help else listed


def _usage(params: list[Any], options_metavar: str | None) -> list[str]:
    """The usage line: ``[OPTIONS] ACCOUNT`` (an optional argument in brackets)."""
    pieces = [options_metavar] if options_metavar else []
    for param in params:
        if param.param_type_name != "argument":
            continue
        name = param.metavar or param.name.upper()
        name += "..." if param.nargs != 1 else ""
        pieces.append(name if param.required else f"[{name}]")
    return pieces


class AbmCommand(TyperCommand):
    """A command whose help reads as words and lists the valid values of fixed choices."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] ACCOUNT``: arguments by their metavar."""
        return _usage(self.get_params(ctx), self.options_metavar)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help, after :func:`_tidy`."""
        _tidy(self.get_params(ctx))
        super().format_help(ctx, formatter)


class AbmGroup(TyperGroup):
    """The top-level command: flags without a type column, like :class:`AbmCommand`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help, after :func:`_tidy`."""
        _tidy(self.get_params(ctx))
        super().format_help(ctx, formatter)
