"""The pipeline, top to bottom: plan jobs -> build each context -> render -> write.

The CLI and the batch builder are thin layers over these functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from abmcontent.context import Audience, audiences_for, build_context, resolve_audience
from abmcontent.context.builder import RenderContext
from abmcontent.documents import DOCUMENTS, document
from abmcontent.errors import InputError, TemplateError, UsageError
from abmcontent.fingerprint import InputHasher
from abmcontent.layout import OUTPUT_DIR
from abmcontent.loading.workspace import Workspace
from abmcontent.notices import errors_of
from abmcontent.renderers.base import RenderedDocument, RenderRequest, get_renderer
from abmcontent.tier_names import TIERS


@dataclass(frozen=True)
class Job:
    """One document to make: an account, a doc, an audience and a format."""

    account: str
    doc: str
    audience: Audience
    format: str

    @property
    def output(self) -> str:
        """Workspace-relative output path, per the contract."""
        return f"{OUTPUT_DIR}/{self.account}/{self.doc}/{self.audience.id}.{self.format}"

    @property
    def label(self) -> str:
        """Short human name of the job."""
        return f"{self.account}/{self.doc}/{self.audience.id}.{self.format}"


@dataclass
class PreparedJob:
    """A job with its context built and the hash of everything that shapes its output."""

    job: Job
    context: RenderContext
    template: Path
    template_name: str
    renderer: str
    input_hash: str
    warnings: list[str] = field(default_factory=list)


def plan_jobs(
    workspace: Workspace,
    *,
    accounts: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
    audience: str | None = None,
    formats: Iterable[str] | None = None,
    tiers: Iterable[str] | None = None,
) -> list[Job]:
    """List the jobs for the selection; invalid accounts are planned too (they fail).

    Raises:
        UsageError: an unknown account, document, format, tier or audience.
    """
    all_ids = workspace.all_account_ids()
    chosen = list(dict.fromkeys(accounts)) if accounts else all_ids
    for account_id in chosen:
        if account_id not in all_ids:
            raise UsageError(
                f"unknown account '{account_id}' (no account_profiles/{account_id}.yaml)"
            )
    doc_ids = list(dict.fromkeys(docs)) if docs else list(DOCUMENTS)
    for doc_id in doc_ids:
        document(doc_id)
    wanted_formats = list(dict.fromkeys(formats)) if formats else None
    if wanted_formats:
        for fmt in wanted_formats:
            if not any(fmt in document(d).formats for d in doc_ids):
                raise UsageError(f"no selected document can be made as '{fmt}'")
    tier_set = set(tiers) if tiers else None
    for tier in sorted(tier_set or ()):
        if tier not in TIERS:
            raise UsageError(f"unknown tier '{tier}' (known: {', '.join(TIERS)})")
    jobs: list[Job] = []
    for account_id in chosen:
        profile = workspace.accounts.get(account_id)
        if profile is not None and tier_set is not None and profile.tier not in tier_set:
            continue
        for doc_id in doc_ids:
            spec = document(doc_id)
            fmts = [f for f in (wanted_formats or spec.default_formats) if f in spec.formats]
            if profile is None:
                audiences = [Audience("account", "account")]
            elif audience is not None:
                found = resolve_audience(profile, audience)
                if found is None:
                    raise UsageError(
                        f"'{audience}' is not an audience of {account_id}: use a stakeholder "
                        "id, a role present in the account, or 'account'"
                    )
                audiences = [found]
            else:
                audiences = audiences_for(profile, doc_id)
            jobs.extend(Job(account_id, doc_id, a, f) for a in audiences for f in fmts)
    return jobs


def prepare_job(
    workspace: Workspace,
    job: Job,
    *,
    today: dt.date,
    options: dict[str, str] | None = None,
    hasher: InputHasher | None = None,
) -> PreparedJob:
    """Build the context of ``job`` and the hash of its inputs, without rendering.

    Args:
        workspace: the loaded workspace.
        job: the document to prepare.
        today: the document date.
        options: render options (part of the input hash).
        hasher: memoizes file hashes across the jobs of one build.

    Raises:
        InputError: the account or the library has errors.
    """
    library = workspace.require_library()
    if job.account in workspace.failed_accounts:
        raise InputError(workspace.failed_accounts[job.account])
    profile = workspace.accounts[job.account]
    context = build_context(
        library, profile, job.audience, doc=job.doc, root=workspace.root, today=today
    )
    spec = document(job.doc).formats[job.format]
    hasher = hasher or InputHasher(workspace.root, workspace.file_hashes)
    template, template_name = hasher.template_for(job.doc, job.format, profile.locale)
    input_hash = hasher.job_hash(
        [job.account, job.doc, job.audience.id, job.format, spec.renderer],
        template=template,
        template_name=template_name,
        today=today,
        options=options,
        selection_key=context.selection_key,
        sources=context.sources,
    )
    return PreparedJob(job, context, template, template_name, spec.renderer, input_hash)


def known_input_hash(
    workspace: Workspace,
    job: Job,
    *,
    today: dt.date,
    sources: list[str],
    selection: str,
    hasher: InputHasher,
    options: dict[str, str] | None = None,
) -> str | None:
    """The input hash of ``job`` computed from the sources of its previous build.

    Which files a context uses is decided by the profile, the seller and personas files
    and the library's selection fields, all of which are part of the hash: so when this
    value equals the recorded one, :func:`prepare_job` would compute it too, without
    building the context. ``None`` when the job cannot be prepared (invalid input).
    """
    profile = workspace.accounts.get(job.account)
    if workspace.library is None or profile is None or job.doc not in DOCUMENTS:
        return None
    spec = DOCUMENTS[job.doc].formats.get(job.format)
    if spec is None:
        return None
    template, template_name = hasher.template_for(job.doc, job.format, profile.locale)
    return hasher.job_hash(
        [job.account, job.doc, job.audience.id, job.format, spec.renderer],
        template=template,
        template_name=template_name,
        today=today,
        options=options,
        selection_key=selection,
        sources=sources,
    )


def render_prepared(workspace: Workspace, prepared: PreparedJob) -> RenderedDocument:
    """Render a prepared job to bytes (imports the renderer on first use)."""
    renderer = get_renderer(prepared.renderer)
    request = RenderRequest(
        template=prepared.template,
        context=prepared.context.data,
        workspace_root=workspace.root,
        template_name=prepared.template_name,
    )
    rendered = renderer.render(request)
    failures = errors_of(rendered.warnings)
    if failures:  # e.g. text that does not fit: not sendable, so not written
        raise TemplateError(prepared.template_name, "", "; ".join(failures))
    return rendered
