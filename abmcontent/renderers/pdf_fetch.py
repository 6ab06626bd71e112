"""The only way WeasyPrint may read a file: from the workspace's templates and assets.

:class:`WorkspaceUrlFetcher` refuses every URL that is not a ``file:`` path inside one of
the allowed folders (after resolving symlinks and ``..``): no http, https, ftp or data
URLs, nothing elsewhere on disk. Each refusal is recorded so the renderer can report it as
a warning of the document.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

#: small files read through the fetcher, by (path, mtime, size): logos and stylesheets
_FILE_CACHE: dict[tuple[str, int, int], bytes] = {}
_FILE_CACHE_MAX = 64


class FetchRefused(ValueError):
    """A URL outside the allowed folders (or of a refused scheme) was asked for."""


def _read(path: Path) -> bytes:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    data = _FILE_CACHE.get(key)
    if data is None:
        data = path.read_bytes()
        if len(_FILE_CACHE) >= _FILE_CACHE_MAX:
            _FILE_CACHE.clear()
        _FILE_CACHE[key] = data
    return data


def url_to_path(url: str) -> Path | None:
    """The local path of a ``file:`` URL, or ``None`` for any other URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(unquote(parts.path)))


class WorkspaceUrlFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves only files under ``roots``.

    Args:
        roots: the folders that may be read (the workspace's ``templates/`` and ``assets/``,
            and the packaged templates folder when the template is a packaged default).
    """

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(fail_on_errors=False)
        self.roots = [Path(os.path.realpath(r)) for r in roots]
        self.refused: list[str] = []

    def _inside(self, path: Path) -> bool:
        real = Path(os.path.realpath(path))
        return any(real.is_relative_to(root) for root in self.roots)

    def allowed_path(self, url: str) -> Path | None:
        """Return the resolved file ``url`` points at when it may be read, else ``None``."""
        path = url_to_path(url)
        if path is None:
            return None
        real = Path(os.path.realpath(path))
        return real if self._inside(real) and real.is_file() else None

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Serve ``url`` if it is an allowed file, else record and raise ``FetchRefused``."""
        del headers
        path = self.allowed_path(url)
        local = url_to_path(url)
        if path is None and local is not None and self._inside(local):
            raise FileNotFoundError(f"no such file: {local}")
        if path is None:
            shown = url if len(url) < 120 else url[:117] + "..."
            self.refused.append(shown)
            raise FetchRefused(f"refused to read {shown}: only the workspace's templates/ "
                               "and assets/ folders may be read")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=_read(path), headers={"Content-Type": mime}
        )
