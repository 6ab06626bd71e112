"""The server's listening socket, opened before anything is printed or started.

Binding first lets ``serve`` say plainly why it cannot start (the port is taken, a port
below 1024 without root, an address this machine does not have) and exit 2, instead of
printing the URL and then the web server's own error.
"""

from __future__ import annotations

import errno
import socket

from abmcontent.web.settings import StartupError


def open_listener(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening.

    Raises:
        StartupError: the address cannot be used, with the reason and what to do.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise StartupError(f"cannot listen on '{host}': {exc.strerror}; check --host") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise StartupError(_reason(exc, host, port)) from None
    sock.set_inheritable(True)
    return sock


def _reason(exc: OSError, host: str, port: int) -> str:
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another abmcontent serve?); stop that "
            f"program or choose another port, e.g. --port {port + 1 if port < 65535 else 8000}"
        )
    if exc.errno == errno.EACCES:
        return (
            f"not allowed to listen on {where} (ports below 1024 need administrator rights); "
            "choose another port with --port"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine; check --host"
    return f"cannot listen on {where}: {exc.strerror or exc}"
