"""The rules every request passes: host, access token, same origin, CSRF token, headers.

- On loopback, only loopback ``Host`` names are served (a page of another site cannot
  reach the server through DNS rebinding).
- With a token, every page needs it once (``?token=`` in the link, the login form, or an
  ``Authorization: Bearer`` header); a cookie then remembers it.
- A state-changing request (``POST`` and the like) must come from a page of this server:
  its ``Origin`` (else its ``Referer``) must be this server, and it must carry the CSRF
  token of the session (form field ``csrf_token`` or header ``X-CSRF-Token``).
- Cookies are ``HttpOnly`` and ``SameSite=Lax``; pages forbid framing and foreign scripts.
- Every response carries the security headers, an unexpected error's 500 page included
  (the fault is logged; the page shows no traceback).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from abmcontent.web.i18n import LANG_COOKIE, negotiate
from abmcontent.web.settings import WebSettings, is_loopback

SESSION_COOKIE = "abm_session"
AUTH_COOKIE = "abm_auth"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PREFIXES = ("/static/",)
LOGIN_PATH = "/login"
_LOG = logging.getLogger(__name__)
_SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

Handler = Callable[[Request], Awaitable[Response]]
LoginPage = Callable[[Request, bool], Response]


def csrf_token(secret: bytes, session: str) -> str:
    """The CSRF token of ``session``: an HMAC, so it cannot be made without the secret."""
    return hmac.new(secret, session.encode("ascii"), hashlib.sha256).hexdigest()


def auth_cookie_value(token: str) -> str:
    """What the auth cookie holds: derived from the token, never the token itself."""
    return hmac.new(token.encode("utf-8"), b"abmcontent-web-auth", hashlib.sha256).hexdigest()


def host_allowed(settings: WebSettings, host_header: str) -> bool:
    """On loopback, only loopback host names; elsewhere any (the token guards the server)."""
    if not settings.loopback:
        return True
    host = urlsplit(f"//{host_header}").hostname or ""
    return is_loopback(host)


def same_origin(request: Request) -> bool:
    """True when the request's ``Origin`` (else ``Referer``) is this server."""
    host = request.headers.get("host", "").lower()
    expected = f"{request.url.scheme}://{host}"
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.lower() == expected
    referer = request.headers.get("referer")
    if not referer:
        return False
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}".lower() == expected


def token_matches(settings: WebSettings, candidate: str | None) -> bool:
    """True when ``candidate`` is the server's token (compared in constant time)."""
    if not settings.token or not candidate:
        return False
    return hmac.compare_digest(candidate.encode("utf-8"), settings.token.encode("utf-8"))


def authenticated(settings: WebSettings, request: Request) -> bool:
    """True when no token is needed, or the request carries it (cookie or bearer header)."""
    if not settings.token:
        return True
    cookie = request.cookies.get(AUTH_COOKIE, "")
    if cookie and hmac.compare_digest(cookie, auth_cookie_value(settings.token)):
        return True
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and token_matches(settings, value.strip())


def set_auth_cookie(response: Response, settings: WebSettings) -> None:
    """Remember a correct token in the browser."""
    assert settings.token is not None
    response.set_cookie(
        AUTH_COOKIE, auth_cookie_value(settings.token), httponly=True, samesite="lax", path="/"
    )


def _refused(request: Request, status: int, reason: str) -> Response:
    from abmcontent.web.pages import error_page

    return error_page(request, status, reason)


def _internal_error(request: Request) -> Response:
    """The 500 page; plain text when even the page cannot be rendered."""
    try:
        return _refused(request, 500, "internal error")
    except Exception:
        return PlainTextResponse("internal error", status_code=500)


async def guard(request: Request, call_next: Handler, login_page: LoginPage) -> Response:
    """The middleware: apply every rule of this module, then add the security headers."""
    settings: WebSettings = request.app.state.settings
    request.state.lang = negotiate(
        request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )
    session = request.cookies.get(SESSION_COOKIE, "")
    new_session = None
    if not _SESSION_RE.match(session):
        session = new_session = secrets.token_urlsafe(32)
    request.state.session = session
    request.state.csrf = csrf_token(settings.secret, session)
    try:
        response = await _checked(request, call_next, login_page, settings)
    except Exception:  # an unexpected fault still gets the headers and no traceback page
        _LOG.exception("internal error serving %s %s", request.method, request.url.path)
        response = _internal_error(request)
    if new_session is not None:
        response.set_cookie(SESSION_COOKIE, new_session, httponly=True, samesite="lax", path="/")
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def _checked(
    request: Request, call_next: Handler, login_page: LoginPage, settings: WebSettings
) -> Response:
    if not host_allowed(settings, request.headers.get("host", "")):
        return _refused(request, 400, "host not allowed")
    path = request.url.path
    unsafe = request.method not in SAFE_METHODS
    if unsafe and not same_origin(request):
        return _refused(request, 403, "cross-site request refused")
    if not path.startswith(PUBLIC_PREFIXES) and not authenticated(settings, request):
        query_token = request.query_params.get("token")
        if request.method == "GET" and token_matches(settings, query_token):
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = path + (f"?{urlencode(rest)}" if rest else "")
            redirect = RedirectResponse(target, status_code=303)
            set_auth_cookie(redirect, settings)
            return redirect
        if path != LOGIN_PATH:
            return login_page(request, query_token is not None)
    return await call_next(request)


async def require_csrf(request: Request) -> None:
    """Dependency of every state-changing route: the session's CSRF token must be sent.

    Raises:
        HTTPException: 403 when the token is missing or wrong.
    """
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    expected: str = request.state.csrf
    if not sent or not hmac.compare_digest(sent.encode("ascii", "replace"), expected.encode()):
        raise HTTPException(403, "missing or wrong CSRF token")
