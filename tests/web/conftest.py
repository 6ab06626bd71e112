"""Fixtures of the web suite: a fresh sample workspace and an HTTP client on loopback."""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from abmcontent.sample import init_workspace
from abmcontent.web.app import create_app
from abmcontent.web.settings import WebSettings

BASE = "http://127.0.0.1:8000"


def _test_client_class() -> Any:
    # Starlette warns that its TestClient should use httpx2; httpx is what we ship with.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    return TestClient


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sample workspace made with ``abmcontent init``; tests copy it."""
    return init_workspace(tmp_path_factory.mktemp("sample") / "ws")


@pytest.fixture
def workspace(sample_copy: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample workspace."""
    target = tmp_path / "ws"
    shutil.copytree(sample_copy, target)
    return target


def make_client(workspace: Path, **settings: Any) -> Any:
    """A TestClient of a server on ``workspace`` (requests come from 127.0.0.1:8000)."""
    settings.setdefault("thumbnails", False)
    settings.setdefault("jobs", 1)
    app = create_app(WebSettings(workspace=workspace, **settings))
    client = _test_client_class()(app, base_url=BASE, follow_redirects=False)
    client.headers.update({"origin": BASE, "accept-language": "en"})
    return client


@pytest.fixture
def client(workspace: Path) -> Iterator[Any]:
    """An HTTP client of a server on a fresh sample workspace."""
    with make_client(workspace) as test_client:
        yield test_client
        test_client.app.state.web.runner.wait(120)


def csrf_of(html: str) -> str:
    """The CSRF token in a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


class _FormParser(HTMLParser):
    """Collects the successful controls of the form posted to ``action``."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str, action: str) -> dict[str, str]:
    """What a browser would submit from the form posted to ``action`` (before any change)."""
    parser = _FormParser(action)
    parser.feed(html)
    fields = parser.fields
    for name, value in fields.items():  # a textarea's first newline is not part of its value
        if value.startswith("\n"):
            fields[name] = value[1:]
    return fields
