"""The ``serve`` command, registered on the main Typer app.

FastAPI and uvicorn are imported inside the command, so ``abmcontent --help`` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from abmcontent.web.settings import TOKEN_ENV


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command()
    def serve(
        workspace: Annotated[
            Path, typer.Option("--workspace", "-w", help="The workspace folder.", file_okay=False)
        ] = Path("."),
        host: Annotated[
            str, typer.Option(help="Address to bind; anything but loopback needs --token.")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
        token: Annotated[
            str | None,
            typer.Option(help=f"Access token (default: ${TOKEN_ENV}); required off loopback."),
        ] = None,
        thumbnails: Annotated[
            bool, typer.Option(help="Make first-page previews of generated documents.")
        ] = True,
        jobs: Annotated[
            int | None, typer.Option(help="Worker processes of batch builds (default: cores).")
        ] = None,
    ) -> None:
        """Open the web workspace for marketers and sales reps (http://127.0.0.1:8000)."""
        from abmcontent.web.settings import StartupError, WebSettings

        settings = WebSettings(
            workspace=workspace,
            host=host,
            port=port,
            token=token or os.environ.get(TOKEN_ENV) or None,
            thumbnails=thumbnails,
            jobs=jobs,
        )
        try:
            settings.check()
        except StartupError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        if jobs is not None and jobs < 1:
            typer.echo(f"error: --jobs must be at least 1, not {jobs}", err=True)
            raise typer.Exit(2)

        import uvicorn

        from abmcontent.web.app import create_app

        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"abmcontent web workspace for {settings.workspace}")
        typer.echo(f"Open http://{shown}:{port}/ (Ctrl+C to stop)")
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
