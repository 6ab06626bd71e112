"""The public Python API behind the CLI: validate, render and build a workspace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from abmcontent.errors import AbmError, Problem
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.outputs import (
    Manifest,
    ManifestEntry,
    remove_output,
    safe_output_path,
    sha256,
    write_atomic,
)
from abmcontent.pipeline import Job, PreparedJob, plan_jobs, prepare_job, render_prepared


@dataclass
class BuildReport:
    """What a render or build did.

    Attributes:
        built: output paths written.
        up_to_date: output paths skipped because their inputs did not change.
        failed: output path -> reason, for every document that could not be made.
        warnings: output path -> warnings (text shrunk, missing translations...).
        planned: every job that was planned.
    """

    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    planned: list[Job] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return not self.failed


def validate(workspace: Path | str | Workspace) -> list[Problem]:
    """Check profiles, library and templates; return every problem (errors and warnings)."""
    ws = workspace if isinstance(workspace, Workspace) else load_workspace(workspace)
    from abmcontent.template_checks import check_templates

    return [*ws.problems, *check_templates(ws)]


def _as_workspace(workspace: Path | str | Workspace) -> Workspace:
    return workspace if isinstance(workspace, Workspace) else load_workspace(workspace)


Progress = Callable[[Job, str], None]


def execute_jobs(
    ws: Workspace,
    jobs: list[Job],
    *,
    today: dt.date,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Make every job in this process; each failure is recorded and the others go on."""
    report = BuildReport(planned=list(jobs))
    manifest = Manifest(ws.root)
    for job in jobs:
        status = _execute_one(ws, job, today=today, force=force, manifest=manifest, report=report)
        if progress is not None:
            progress(job, status)
    manifest.save()
    return report


def _execute_one(
    ws: Workspace,
    job: Job,
    *,
    today: dt.date,
    force: bool,
    manifest: Manifest,
    report: BuildReport,
) -> str:
    target = safe_output_path(ws.root, job.output)
    prepared: PreparedJob | None = None
    try:
        prepared = prepare_job(ws, job, today=today)
        previous = manifest.entries.get(job.output)
        if (
            not force
            and previous is not None
            and previous.input_hash == prepared.input_hash
            and target.is_file()
            and sha256(target.read_bytes()) == previous.sha256
        ):
            report.up_to_date.append(job.output)
            return "up_to_date"
        rendered = render_prepared(ws, prepared)
        write_atomic(target, rendered.data)
    except AbmError as exc:
        remove_output(target)
        manifest.forget(job.output)
        report.failed[job.output] = str(exc)
        return "failed"
    manifest.record(
        ManifestEntry(
            account=job.account,
            doc=job.doc,
            audience=job.audience.id,
            format=job.format,
            path=job.output,
            sha256=sha256(rendered.data),
            input_hash=prepared.input_hash,
            warnings=list(rendered.warnings),
        )
    )
    if rendered.warnings:
        report.warnings[job.output] = list(rendered.warnings)
    report.built.append(job.output)
    return "built"


def render(
    workspace: Path | str | Workspace,
    account: str,
    *,
    doc: str,
    audience: str | None = None,
    formats: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> BuildReport:
    """Build the documents of one account (all audiences unless ``audience`` is given).

    Always renders (no up-to-date check) and records the results in the manifest.
    """
    ws = _as_workspace(workspace)
    jobs = plan_jobs(ws, accounts=[account], docs=[doc], audience=audience, formats=formats)
    return execute_jobs(ws, jobs, today=today or dt.date.today(), force=True)


def build(
    workspace: Path | str | Workspace,
    *,
    tiers: Iterable[str] | None = None,
    accounts: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    force: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Incrementally build everything selected; unchanged documents are skipped."""
    ws = _as_workspace(workspace)
    jobs = plan_jobs(ws, accounts=accounts, docs=docs, formats=formats, tiers=tiers)
    return execute_jobs(ws, jobs, today=today or dt.date.today(), force=force, progress=progress)
