"""A long-lived LibreOffice behind unoserver, shared by every Office->PDF conversion of a build.

Starting LibreOffice costs about 3 s; a running one converts a deck in well under one. So a
build (or one web job) opens :func:`shared_office` once: it starts ``unoserver`` (the
well-kept package for exactly this) in the background, and every conversion of the process
and of its worker processes goes to it over XML-RPC (:func:`convert_on`) until it stops.

unoserver's server side needs LibreOffice's Python bindings (``import uno``), which Debian
ships for its own Python only (package ``python3-uno``). The server therefore runs under the
first interpreter that can import ``uno`` (this one, ``/usr/bin/python3``, or the Python
bundled with LibreOffice), with the unoserver package of this environment lent to it
through ``PYTHONPATH``; the client side is plain XML-RPC and needs neither. When any piece is
missing, or the server does not come up, :func:`shared_office` yields ``None`` and
conversions fall back to a ``soffice`` start per call.

The server's LibreOffice runs with the same locked-down profile as every other start
(:func:`abmcontent.renderers.office_pdf.write_profile`), listens on 127.0.0.1 only, and
stops when the process that started it closes its standard input, or dies.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import importlib.metadata
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import Iterator
from pathlib import Path

#: interpreters tried, after this one, for running the server (``import uno`` must work)
SERVER_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
#: set to ``off`` to never start a server (conversions then start ``soffice`` each time)
DISABLE_ENV = "ABMCONTENT_UNOSERVER"
#: how long a fresh server may take to answer its first request
READY_TIMEOUT_S = 60.0
#: how long one conversion may take before LibreOffice is killed and the server exits
CONVERSION_TIMEOUT_S = 180
#: how long a stopping server is given before it is killed
STOP_TIMEOUT_S = 10.0

#: runs unoserver and stops it (SIGTERM: it stops LibreOffice too) when stdin closes
_LAUNCHER = """
import os, signal, sys, threading
def _watch():
    sys.stdin.buffer.read()
    os.kill(os.getpid(), signal.SIGTERM)
threading.Thread(target=_watch, daemon=True).start()
from unoserver.server import main
sys.exit(main())
"""


class OfficeServerError(Exception):
    """The server gave up on a conversion."""


class OfficeServerUnreachable(OfficeServerError):
    """The server cannot be reached (not started, stopped, or timed out)."""


@functools.cache
def uno_python() -> str | None:
    """The first interpreter that imports LibreOffice's ``uno`` module, or ``None``."""
    for python in (sys.executable, *SERVER_PYTHONS):
        if not python or not os.access(python, os.X_OK):
            continue
        try:
            done = subprocess.run(
                [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return python
    return None


def lend_unoserver(folder: Path) -> Path | None:
    """Link this environment's unoserver package (code and metadata) into ``folder``.

    Returns:
        ``folder``, to put on the server interpreter's ``PYTHONPATH``; ``None`` when
        unoserver is not installed here.
    """
    try:
        dist = importlib.metadata.distribution("unoserver")
    except importlib.metadata.PackageNotFoundError:
        return None
    base = Path(str(dist.locate_file("")))
    tops = {p.parts[0] for p in dist.files or [] if ".." not in p.parts and len(p.parts) > 1}
    if not tops:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for top in tops:
        (folder / top).symlink_to(base / top)
    return folder


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _TimeoutTransport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a socket timeout (the standard transport has none)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: str | tuple[str, dict[str, str]]) -> http.client.HTTPConnection:
        """The connection of the standard transport, with the timeout set."""
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def _proxy(url: str, timeout: float) -> xmlrpc.client.ServerProxy:
    return xmlrpc.client.ServerProxy(url, transport=_TimeoutTransport(timeout), allow_none=True)


def wait_ready(url: str, timeout: float) -> bool:
    """Wait until the server at ``url`` answers; ``False`` when it did not within ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _proxy(url, max(1.0, deadline - time.monotonic())).system.listMethods()
            return True
        except (OSError, xmlrpc.client.Error, http.client.HTTPException):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)


#: whether each server answered in time, as this process found out
_ready: dict[str, bool] = {}


def _answers(url: str) -> bool:
    """Whether ``url`` is up: the first call waits for it (:func:`wait_ready`)."""
    if url not in _ready:
        _ready[url] = wait_ready(url, READY_TIMEOUT_S)
    return _ready[url]


def ready_url() -> str | None:
    """A server of this process that answers; ``None``: conversions start ``soffice``.

    The first call for a server waits for it to come up; one that did not, or became
    unreachable (:func:`mark_unreachable`), is not asked again.
    """
    return next((url for url in _servers() if _answers(url)), None)


def mark_unreachable(url: str) -> None:
    """Stop sending conversions to ``url`` (it stopped answering)."""
    _ready[url] = False


@contextlib.contextmanager
def lease() -> Iterator[str | None]:
    """A server for one conversion, free of others of this process (each does one at a time).

    Yields:
        Its address, or ``None`` when this process has none that answers.
    """
    free = _free_servers()
    if free is None:
        yield None
        return
    url = free.get()
    try:
        yield url if _answers(url) else ready_url()
    finally:
        free.put(url)


def convert_on(url: str, data: bytes, *, first_page: bool = False) -> bytes:
    """Convert Office document bytes to PDF on the server at ``url``.

    The call is unoserver's ``convert`` (API 3) made directly: its own client asks for the
    server's filter list before every conversion and retries a refused connection for 50 s.

    Args:
        url: the server's XML-RPC address.
        data: the ``.pptx``/``.docx`` bytes.
        first_page: export only the first page or slide.

    Raises:
        OfficeServerUnreachable: the server cannot be reached.
        OfficeServerError: it failed the conversion.
    """
    options = ["PageRange=1-1"] if first_page else []  # "1" alone would be sent as a number
    try:
        result = _proxy(url, CONVERSION_TIMEOUT_S + 30).convert(
            None, xmlrpc.client.Binary(data), None, "pdf", None, options, False, None, None
        )
    except xmlrpc.client.Fault as exc:
        detail = exc.faultString
        raise OfficeServerError(f"LibreOffice could not convert the document: {detail}") from exc
    except (OSError, xmlrpc.client.Error, http.client.HTTPException) as exc:
        raise OfficeServerUnreachable(f"the LibreOffice server is unreachable: {exc}") from exc
    if not isinstance(result, xmlrpc.client.Binary):
        raise OfficeServerError("the LibreOffice server returned no document")
    return bytes(result.data)


class OfficeServer:
    """One unoserver process (and its LibreOffice) on free ports of 127.0.0.1.

    Args:
        soffice: the LibreOffice executable.
        python: an interpreter that imports ``uno`` (:func:`uno_python`).
    """

    def __init__(self, soffice: str, python: str) -> None:
        self.soffice = soffice
        self.python = python
        self.url = ""
        self._folder: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> bool:
        """Start the server without waiting for it; ``False`` when unoserver is not here."""
        from abmcontent.renderers.office_pdf import write_profile

        self._folder = Path(tempfile.mkdtemp(prefix="abmcontent-unoserver-"))
        lent = lend_unoserver(self._folder / "pythonpath")
        if lent is None:
            self.stop()
            return False
        profile = self._folder / "profile"
        write_profile(profile)
        port, uno_port = _free_port(), _free_port()
        while uno_port == port:
            uno_port = _free_port()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(lent), env.get("PYTHONPATH")]))
        command = [
            self.python, "-c", _LAUNCHER,
            "--interface", "127.0.0.1", "--port", str(port),
            "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port),
            "--executable", self.soffice,
            "--user-installation", str(profile),
            "--conversion-timeout", str(CONVERSION_TIMEOUT_S),
            "--temp-dir", str(self._folder),
            "--quiet",
        ]  # fmt: skip
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # a Ctrl-C of the terminal is ours to pass on
            )
        except OSError:
            self.stop()
            return False
        self.url = f"http://127.0.0.1:{port}"
        return True

    def alive(self) -> bool:
        """True while the server process runs."""
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        """Stop the server and its LibreOffice, and remove its files."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()  # the launcher's signal to stop
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_S)
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)  # whatever of it is left
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_S)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


#: the servers this process converts on (set in worker processes too): their addresses
#: separated by spaces, or ``None``
_active_url: str | None = None
_free: tuple[str, queue.Queue[str]] | None = None
_free_lock = threading.Lock()


def use_server(address: str | None) -> None:
    """Send this process's conversions to the servers of ``address`` (``None``: soffice)."""
    global _active_url
    _active_url = address


def active_url() -> str | None:
    """The address of this process's servers (spaces between them), or ``None``."""
    return _active_url


def _servers() -> list[str]:
    """This process's servers, starting at one chosen by its pid (workers spread out)."""
    urls = (_active_url or "").split()
    if not urls:
        return []
    first = os.getpid() % len(urls)
    return urls[first:] + urls[:first]


def _free_servers() -> queue.Queue[str] | None:
    """The servers of the current address that no thread of this process is using."""
    global _free
    address = _active_url
    if not address:
        return None
    with _free_lock:
        if _free is None or _free[0] != address:
            free: queue.Queue[str] = queue.Queue()
            for url in _servers():
                free.put(url)
            _free = (address, free)
        return _free[1]


def start_server() -> OfficeServer | None:
    """Start a server when LibreOffice, a ``uno`` Python and unoserver are all here."""
    from abmcontent.renderers.office_pdf import find_soffice

    if os.environ.get(DISABLE_ENV, "").lower() in {"off", "0", "no", "false"}:
        return None
    soffice = find_soffice()
    python = uno_python() if soffice else None
    if soffice is None or python is None:
        return None
    server = OfficeServer(soffice, python)
    return server if server.start() else None


@contextlib.contextmanager
def shared_office(enabled: bool = True, instances: int = 1) -> Iterator[str | None]:
    """Make the conversions of this block go to long-lived LibreOffice servers.

    Re-entrant: inside a block that already has servers, they are reused. They start in
    the background (conversions wait for them) and stop when the outermost block ends.

    Args:
        enabled: ``False`` starts nothing (for builds with nothing to convert).
        instances: how many servers (each converts one document at a time).

    Yields:
        The servers' address (to hand to worker processes), or ``None`` when conversions
        start ``soffice`` each time.
    """
    if not enabled or _active_url is not None:
        yield _active_url
        return
    servers: list[OfficeServer] = []
    for _ in range(max(1, instances)):
        server = start_server()
        if server is None:
            break
        servers.append(server)
    if not servers:
        yield None
        return
    address = " ".join(server.url for server in servers)
    use_server(address)
    try:
        yield address
    finally:
        use_server(None)
        for server in servers:
            server.stop()
