"""The ``abmcontent`` command: a thin layer over :mod:`abmcontent.api`.

Exit codes: 0 all good; 1 invalid input or a document failed; 2 wrong usage; 130 interrupted;
141 stdout closed early. Heavy modules are imported inside the commands, so ``--help`` stays
fast; the valid tiers, documents and formats are loaded only when a command checks them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from abmcontent.cli_params import (
    DOCUMENT,
    FORMAT,
    SCHEMA_KIND,
    TIER,
    WorkspaceOpt,
    choice_option,
    complete_account,
    parse_date,
)
from abmcontent.cli_support import (
    AbmCommand,
    AbmGroup,
    QuietOpt,
    VerboseOpt,
    check_verbosity,
    end_on_broken_pipe,
    require_workspace,
)
from abmcontent.cli_support import fail as _fail
from abmcontent.cli_support import guard as _run

if TYPE_CHECKING:
    import datetime as dt

    from abmcontent.api import BuildReport

StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Fail (exit 1) on any warning, e.g. in CI.")
]
AccountArg = Annotated[
    str, typer.Argument(metavar="ACCOUNT", help="Account id.", autocompletion=complete_account)
]
DateOpt = Annotated[
    str | None,
    typer.Option(metavar="YYYY-MM-DD", help="Document / visit date (default: today)."),
]
AudienceOpt = Annotated[
    str | None,
    typer.Option(
        "--for",
        metavar="AUDIENCE",
        help="A stakeholder id, a role, or 'account' (default: all audiences).",
    ),
]

app = typer.Typer(
    name="abmcontent",
    help="Account-based marketing content: profiles + library + templates -> documents.",
    no_args_is_help=True,
    epilog="Exit codes: 0 all good; 1 invalid input or a failed document (the others are "
    "still built); 2 wrong usage; 130 interrupted; 141 output closed early (piped into head).",
    cls=AbmGroup,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    """``--version``: print the installed version and stop."""
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("abmcontent")
        except PackageNotFoundError:  # run from a checkout that is not installed
            number = "unknown (not installed)"
        typer.echo(f"abmcontent {number}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Account-based marketing content: profiles + library + templates -> documents."""


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a non-empty folder: only the sample files it lacks; a file that "
            "differs from the sample is listed and kept.",
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a ready-to-build sample workspace in DIR."""

    def go() -> None:
        from abmcontent.sample import write_sample

        result = write_sample(directory, force=force)
        for name in result.kept:
            typer.echo(f"kept        {name} (yours differs from the sample)", err=True)
        if quiet:
            return
        target = result.root
        written = f"{len(result.written)} file(s) written"
        if result.kept or result.unchanged:
            written += f", {len(result.unchanged)} already there, {len(result.kept)} kept"
        typer.echo(f"Sample workspace written to {target} ({written})")
        typer.echo(f"Next: abmcontent validate --workspace {target}")
        typer.echo(f"      abmcontent build --workspace {target}")

    _run(go)


@app.command()
def validate(
    workspace: WorkspaceOpt = Path("."),
    date: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD",
                     help="Judge the age of comparison claims on this date (default: today)."),
    ] = None,
    quiet: QuietOpt = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also list the notes (sections left out for lack "
                     "of data, and the fields that would fill them)."),
    ] = False,
) -> None:
    """Check profiles, library and templates; print every problem."""

    def go() -> None:
        from abmcontent.api import validate as run_validate

        problems = run_validate(workspace, today=parse_date(date) if date else None)
        errors = [p for p in problems if p.severity == "error"]
        for problem in problems:
            shown = problem.severity == "error" or (
                not quiet and (problem.severity != "info" or verbose)
            )
            if shown:
                typer.echo(str(problem), err=problem.severity == "error")
        warnings = sum(1 for p in problems if p.severity == "warning")
        notes = sum(1 for p in problems if p.severity == "info")
        summary = f"{len(errors)} error(s), {warnings} warning(s)"
        if notes:
            summary += f", {notes} note(s)" + ("" if verbose else " (--verbose lists them)")
        if errors:
            _fail(summary, 1)
        if not quiet:
            typer.echo(f"OK: {summary}")

    _run(go)


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="Which schema.",
            parser=SCHEMA_KIND.parse,
            autocompletion=SCHEMA_KIND.complete,
        ),
    ],
) -> None:
    """Print the JSON Schema of a profile or of the library files."""

    def go() -> None:
        from abmcontent.schema import schema as make_schema

        typer.echo(json.dumps(make_schema(kind), ensure_ascii=False, indent=2))

    _run(go)


def _doc_option(help_text: str) -> Any:
    """``--doc DOC``, checked against the documents abmcontent knows."""
    return choice_option(DOCUMENT, "--doc", metavar="DOC", help=help_text)


def _format_option(help_text: str) -> Any:
    """``--format FORMAT``, checked against the formats of every document."""
    return choice_option(FORMAT, "--format", metavar="FORMAT", help=help_text)


@app.command()
def context(
    account: AccountArg,
    doc: Annotated[str, _doc_option("The document.")] = "proposal",
    audience: AudienceOpt = None,
    date: DateOpt = None,
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Print the render context a template sees, as JSON (for template authors)."""

    def go() -> None:
        require_workspace(workspace)
        from abmcontent.loading.workspace import load_workspace
        from abmcontent.pipeline import plan_jobs, prepare_job

        ws = load_workspace(workspace)
        jobs = plan_jobs(ws, accounts=[account], docs=[doc], audience=audience)
        prepared = prepare_job(ws, jobs[0], today=parse_date(date))
        typer.echo(json.dumps(prepared.context.data, ensure_ascii=False, indent=2))

    _run(go)


def _exit_on_failure(report: BuildReport, *, strict: bool) -> None:
    """Exit 1 when a document failed, or with ``--strict`` when any warning was given."""
    from abmcontent.reporting import strict_failure

    if not report.ok:
        raise typer.Exit(1)
    reason = strict_failure(report.warnings) if strict else None
    if reason is not None:
        _fail(reason, 1)


@app.command()
def render(
    account: AccountArg,
    doc: Annotated[str, _doc_option("The document.")],
    audience: AudienceOpt = None,
    fmt: Annotated[list[str] | None, _format_option("Output format; repeatable.")] = None,
    date: DateOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Build the documents of one account."""

    def go() -> None:
        check_verbosity(quiet, verbose)
        require_workspace(workspace)
        from abmcontent.api import render as run_render
        from abmcontent.reporting import print_report

        report = run_render(
            workspace, account, doc=doc, audience=audience, formats=fmt, today=parse_date(date)
        )
        print_report(report, verbose=verbose, quiet=quiet)
        _exit_on_failure(report, strict=strict)

    _run(go)


@app.command()
def build(
    tier: Annotated[
        list[str] | None,
        choice_option(TIER, metavar="TIER", help="Only accounts of this tier; repeatable."),
    ] = None,
    account: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID", help="Only this account; repeatable.", autocompletion=complete_account
        ),
    ] = None,
    doc: Annotated[list[str] | None, _doc_option("Only this document; repeatable.")] = None,
    fmt: Annotated[list[str] | None, _format_option("Only this format; repeatable.")] = None,
    jobs: Annotated[
        int | None, typer.Option(metavar="N", help="Worker processes (default: cores).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even what is up to date.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be built and pruned; write nothing.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="tcp://HOST:PORT", help="Render on a Dask cluster (extra 'distributed')."
        ),
    ] = None,
    thumbnails: Annotated[
        bool, typer.Option(help="Make first-page thumbnails for output/index.html.")
    ] = True,
    date: DateOpt = None,
    time_limit: Annotated[
        float,
        typer.Option(metavar="SECONDS",
                     help="Seconds one document may take to render (0: no limit)."),
    ] = 300.0,
    memory_limit: Annotated[
        int, typer.Option(metavar="MIB", help="MiB of memory per worker process (0: no limit).")
    ] = 4096,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Incrementally build everything selected, in parallel, with a progress bar and a summary."""

    def go() -> None:
        from abmcontent.errors import UsageError

        check_verbosity(quiet, verbose)
        if jobs is not None and jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {jobs}")
        if not time_limit >= 0 or memory_limit < 0:  # also refuses nan
            raise UsageError("--time-limit and --memory-limit must be 0 (no limit) or more")
        today = parse_date(date)
        require_workspace(workspace)
        if dry_run:  # writes nothing: no lock, no snapshot
            run(today)
            return
        from abmcontent.build_lock import build_lock

        with build_lock(workspace):  # held from the snapshot check to the snapshot save
            run(today)

    def run(today: dt.date) -> None:
        from abmcontent import build_snapshot
        from abmcontent.reporting import summary_line

        arguments = build_snapshot.BuildArguments.of(
            tiers=tier,
            accounts=account,
            docs=doc,
            formats=fmt,
            date=today.isoformat(),
            thumbnails=thumbnails,
        )
        inputs = None if dry_run else build_snapshot.input_state(workspace, arguments)
        if inputs is not None and not force:
            unchanged = build_snapshot.check(workspace, inputs)
            if unchanged is not None:  # nothing changed: no model, renderer or worker needed
                if not quiet:
                    print(summary_line(0, unchanged.up_to_date, 0))
                    if unchanged.index:
                        print(f"index: {unchanged.index}")
                return

        from abmcontent.api import build as run_build
        from abmcontent.batch.limits import Limits, limit_memory
        from abmcontent.batch.progress import progress_for

        limit_memory(memory_limit)  # this command renders too when one document is stale
        from abmcontent.reporting import print_build_summary

        report = run_build(
            workspace,
            tiers=tier,
            accounts=account,
            docs=doc,
            formats=fmt,
            force=force,
            today=today,
            jobs=jobs,
            dry_run=dry_run,
            scheduler=scheduler,
            thumbnails=thumbnails,
            limits=Limits(time_s=time_limit, memory_mb=memory_limit),
            progress=None if dry_run or quiet else progress_for(),
        )
        print_build_summary(report, verbose=verbose, quiet=quiet)
        if inputs is not None and report.ok and not report.changed_inputs:
            index = str(report.index) if report.index is not None else None
            done = len(report.built) + len(report.up_to_date)
            build_snapshot.save(workspace, inputs, build_snapshot.NoOpResult(done, index))
        _exit_on_failure(report, strict=strict)

    _run(go)


from abmcontent.crm.commands import register as _register_crm; _register_crm(app)  # noqa: E402, E702, I001  # fmt: skip
from abmcontent.web.commands import register as _register_web; _register_web(app)  # noqa: E402, E702, I001  # fmt: skip

for _command in app.registered_commands:  # every command lists its choices in its help
    _command.cls = AbmCommand


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends a command like Ctrl+C: finished work is saved, nothing is left half-done."""
    del signum, frame
    raise KeyboardInterrupt


def main() -> None:
    """Entry point of the console script (and of ``python -m abmcontent``).

    SIGTERM is handled as Ctrl+C.
    """
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(prog_name="abmcontent")  # also names completion's variable, _ABMCONTENT_COMPLETE
    except BrokenPipeError:  # raised outside a command (while printing help)
        end_on_broken_pipe()
    except SystemExit as exc:
        sys.exit(exc.code)
