"""Generating one document, downloading it, and its first-page preview."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse

from abmcontent.api import BuildReport
from abmcontent.api import render as api_render
from abmcontent.batch import BuildOptions
from abmcontent.batch.thumbnails import existing_thumbnails, make_thumbnails
from abmcontent.build_lock import build_lock
from abmcontent.context import resolve_audience
from abmcontent.documents import DOCUMENTS
from abmcontent.outputs import Manifest
from abmcontent.web.downloads import MEDIA_TYPES, output_file
from abmcontent.web.runner import JobStatus
from abmcontent.web.security import require_csrf
from abmcontent.web.slugs import require_slug
from abmcontent.web.state import text_fields, web

router = APIRouter()
DOWNLOAD_FORMATS = ("pptx", "docx", "pdf")


def _document(doc_id: str) -> str:
    require_slug(doc_id)
    if doc_id not in DOCUMENTS:
        raise HTTPException(404, "no such document")
    return doc_id


@router.post(
    "/accounts/{account_id}/documents/{doc_id}/{audience_id}/generate",
    dependencies=[Depends(require_csrf)],
)
async def generate(
    request: Request, account_id: str, doc_id: str, audience_id: str
) -> RedirectResponse:
    """Render one document for one audience in the background (one build at a time)."""
    require_slug(account_id)
    _document(doc_id)
    require_slug(audience_id)
    state = web(request)
    ws = state.cache.get()
    account = ws.accounts.get(account_id)
    if account is None or resolve_audience(account, audience_id) is None:
        raise HTTPException(404, "no such account or audience")
    fmt = text_fields(await request.form()).get("format", "")
    if fmt and fmt not in DOCUMENTS[doc_id].formats:
        raise HTTPException(404, "no such format")
    settings = state.settings

    def work(status: JobStatus) -> BuildReport:
        status.total = 1
        with build_lock(settings.workspace):  # the render and its previews: one build
            if settings.thumbnails or fmt == "pdf":
                state.office.ensure()  # this job's conversions and the next jobs' share it
            report = api_render(
                settings.workspace,
                account_id,
                doc=doc_id,
                audience=audience_id,
                formats=[fmt] if fmt else None,
                today=dt.date.today(),
                # a worker process: the limits apply, and the page can cancel it
                options=BuildOptions(jobs=1, isolate=True, cancel=status.cancel),
            )
            status.done = 1
            if settings.thumbnails and report.built:
                make_thumbnails(settings.workspace, Manifest(settings.workspace).entries.values())
        return report

    started = state.runner.start("render", work, account=account_id)
    where = f"/accounts/{account_id}/documents"
    if started is None:
        return RedirectResponse(f"{where}?msg=job_busy", status_code=303)
    return RedirectResponse(f"{where}?job={started.id}#doc-{doc_id}", status_code=303)


@router.get("/download/{account_id}/{doc_id}/{filename}")
def download(request: Request, account_id: str, doc_id: str, filename: str) -> FileResponse:
    """A generated document, from ``output/`` only.

    An internal document is downloaded under a name that says so
    (``...-INTERNAL-do-not-forward.pdf``) and with the header ``X-Abmcontent-Audience``.
    """
    require_slug(account_id)
    _document(doc_id)
    spec = DOCUMENTS[doc_id]
    audience_id, _, fmt = filename.rpartition(".")
    require_slug(audience_id)
    if fmt not in DOWNLOAD_FORMATS:
        raise HTTPException(404, "not found")
    root = web(request).settings.workspace
    target = output_file(root, f"{account_id}/{doc_id}/{audience_id}.{fmt}")
    marker = "-INTERNAL-do-not-forward" if spec.internal else ""
    return FileResponse(
        target,
        media_type=MEDIA_TYPES[fmt],
        filename=f"{account_id}-{doc_id}-{audience_id}{marker}.{fmt}",
        headers={"X-Abmcontent-Audience": spec.audience_class},
    )


@router.get("/thumbs/{account_id}/{doc_id}/{filename}")
def thumbnail(request: Request, account_id: str, doc_id: str, filename: str) -> FileResponse:
    """The first-page preview of a document, when one was made."""
    require_slug(account_id)
    _document(doc_id)
    audience_id, _, ext = filename.rpartition(".")
    require_slug(audience_id)
    if ext != "png":
        raise HTTPException(404, "not found")
    root = web(request).settings.workspace
    entries = [e for e in Manifest(root).entries.values() if e.account == account_id]
    thumbs = existing_thumbnails(root, entries)
    name = thumbs.get((account_id, doc_id, audience_id))
    if name is None:
        raise HTTPException(404, "no preview")
    return FileResponse(output_file(root, name), media_type="image/png")
