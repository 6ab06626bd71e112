"""How one web server runs: workspace, address, token, and the checks made at start."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path

TOKEN_ENV = "ABMCONTENT_TOKEN"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback name or address (``127.0.0.0/8``, ``::1``)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class StartupError(ValueError):
    """The server must not start with these settings (wrong usage: exit code 2)."""


@dataclass
class WebSettings:
    """Settings of one server.

    Attributes:
        workspace: the workspace folder (resolved).
        host: the address the server binds to.
        port: its port.
        token: the access token; required when ``host`` is not loopback.
        thumbnails: make first-page previews after each build (needs LibreOffice and
            poppler; a missing tool only means no preview).
        jobs: worker processes of a batch build (``None``: the available cores).
        secret: key of the CSRF tokens; random for each server start.
    """

    workspace: Path
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    thumbnails: bool = True
    jobs: int | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def __post_init__(self) -> None:
        self.workspace = Path(self.workspace).resolve()

    @property
    def loopback(self) -> bool:
        """True when the server binds to a loopback address only."""
        return is_loopback(self.host)

    def check(self) -> None:
        """Refuse settings that would expose the workspace.

        Raises:
            StartupError: not on loopback and no token, a token too short to guess, or
                the workspace folder missing.
        """
        if not self.workspace.is_dir():
            raise StartupError(f"workspace folder does not exist: {self.workspace}")
        if self.token is not None and len(self.token) < 16:
            raise StartupError("the token must be at least 16 characters long")
        if not self.loopback and not self.token:
            raise StartupError(
                f"binding to {self.host} exposes the workspace to the network: give an access "
                f"token with --token or the {TOKEN_ENV} environment variable "
                "(or bind to 127.0.0.1)"
            )
