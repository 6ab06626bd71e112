"""The security rules over plain HTTP: CSRF, same origin, downloads only from output/,
slugs in URLs, the token off loopback, host names, headers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi import HTTPException
from typer.testing import CliRunner

from abmcontent.cli import app as cli_app
from abmcontent.web.app import ROUTE_MODULES
from abmcontent.web.downloads import output_file
from abmcontent.web.settings import StartupError, WebSettings, is_loopback

from .conftest import BASE, csrf_of, form_fields, make_client

PROFILE = "account_profiles/hokuto-logistics.yaml"
TOKEN = "s3cret-token-for-tests-only"


def _edit_form(client: Any) -> dict[str, str]:
    page = client.get("/accounts/hokuto-logistics/edit")
    assert page.status_code == 200
    return form_fields(page.text, "/accounts/hokuto-logistics/edit")


def test_a_valid_form_post_is_accepted(client: Any, workspace: Path) -> None:
    fields = _edit_form(client)
    fields["p-1-title"] = "CFO"
    response = client.post("/accounts/hokuto-logistics/edit", data=fields)
    assert response.status_code == 303
    assert "title: CFO" in (workspace / PROFILE).read_text(encoding="utf-8")


def test_post_without_or_with_a_wrong_csrf_token_is_refused(client: Any, workspace: Path) -> None:
    before = (workspace / PROFILE).read_bytes()
    fields = _edit_form(client)
    fields["p-1-title"] = "CFO"
    missing = {k: v for k, v in fields.items() if k != "csrf_token"}
    assert client.post("/accounts/hokuto-logistics/edit", data=missing).status_code == 403
    wrong = {**fields, "csrf_token": "0" * 64}
    assert client.post("/accounts/hokuto-logistics/edit", data=wrong).status_code == 403
    assert (workspace / PROFILE).read_bytes() == before


def test_a_token_from_another_session_is_refused(workspace: Path) -> None:
    with make_client(workspace) as first, make_client(workspace) as second:
        token = csrf_of(first.get("/accounts").text)
        second.get("/accounts")  # its own session
        response = second.post("/lang", data={"csrf_token": token, "lang": "ja"})
        assert response.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1:9999"},
        {"referer": "http://evil.example/page"},
        {},  # neither Origin nor Referer
    ],
)
def test_cross_site_posts_are_refused_even_with_a_token(
    client: Any, workspace: Path, headers: dict[str, str]
) -> None:
    before = (workspace / PROFILE).read_bytes()
    fields = _edit_form(client)
    fields["p-1-title"] = "CFO"
    del client.headers["origin"]
    response = client.post("/accounts/hokuto-logistics/edit", data=fields, headers=headers)
    assert response.status_code == 403
    assert (workspace / PROFILE).read_bytes() == before


def test_same_origin_referer_is_enough_without_origin(client: Any) -> None:
    token = csrf_of(client.get("/accounts").text)
    del client.headers["origin"]
    response = client.post(
        "/lang", data={"csrf_token": token, "lang": "ja"}, headers={"referer": f"{BASE}/batch"}
    )
    assert response.status_code == 303


def test_every_state_changing_route_requires_the_csrf_token(client: Any) -> None:
    client.get("/accounts")
    posts = [
        route.path
        for module in ROUTE_MODULES
        for route in module.router.routes
        if "POST" in getattr(route, "methods", set())
    ]
    assert len(posts) >= 6
    for path in posts:
        url = path.format(
            account_id="hokuto-logistics", doc_id="proposal", audience_id="takahashi-yumi",
            job_id="1",
        )
        assert client.post(url, data={"x": "1"}).status_code == 403, path
    assert not client.app.state.web.runner.busy


@pytest.mark.parametrize(
    "url",
    [
        "/download/..%2F..%2Faccount_profiles/proposal/x.pptx",
        "/download/hokuto-logistics/proposal/..%2F..%2F..%2Fmanifest.json",
        "/download/hokuto-logistics/proposal/..pptx",
        "/download/hokuto-logistics/..%2F..%2Faccount_profiles/hokuto-logistics.yaml",
        "/download/hokuto-logistics/proposal/%2e%2e%2f%2e%2e%2fx.pdf",
        "/download/hokuto-logistics/proposal/takahashi-yumi.yaml",
        "/download/..%5C..%5Cetc/proposal/passwd.pdf",
        "/thumbs/hokuto-logistics/proposal/..%2F..%2Fx.png",
    ],
)
def test_traversal_attempts_get_404(client: Any, url: str) -> None:
    assert client.get(url).status_code == 404


def test_links_out_of_output_are_not_followed(client: Any, workspace: Path) -> None:
    folder = workspace / "output" / "hokuto-logistics" / "proposal"
    folder.mkdir(parents=True)
    secret = workspace / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    os.symlink(secret, folder / "takahashi-yumi.pdf")
    assert client.get("/download/hokuto-logistics/proposal/takahashi-yumi.pdf").status_code == 404
    with pytest.raises(HTTPException):
        output_file(workspace, "../secret.pdf")
    with pytest.raises(HTTPException):
        output_file(workspace, "/etc/hostname")
    real = folder / "sato-kenichi.pdf"
    real.write_bytes(b"%PDF-1.4 ok")
    response = client.get("/download/hokuto-logistics/proposal/sato-kenichi.pdf")
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 ok"
    assert "attachment" in response.headers["content-disposition"]


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/Hokuto-Logistics",
        "/accounts/hokuto_logistics",
        "/accounts/%2e%2e",
        "/accounts/" + "a" * 65,
        "/accounts/no-such-account",
        "/accounts/hokuto-logistics%00/edit",
        "/accounts/UPPER/documents",
        "/download/hokuto-logistics/Proposal/takahashi-yumi.pptx",
        "/download/hokuto-logistics/proposal/Takahashi.pptx",
        "/thumbs/hokuto-logistics/proposal/x y.png",
        "/jobs/abc.json",
        "/jobs/999.json",
    ],
)
def test_bad_ids_in_urls_get_404(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "<html" in response.text  # an error page, never a traceback


def test_bad_ids_in_generate_urls_get_404(client: Any) -> None:
    token = csrf_of(client.get("/accounts").text)
    for url in (
        "/accounts/hokuto-logistics/documents/not-a-doc/account/generate",
        "/accounts/hokuto-logistics/documents/proposal/Nobody/generate",
        "/accounts/hokuto-logistics/documents/proposal/nobody/generate",
        "/accounts/BAD/documents/proposal/account/generate",
    ):
        assert client.post(url, data={"csrf_token": token}).status_code == 404, url
    assert not client.app.state.web.runner.busy


def test_binding_off_loopback_needs_a_token(workspace: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.8.0.1") and is_loopback("::1")
    assert is_loopback("localhost") and not is_loopback("0.0.0.0")
    with pytest.raises(StartupError, match="token"):
        WebSettings(workspace=workspace, host="0.0.0.0").check()
    with pytest.raises(StartupError, match="16 characters"):
        WebSettings(workspace=workspace, host="0.0.0.0", token="short").check()
    WebSettings(workspace=workspace, host="0.0.0.0", token=TOKEN).check()


def test_serve_refuses_to_start_off_loopback_without_a_token(workspace: Path) -> None:
    runner = CliRunner()
    env = {"ABMCONTENT_TOKEN": ""}
    result = runner.invoke(
        cli_app, ["serve", "--workspace", str(workspace), "--host", "0.0.0.0"], env=env
    )
    assert result.exit_code == 2
    assert "token" in result.output
    result = runner.invoke(cli_app, ["serve", "--workspace", str(workspace / "nope")], env=env)
    assert result.exit_code == 2


def test_with_a_token_every_page_needs_it(workspace: Path) -> None:
    with make_client(workspace, host="0.0.0.0", token=TOKEN) as client:
        page = client.get("/accounts")
        assert page.status_code == 401
        assert 'name="token"' in page.text
        assert client.get("/download/hokuto-logistics/briefing/account.pdf").status_code == 401
        assert client.get("/accounts?token=wrong-token-wrong-token").status_code == 401
        bearer = client.get("/accounts", headers={"authorization": f"Bearer {TOKEN}"})
        assert bearer.status_code == 200
        link = client.get(f"/accounts?token={TOKEN}&tier=lite")
        assert link.status_code == 303
        assert link.headers["location"] == "/accounts?tier=lite"
        assert TOKEN not in link.headers["set-cookie"]
        assert client.get("/accounts").status_code == 200  # the cookie remembers it


def test_the_login_form_accepts_the_token(workspace: Path) -> None:
    with make_client(workspace, host="0.0.0.0", token=TOKEN) as client:
        token = csrf_of(client.get("/login").text)
        wrong = client.post("/login", data={"csrf_token": token, "token": "nope"})
        assert wrong.status_code == 401
        right = client.post("/login", data={"csrf_token": token, "token": TOKEN})
        assert right.status_code == 303
        assert client.get("/accounts").status_code == 200


def test_on_loopback_other_host_names_are_refused(client: Any) -> None:
    assert client.get("/accounts", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/accounts", headers={"host": "localhost:8000"}).status_code == 200


def test_pages_carry_security_headers_and_safe_cookies(workspace: Path) -> None:
    with make_client(workspace) as client:
        response = client.get("/accounts")
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie


def test_language_switch_never_redirects_off_site(client: Any) -> None:
    token = csrf_of(client.get("/accounts").text)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        response = client.post("/lang", data={"csrf_token": token, "lang": "ja", "next": target})
        assert response.headers["location"] == "/accounts"
    response = client.post("/lang", data={"csrf_token": token, "lang": "ja", "next": "/batch"})
    assert response.headers["location"] == "/batch"
    assert "abm_lang=ja" in response.headers["set-cookie"]
