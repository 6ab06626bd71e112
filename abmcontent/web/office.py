"""The web server's long-lived LibreOffice: started by the first job that converts, kept after.

Every build and render of the web server runs in its job thread; the first one that may
convert an Office file (a PDF deck, previews) opens
:func:`~abmcontent.renderers.office_server.shared_office` and leaves it open, so every later
job's conversions and previews go to the same running LibreOffice. It stops when the app
shuts down (or, the server process gone, by itself).
"""

from __future__ import annotations

import contextlib
import threading


class WebOffice:
    """Opens the shared LibreOffice once, on demand, and closes it at shutdown."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._opened = False
        self._lock = threading.Lock()

    def ensure(self) -> None:
        """Start the shared LibreOffice unless it runs already (or cannot: then soffice)."""
        with self._lock:
            if self._opened:
                return
            self._opened = True
            from abmcontent.renderers.office_server import shared_office

            self._stack.enter_context(shared_office())

    def close(self) -> None:
        """Stop it (a later :meth:`ensure` starts a new one)."""
        with self._lock:
            self._stack.close()
            self._stack = contextlib.ExitStack()
            self._opened = False
