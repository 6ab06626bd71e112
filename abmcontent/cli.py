"""The ``abmcontent`` command: a thin layer over :mod:`abmcontent.api`.

Exit codes: 0 all good; 1 invalid input or a document failed; 2 wrong usage.
Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from abmcontent.cli_support import fail as _fail
from abmcontent.cli_support import guard as _run

if TYPE_CHECKING:
    from abmcontent.api import BuildReport

StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Fail (exit 1) on any warning, e.g. in CI.")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", help="Also list info notices (text shrunk to fit).")
]

app = typer.Typer(
    name="abmcontent",
    help="Account-based marketing content: profiles + library + templates -> documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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

WorkspaceOpt = Annotated[
    Path,
    typer.Option("--workspace", "-w", help="The workspace folder.", file_okay=False),
]


def _parse_date(value: str | None) -> dt.date:
    from abmcontent.errors import UsageError

    if value is None:
        return dt.date.today()
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"--date must be YYYY-MM-DD, not '{value}'")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:  # the shape is right, a part is not: say which
        raise UsageError(f"--date '{value}' is not a date: {exc}") from None


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create.")],
    force: Annotated[bool, typer.Option(help="Write into a non-empty folder.")] = False,
) -> None:
    """Create a ready-to-build sample workspace in DIRECTORY."""

    def go() -> None:
        from abmcontent.sample import init_workspace

        target = init_workspace(directory, force=force)
        typer.echo(f"Sample workspace written to {target}")
        typer.echo(f"Next: abmcontent validate --workspace {target}")
        typer.echo(f"      abmcontent build --workspace {target}")

    _run(go)


@app.command()
def validate(workspace: WorkspaceOpt = Path(".")) -> None:
    """Check profiles, library and templates; print every problem."""

    def go() -> None:
        from abmcontent.api import validate as run_validate

        problems = run_validate(workspace)
        errors = [p for p in problems if p.severity == "error"]
        for problem in problems:
            typer.echo(str(problem), err=problem.severity == "error")
        warnings = len(problems) - len(errors)
        summary = f"{len(errors)} error(s), {warnings} warning(s)"
        if errors:
            _fail(summary, 1)
        typer.echo(f"OK: {summary}")

    _run(go)


@app.command()
def schema(
    kind: Annotated[
        str, typer.Argument(help="account, library, seller, personas, case-study or competitor")
    ],
) -> None:
    """Print the JSON Schema of a profile or of the library files."""

    def go() -> None:
        from abmcontent.schema import schema as make_schema

        typer.echo(json.dumps(make_schema(kind), ensure_ascii=False, indent=2))

    _run(go)


@app.command()
def context(
    account: Annotated[str, typer.Argument(help="Account id.")],
    doc: Annotated[str, typer.Option("--doc", help="Document id.")] = "proposal",
    audience: Annotated[str | None, typer.Option("--for", help="Audience id.")] = None,
    date: Annotated[str | None, typer.Option(help="Document date, YYYY-MM-DD.")] = None,
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Print the render context a template sees, as JSON (for template authors)."""

    def go() -> None:
        from abmcontent.loading.workspace import load_workspace
        from abmcontent.pipeline import plan_jobs, prepare_job

        ws = load_workspace(workspace)
        jobs = plan_jobs(ws, accounts=[account], docs=[doc], audience=audience)
        prepared = prepare_job(ws, jobs[0], today=_parse_date(date))
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
    account: Annotated[str, typer.Argument(help="Account id.")],
    doc: Annotated[str, typer.Option("--doc", help="proposal, competitive, case-study, briefing.")],
    audience: Annotated[
        str | None,
        typer.Option(
            "--for", help="A stakeholder id, a role, or 'account' (default: all audiences)."
        ),
    ] = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help="Output format (pptx, pdf, docx); repeatable."),
    ] = None,
    date: Annotated[str | None, typer.Option(help="Document / visit date, YYYY-MM-DD.")] = None,
    strict: StrictOpt = False,
    verbose_notes: VerboseOpt = False,
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Build the documents of one account."""

    def go() -> None:
        from abmcontent.api import render as run_render
        from abmcontent.reporting import print_report

        report = run_render(
            workspace, account, doc=doc, audience=audience, formats=fmt, today=_parse_date(date)
        )
        print_report(report, verbose=verbose_notes)
        _exit_on_failure(report, strict=strict)

    _run(go)


@app.command()
def build(
    tier: Annotated[list[str] | None, typer.Option(help="Only accounts of this tier.")] = None,
    account: Annotated[list[str] | None, typer.Option(help="Only this account.")] = None,
    doc: Annotated[list[str] | None, typer.Option(help="Only this document.")] = None,
    fmt: Annotated[list[str] | None, typer.Option("--format", help="Only this format.")] = None,
    jobs: Annotated[int | None, typer.Option(help="Worker processes (default: cores).")] = None,
    force: Annotated[bool, typer.Option(help="Rebuild even what is up to date.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be built and pruned; write nothing.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Render on a Dask cluster: tcp://HOST:PORT (extra 'distributed')."),
    ] = None,
    thumbnails: Annotated[
        bool, typer.Option(help="Make first-page thumbnails for output/index.html.")
    ] = True,
    date: Annotated[str | None, typer.Option(help="Document date, YYYY-MM-DD.")] = None,
    time_limit: Annotated[
        float, typer.Option(help="Seconds one document may take to render (0: no limit).")
    ] = 300.0,
    memory_limit: Annotated[
        int, typer.Option(help="MiB of memory per worker process (0: no limit).")
    ] = 4096,
    strict: StrictOpt = False,
    verbose_notes: VerboseOpt = False,
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Incrementally build everything selected, in parallel, with a progress bar and a summary."""

    def go() -> None:
        from abmcontent.errors import UsageError

        if jobs is not None and jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {jobs}")
        if not time_limit >= 0 or memory_limit < 0:  # also refuses nan
            raise UsageError("--time-limit and --memory-limit must be 0 (no limit) or more")
        today = _parse_date(date)
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
            progress=None if dry_run else progress_for(),
        )
        print_build_summary(report, verbose=verbose_notes)
        if inputs is not None and report.ok and not report.changed_inputs:
            index = str(report.index) if report.index is not None else None
            done = len(report.built) + len(report.up_to_date)
            build_snapshot.save(workspace, inputs, build_snapshot.NoOpResult(done, index))
        _exit_on_failure(report, strict=strict)

    _run(go)


from abmcontent.crm.commands import register as _register_crm; _register_crm(app)  # noqa: E402, E702, I001  # fmt: skip
from abmcontent.web.commands import register as _register_web; _register_web(app)  # noqa: E402, E702, I001  # fmt: skip


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends a command like Ctrl+C: finished work is saved, nothing is left half-done."""
    del signum, frame
    raise KeyboardInterrupt


def main() -> None:
    """Entry point of the console script (SIGTERM is handled as Ctrl+C)."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except SystemExit as exc:
        sys.exit(exc.code)
