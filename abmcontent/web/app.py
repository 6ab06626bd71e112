"""The FastAPI application: routers, static files, the security middleware, error pages."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from abmcontent.web import (
    routes_accounts,
    routes_batch,
    routes_documents,
    routes_edit,
    routes_import,
    routes_scores,
    routes_session,
)
from abmcontent.web.pages import STATIC, error_page
from abmcontent.web.runner import JobRunner
from abmcontent.web.security import Handler, guard
from abmcontent.web.settings import WebSettings
from abmcontent.web.state import WebState
from abmcontent.web.workspace_state import WorkspaceCache

#: every router of the app (the tests check each state-changing route for CSRF protection)
ROUTE_MODULES = (
    routes_accounts,
    routes_edit,
    routes_documents,
    routes_batch,
    routes_import,
    routes_scores,
    routes_session,
)


def create_app(settings: WebSettings) -> FastAPI:
    """The web workspace for ``settings.workspace``.

    Raises:
        StartupError: the settings are unsafe (see :meth:`WebSettings.check`).
    """
    settings.check()
    state = WebState(settings, WorkspaceCache(settings.workspace), JobRunner())

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        del app
        try:
            yield
        finally:
            state.office.close()  # the LibreOffice a job started, if any

    app = FastAPI(
        title="abmcontent", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.web = state
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in ROUTE_MODULES:
        app.include_router(module.router)

    @app.middleware("http")
    async def security(request: Request, call_next: Handler) -> Response:
        return await guard(request, call_next, routes_session.login_page)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        del exc
        return error_page(request, 400, "bad request")

    return app
