"""Scores and tiers in the web: the ranking, the proposed tiers applied after confirmation.

Pinned tiers are respected as ``abmcontent score --apply`` does.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from abmcontent.crm.scorecmd import rank_workspace
from abmcontent.crm.scoring import AccountScore
from abmcontent.crm.tiers import apply_tiers, pin_tier
from abmcontent.errors import InputError
from abmcontent.loading.workspace import Workspace
from abmcontent.web.pages import render
from abmcontent.web.security import require_csrf
from abmcontent.web.slugs import require_slug
from abmcontent.web.state import safe_next, text_fields, web

router = APIRouter()
CSRF = [Depends(require_csrf)]


def _ranking(ws: Workspace) -> tuple[list[AccountScore], list[str]]:
    """The ranked scores of today, or the problems that keep the workspace from scoring."""
    try:
        return rank_workspace(ws, dt.date.today())[1], []
    except InputError as exc:
        return [], [str(p) for p in exc.problems]


def changes_token(ranked: list[AccountScore]) -> str:
    """A fingerprint of the tier changes a page proposed (confirming applies exactly those)."""
    moves = [
        f"{s.account_id}:{s.current_tier}>{s.proposed_tier}"
        for s in ranked
        if s.current_tier != s.proposed_tier
    ]
    return hashlib.sha256("\n".join(moves).encode()).hexdigest()[:16]


@router.get("/scores", response_class=HTMLResponse)
def scores(request: Request, msg: str = "") -> HTMLResponse:
    """The ranking: score, tier now and proposed, pinned tiers; the changes to confirm."""
    ws = web(request).cache.get()
    ranked, problems = _ranking(ws)
    moves = [s for s in ranked if s.current_tier != s.proposed_tier]
    return render(
        request,
        "scores.html",
        ranked=ranked,
        moves=moves,
        token=changes_token(ranked),
        problems=problems,
        failed=sorted(ws.failed_accounts),
        outcome=msg if msg in ("applied", "stale", "refused") else "",
    )


@router.post("/scores/apply", dependencies=CSRF)
async def apply(request: Request) -> RedirectResponse:
    """Write the proposed tiers, if they are still the ones the page showed."""
    ws = web(request).cache.get()
    fields = text_fields(await request.form())
    ranked, problems = _ranking(ws)
    if problems or ws.library is None:
        raise HTTPException(409, "the workspace cannot be scored")
    if fields.get("token") != changes_token(ranked):
        return RedirectResponse("/scores?msg=stale", status_code=303)
    written = apply_tiers(ws.root, ws.library, ranked)
    failed = any(c.problems for c in written)
    return RedirectResponse(f"/scores?msg={'refused' if failed else 'applied'}", status_code=303)


@router.post("/accounts/{account_id}/pin", dependencies=CSRF)
async def pin(request: Request, account_id: str) -> RedirectResponse:
    """Pin or unpin the tier of an account (``pinned=1`` or ``0``)."""
    require_slug(account_id)
    ws = web(request).cache.get()
    if account_id not in ws.accounts or ws.library is None:
        raise HTTPException(404, "no such account")
    fields = text_fields(await request.form())
    problems = pin_tier(ws.root, ws.library, account_id, fields.get("pinned") == "1")
    target = safe_next(fields.get("next"), "/scores")
    if problems:
        return RedirectResponse("/scores?msg=refused", status_code=303)
    return RedirectResponse(target, status_code=303)
