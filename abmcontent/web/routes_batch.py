"""Batch builds: choose what to build, start it, follow its progress, read its results."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from abmcontent.api import BuildReport
from abmcontent.api import build as api_build
from abmcontent.batch import BuildOptions
from abmcontent.documents import DOCUMENTS
from abmcontent.models.profile import TIERS
from abmcontent.web.accounts_view import account_rows
from abmcontent.web.pages import render
from abmcontent.web.runner import JobStatus, StatusProgress
from abmcontent.web.security import require_csrf
from abmcontent.web.slugs import is_slug
from abmcontent.web.state import text_fields, text_list, web

router = APIRouter()


@router.get("/batch", response_class=HTMLResponse)
def batch(request: Request, job: str = "") -> HTMLResponse:
    """The batch page: the selection form and the latest build's progress and results."""
    state = web(request)
    ws = state.cache.get()
    status = state.runner.get(job)
    if status is None or status.kind != "batch":
        status = state.runner.latest("batch")
    return render(
        request,
        "batch.html",
        rows=account_rows(ws, request.state.lang),
        tiers=TIERS,
        docs=list(DOCUMENTS),
        job=status,
        busy=state.runner.busy,
        library_errors=ws.library is None,
    )


@router.post("/batch", dependencies=[Depends(require_csrf)])
async def start(request: Request) -> RedirectResponse:
    """Start a build of the selection in the background."""
    state = web(request)
    ws = state.cache.get()
    form = await request.form()
    fields = text_fields(form)
    tier = fields.get("tier", "")
    accounts = text_list(form, "account")
    docs = text_list(form, "doc")
    known = set(ws.all_account_ids())
    if tier and tier not in TIERS:
        raise HTTPException(404, "no such tier")
    if any(not is_slug(a) or a not in known for a in accounts):
        raise HTTPException(404, "no such account")
    if any(d not in DOCUMENTS for d in docs):
        raise HTTPException(404, "no such document")
    force = fields.get("force") == "1"
    settings = state.settings

    def work(status: JobStatus) -> BuildReport:
        if settings.thumbnails:
            state.office.ensure()  # this build's previews and the next jobs' share it
        options = BuildOptions(
            jobs=settings.jobs,
            force=force,
            thumbnails=settings.thumbnails,
            isolate=True,  # worker processes: the time and memory limits apply
            cancel=status.cancel,
        )
        return api_build(
            settings.workspace,
            tiers=[tier] if tier else None,
            accounts=accounts or None,
            docs=docs or None,
            options=options,
            progress=StatusProgress(status),
        )

    started = state.runner.start("batch", work)
    if started is None:
        return RedirectResponse("/batch?msg=job_busy", status_code=303)
    return RedirectResponse(f"/batch?job={started.id}", status_code=303)


@router.post("/jobs/{job_id}/cancel", dependencies=[Depends(require_csrf)])
def cancel(request: Request, job_id: str) -> RedirectResponse:
    """Stop a running build; back to the page that shows it."""
    status = web(request).runner.cancel(job_id)
    if status is None:
        raise HTTPException(404, "no such build")
    if status.kind == "render" and status.account:
        return RedirectResponse(
            f"/accounts/{status.account}/documents?job={status.id}", status_code=303
        )
    return RedirectResponse(f"/batch?job={status.id}", status_code=303)


@router.get("/jobs/{job_id}.json")
def job_json(request: Request, job_id: str) -> JSONResponse:
    """The progress of a build, for the pages to poll."""
    status = web(request).runner.get(job_id)
    if status is None:
        raise HTTPException(404, "no such build")
    return JSONResponse(status.as_json())
