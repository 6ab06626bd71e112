"""Sort planned jobs into up to date, to build, and failed before rendering.

A job with no previous build (or with ``force``) is stale. A job whose previous build
recorded its sources gets its input hash from those sources alone, without building the
context (see :func:`abmcontent.pipeline.known_input_hash`): equal to the recorded hash
means up to date, anything else means stale. The parent never builds the context of a stale
job: the worker does, once. Jobs of an invalid account or library fail here, before any
work is sent. Nothing here imports a renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from abmcontent.batch.work import WorkItem
from abmcontent.context.builder import selection_key
from abmcontent.errors import AbmError
from abmcontent.fingerprint import InputHasher
from abmcontent.loading.workspace import Workspace
from abmcontent.outputs import Manifest
from abmcontent.pipeline import Job, known_input_hash, prepare_job


@dataclass
class Triage:
    """Planned jobs by what a build must do with them.

    Attributes:
        up_to_date: output paths whose file matches its inputs.
        stale: jobs to render, with their input hash when it was computed (else ``""``).
        failed: output path -> reason, for jobs that cannot be prepared (invalid input).
    """

    up_to_date: list[str] = field(default_factory=list)
    stale: list[WorkItem] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def triage(
    workspace: Workspace,
    jobs: list[Job],
    manifest: Manifest,
    *,
    today: dt.date,
    force: bool = False,
    options: dict[str, str] | None = None,
) -> Triage:
    """Decide, for each job, whether it is up to date, stale or failing."""
    found = Triage()
    hasher = InputHasher(workspace.root, workspace.file_hashes)
    selection = selection_key(workspace.library) if workspace.library is not None else ""
    for job in jobs:
        previous = manifest.entries.get(job.output)
        if workspace.library is None or job.account in workspace.failed_accounts:
            try:  # raises the input errors, before any context is built
                prepare_job(workspace, job, today=today, options=options, hasher=hasher)
            except AbmError as exc:
                found.failed[job.output] = str(exc)
                continue
        if force or previous is None:
            found.stale.append(WorkItem(job, ""))  # the worker computes its hash
            continue
        if previous.sources:
            quick = known_input_hash(
                workspace,
                job,
                today=today,
                sources=previous.sources,
                selection=selection,
                hasher=hasher,
                options=options,
            )
            # equal sources give equal hashes; other sources give another hash: stale
            stale = quick != previous.input_hash or not manifest.is_intact(previous)
            if stale:
                found.stale.append(WorkItem(job, ""))
            else:
                found.up_to_date.append(job.output)
            continue
        try:  # an entry without sources (older manifest): compare the full hash
            prepared = prepare_job(workspace, job, today=today, options=options, hasher=hasher)
        except AbmError as exc:
            found.failed[job.output] = str(exc)
            continue
        if previous.input_hash == prepared.input_hash and manifest.is_intact(previous):
            found.up_to_date.append(job.output)
        else:
            found.stale.append(WorkItem(job, prepared.input_hash))
    return found
