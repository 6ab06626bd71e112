"""The ``import`` and ``score`` commands, registered on the main Typer app.

Only light modules are imported here; everything else is imported inside the commands, so
``abmcontent --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from abmcontent.cli_params import SCORE_FORMAT, WorkspaceOpt, choice_option
from abmcontent.cli_support import QuietOpt, check_verbosity
from abmcontent.cli_support import guard as guard


def _echo(line: str, err: bool) -> None:
    typer.echo(line, err=err)


def _errors_only(line: str, err: bool) -> None:
    if err:
        typer.echo(line, err=True)


def _confirm(question: str) -> bool:
    """Ask on the terminal; no answer (end of input) means no."""
    try:
        return typer.confirm(question, default=False)
    except typer.Abort:
        return False


def register(app: typer.Typer) -> None:
    """Add the ``import`` and ``score`` commands to ``app``."""

    @app.command("import")
    def import_(
        files: Annotated[
            list[Path],
            typer.Argument(
                metavar="FILE...",
                help="Account, contact and deal exports (CSV or XLSX).",
                dir_okay=False,
            ),
        ],
        preset: Annotated[
            str | None,
            typer.Option(
                metavar="PRESET",
                help="salesforce or hubspot (default: recognised from each header).",
            ),
        ] = None,
        mapping: Annotated[
            Path | None,
            typer.Option(
                metavar="MAP.yaml", help="A mapping YAML for other exports.", dir_okay=False
            ),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show the diff of every file; write nothing.")
        ] = False,
        encoding: Annotated[
            str | None,
            typer.Option(metavar="ENCODING", help="The files' encoding (default: detected)."),
        ] = None,
        link: Annotated[
            bool,
            typer.Option(
                "--link",
                help="Link rows to hand-made profiles of the same name (no CRM link yet).",
            ),
        ] = False,
        quiet: QuietOpt = False,
        workspace: WorkspaceOpt = Path("."),
    ) -> None:
        """Create and update account profiles from CRM account, contact and deal exports."""

        def go() -> None:
            from abmcontent.crm.importer import run_import
            from abmcontent.crm.summary import print_import_report

            report = run_import(
                workspace,
                files,
                preset_name=preset,
                mapping_path=mapping,
                encoding=encoding,
                dry_run=dry_run,
                link=link,
            )
            print_import_report(report, _errors_only if quiet else _echo)
            if not report.ok:
                raise typer.Exit(1)

        guard(go)

    @app.command()
    def score(
        apply: Annotated[
            bool,
            typer.Option(
                "--apply", help="List the tier changes and write them after confirmation."
            ),
        ] = False,
        yes: Annotated[
            bool, typer.Option("--yes", "-y", help="With --apply: write without asking.")
        ] = False,
        fmt: Annotated[
            str | None,
            choice_option(
                SCORE_FORMAT,
                "--format",
                metavar="FORMAT",
                help="The output format (default: from the --output file name, else table; "
                "xlsx needs --output).",
            ),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option(
                metavar="FILE",
                help="Write the scores to FILE.csv (UTF-8; with a BOM when an account is "
                "Japanese, for Excel), FILE.json or FILE.xlsx.",
                dir_okay=False,
            ),
        ] = None,
        date: Annotated[
            str | None,
            typer.Option(metavar="YYYY-MM-DD", help="'Today' for engagement recency."),
        ] = None,
        quiet: QuietOpt = False,
        workspace: WorkspaceOpt = Path("."),
    ) -> None:
        """Score every account against library/icp.yaml and propose tiers.

        Tiers pinned in a profile (``tier_pinned: true``) are kept.
        """

        def go() -> None:
            from abmcontent.crm.scorecmd import run_score

            check_verbosity(quiet, False)
            ok = run_score(
                workspace,
                apply=apply,
                fmt=fmt,
                output=output,
                date=date,
                echo=_echo,
                quiet=quiet,
                confirm=None if yes else _confirm,
            )
            if not ok:
                raise typer.Exit(1)

        guard(go)
