"""The ``serve`` command, registered on the main Typer app.

FastAPI and uvicorn are imported inside the command, so ``abmcontent --help`` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from abmcontent.cli_params import WorkspaceOpt
from abmcontent.cli_support import QuietOpt, fail
from abmcontent.web.settings import TOKEN_ENV


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command()
    def serve(
        workspace: WorkspaceOpt = Path("."),
        host: Annotated[
            str,
            typer.Option(
                metavar="HOST", help="Address to bind; anything but loopback needs --token."
            ),
        ] = "127.0.0.1",
        port: Annotated[
            int, typer.Option(metavar="PORT", help="Port to listen on, 1 to 65535.")
        ] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                metavar="TOKEN",
                help=f"Access token (default: ${TOKEN_ENV}); required off loopback.",
            ),
        ] = None,
        thumbnails: Annotated[
            bool, typer.Option(help="Make first-page previews of generated documents.")
        ] = True,
        jobs: Annotated[
            int | None,
            typer.Option(metavar="N", help="Worker processes of batch builds (default: cores)."),
        ] = None,
        quiet: QuietOpt = False,
    ) -> None:
        """Open the web workspace for marketers and sales reps (http://127.0.0.1:8000)."""
        from abmcontent.web.listen import open_listener
        from abmcontent.web.settings import StartupError, WebSettings

        settings = WebSettings(
            workspace=workspace,
            host=host,
            port=port,
            token=token or os.environ.get(TOKEN_ENV) or None,
            thumbnails=thumbnails,
            jobs=jobs,
        )
        if jobs is not None and jobs < 1:
            fail(f"error: --jobs must be at least 1, not {jobs}", 2)
        if not 1 <= port <= 65535:
            fail(f"error: --port must be from 1 to 65535, not {port}", 2)
        try:
            settings.check()
            listener = open_listener(host, port)
        except StartupError as exc:
            fail(f"error: {exc}", 2)

        import uvicorn

        from abmcontent.web.app import create_app

        if not quiet:
            shown = f"[{host}]" if ":" in host else host
            typer.echo(f"abmcontent web workspace for {settings.workspace}")
            typer.echo(f"Open http://{shown}:{port}/ (Ctrl+C to stop)")
        config = uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning")
        with listener:
            uvicorn.Server(config).run(sockets=[listener])
