"""Pages to read: the account list (with filters and search) and the account page."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from abmcontent.web.accounts_view import Filters, account_page, account_rows
from abmcontent.web.documents_view import page_values
from abmcontent.web.pages import render
from abmcontent.web.slugs import require_slug
from abmcontent.web.state import web

router = APIRouter()


@router.get("/")
def home() -> RedirectResponse:
    """The start page is the account list."""
    return RedirectResponse("/accounts", status_code=303)


@router.get("/accounts", response_class=HTMLResponse)
def accounts(
    request: Request, tier: str = "", industry: str = "", locale: str = "", q: str = ""
) -> HTMLResponse:
    """The account list: filter by tier, industry and locale; search by name, id or owner."""
    ws = web(request).cache.get()
    rows = account_rows(ws, request.state.lang)
    filters = Filters(tier=tier, industry=industry, locale=locale, q=q[:200])
    return render(
        request,
        "accounts.html",
        rows=filters.apply(rows),
        total=len(rows),
        filters=filters,
        tiers=sorted({r.tier for r in rows if r.tier}),
        industries=sorted({r.industry for r in rows if r.industry}),
        locales=sorted({r.locale for r in rows if r.locale}),
        library_errors=ws.library is None,
    )


def _known(request: Request, account_id: str) -> None:
    require_slug(account_id)
    if account_id not in web(request).cache.get().all_account_ids():
        raise HTTPException(404, "no such account")


@router.get("/accounts/{account_id}", response_class=HTMLResponse)
def account(request: Request, account_id: str) -> HTMLResponse:
    """The account page: snapshot, buying group, challenges, pipeline, competitors, engagement."""
    _known(request, account_id)
    ws = web(request).cache.get()
    return render(
        request,
        "account.html",
        a=account_page(ws, account_id, request.state.lang),
        tab="overview",
        library_errors=ws.library is None,
    )


@router.get("/accounts/{account_id}/documents", response_class=HTMLResponse)
def documents(request: Request, account_id: str, job: str = "") -> HTMLResponse:
    """The documents tab: generate, preview and download each document and audience."""
    _known(request, account_id)
    state = web(request)
    ws = state.cache.get()
    status = state.runner.get(job)
    if status is not None and status.account != account_id:
        status = None
    return render(
        request,
        "documents.html",
        a=account_page(ws, account_id, request.state.lang),
        tab="documents",
        job=status,
        busy=state.runner.busy,
        library_errors=ws.library is None,
        **page_values(ws, account_id, request.state.lang),
    )
