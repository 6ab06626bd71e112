"""The values the command line checks before a command runs: choices, dates, account ids.

A :class:`Choices` knows its valid values only when asked (documents, tiers, formats come from
their own modules, imported on first use, so ``--help`` and the no-op build stay light). It
checks a value (a typo exits 2 with "did you mean"), completes it in the shell, and is found by
:class:`~abmcontent.cli_support.AbmCommand`, which lists the values in the help.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from abmcontent.errors import UsageError
from abmcontent.layout import PROFILES_DIR


class Choices:
    """A closed vocabulary of one option (``tier``, ``document``...), loaded on first use."""

    def __init__(
        self,
        noun: str,
        load: Callable[[], Sequence[str]],
        describe: Callable[[str], str] | None = None,
    ) -> None:
        self.noun = noun
        self._load = load
        self._describe = describe

    @property
    def values(self) -> tuple[str, ...]:
        """Every valid value, in the order they are listed (read anew: a new document shows)."""
        return tuple(self._load())

    def listing(self) -> str:
        """``a, b or c``: the values as help text shows them (with what each is, if known)."""
        shown = [f"{v} ({self._describe(v)})" if self._describe else v for v in self.values]
        *head, last = shown
        return f"{', '.join(head)} or {last}" if head else last

    def parse(self, value: str) -> str:
        """Return ``value`` when valid; else fail with the closest value and the whole list.

        Raises:
            typer.BadParameter: ``value`` is not one of :attr:`values` (exit code 2).
        """
        if value in self.values:
            return value
        close = difflib.get_close_matches(value, self.values, n=1, cutoff=0.6)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise typer.BadParameter(
            f"'{value}' is not a {self.noun}.{hint} Choose {self.listing()}."
        )

    def complete(self, incomplete: str) -> list[str]:
        """The values starting with ``incomplete`` (shell completion)."""
        return [value for value in self.values if value.startswith(incomplete)]


def _documents() -> list[str]:
    from abmcontent.documents import DOCUMENTS

    return list(DOCUMENTS)


def _audience_class(doc_id: str) -> str:
    from abmcontent.documents import DOCUMENTS

    return DOCUMENTS[doc_id].audience_class


def _formats() -> list[str]:
    from abmcontent.documents import DOCUMENTS

    return list(dict.fromkeys(fmt for spec in DOCUMENTS.values() for fmt in spec.formats))


def _tiers() -> tuple[str, ...]:
    from abmcontent.tier_names import TIERS

    return TIERS


def _score_formats() -> tuple[str, ...]:
    from abmcontent.crm.score_output import FORMATS

    return FORMATS


def _schema_kinds() -> tuple[str, ...]:
    from abmcontent.schema import KINDS

    return KINDS


def _presets() -> list[str]:
    from abmcontent.crm.presets import PRESETS

    return list(PRESETS)


DOCUMENT = Choices("document", _documents, _audience_class)
FORMAT = Choices("format", _formats)
TIER = Choices("tier", _tiers)
SCORE_FORMAT = Choices("score format", _score_formats)
SCHEMA_KIND = Choices("schema", _schema_kinds)
PRESET = Choices("preset", _presets)


def choice_option(choices: Choices, *names: str, metavar: str, help: str) -> Any:
    """A Typer option taking one of ``choices``: checked, completed, listed in the help."""
    return typer.Option(
        *names,
        metavar=metavar,
        help=help,
        parser=choices.parse,
        autocompletion=choices.complete,
    )


WorkspaceOpt = Annotated[
    Path,
    typer.Option(
        "--workspace", "-w", metavar="DIR", help="The workspace folder.", file_okay=False
    ),
]
"""``--workspace DIR``, which every command takes."""


def choices_of(param: object) -> Choices | None:
    """The :class:`Choices` a Typer parameter was declared with (``parser=X.parse``), if any."""
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    parser = getattr(info, "parser", None)  # Typer with its own Click
    if parser is None:
        parser = getattr(getattr(param, "type", None), "func", None)  # Typer on Click
    owner = getattr(parser, "__self__", None)
    return owner if isinstance(owner, Choices) else None


def complete_account(ctx: typer.Context, incomplete: str) -> list[str]:
    """Account ids starting with ``incomplete``, from ``--workspace`` (if typed) or here."""
    root = Path(ctx.params.get("workspace") or ".")
    folder = root / PROFILES_DIR
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml") if p.stem.startswith(incomplete))


_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str | None, option: str = "--date") -> dt.date:
    """Read a ``YYYY-MM-DD`` option (default: today), saying which part is wrong.

    Raises:
        UsageError: not of that shape, or a month or day that does not exist.
    """
    if value is None:
        return dt.date.today()
    if not _DATE_SHAPE.fullmatch(value):
        raise UsageError(f"{option} must be YYYY-MM-DD, not '{value}'")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:  # the shape is right, a part is not: say which
        raise UsageError(f"{option} '{value}' is not a date: {exc}") from None
