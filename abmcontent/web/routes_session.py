"""The language switch and the access-token form."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from abmcontent.web.i18n import LANG_COOKIE, parse_lang
from abmcontent.web.pages import render
from abmcontent.web.security import require_csrf, set_auth_cookie, token_matches
from abmcontent.web.state import safe_next, text_fields, web

router = APIRouter()
YEAR_S = 365 * 24 * 3600


@router.post("/lang", dependencies=[Depends(require_csrf)])
async def switch_language(request: Request) -> RedirectResponse:
    """Remember the chosen interface language and go back to the page."""
    fields = text_fields(await request.form())
    response = RedirectResponse(safe_next(fields.get("next")), status_code=303)
    lang = parse_lang(fields.get("lang"))
    if lang is not None:
        response.set_cookie(LANG_COOKIE, lang, max_age=YEAR_S, samesite="lax", httponly=True)
    return response


def login_page(request: Request, wrong: bool = False) -> Response:
    """The access-token form (401)."""
    return render(request, "login.html", status=401, wrong=wrong, library_errors=False)


@router.get("/login", response_class=HTMLResponse)
def login(request: Request) -> Response:
    """The access-token form."""
    return login_page(request)


@router.post("/login", dependencies=[Depends(require_csrf)])
async def check_token(request: Request) -> Response:
    """Accept the token once; a cookie remembers it."""
    settings = web(request).settings
    fields = text_fields(await request.form())
    if not token_matches(settings, fields.get("token")):
        return login_page(request, wrong=True)
    response = RedirectResponse("/accounts", status_code=303)
    set_auth_cookie(response, settings)
    return response
