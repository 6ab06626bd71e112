"""Absurd numbers in forms and profiles, unusual ids in URLs, headers on every response.

Attacks: saving ``inf``, ``nan``, ``1e309``, a negative revenue or 10**30 employees through
the edit and new-account forms; a profile file holding ``.inf``; ids such as ``²``, ``①``,
Arabic-Indic digits or a 5000-digit number in every URL and in the form's row fields; a
route that fails unexpectedly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from abmcontent.api import validate
from abmcontent.web.security import SECURITY_HEADERS

from .conftest import csrf_of, form_fields, make_client

ACCOUNT = "northwind-health"
PROFILE = f"account_profiles/{ACCOUNT}.yaml"
EDIT = f"/accounts/{ACCOUNT}/edit"
HUGE = "1" + "0" * 30
ODD_IDS = ["²", "①", "١٢٣", "9" * 5000, "12345678901234567890"]
ODD_NAMES = ["superscript-two", "circled-one", "arabic-indic", "5000-digits", "20-digits"]


def _assert_headers(response: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (name, response.status_code)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("revenue_amount", "inf", "finite number"),
        ("revenue_amount", "-inf", "finite number"),
        ("revenue_amount", "nan", "finite number"),
        ("revenue_amount", "1e309", "finite number"),
        ("revenue_amount", "-5", "greater than or equal to 0"),
        ("revenue_amount", HUGE, "less than or equal to"),
        ("employees", "inf", "valid integer"),
        ("employees", HUGE, "less than or equal to"),
        ("employees", "-3", "greater than or equal to 0"),
    ],
)
def test_absurd_numbers_in_the_edit_form_are_form_errors_and_nothing_is_saved(
    field: str, value: str, reason: str, client: Any, workspace: Path
) -> None:
    path = workspace / PROFILE
    before = path.read_bytes()
    fields = form_fields(client.get(EDIT).text, EDIT)
    assert fields[field]
    fields[field] = value
    response = client.post(EDIT, data=fields)
    assert response.status_code == 422
    assert reason in response.text.lower()
    _assert_headers(response)
    assert path.read_bytes() == before
    assert not [p for p in validate(workspace) if p.file == PROFILE and p.severity == "error"]


def test_inf_in_the_new_account_form_creates_no_file(client: Any, workspace: Path) -> None:
    page = client.get("/new-account").text
    fields = form_fields(page, "/new-account")
    fields.update({
        "id": "infinite-co", "name": "Infinite Co", "industry": "logistics",
        "revenue_amount": "inf", "revenue_currency": "USD", "csrf_token": csrf_of(page),
    })
    response = client.post("/new-account", data=fields)
    assert response.status_code == 422 and "finite number" in response.text.lower()
    assert not (workspace / "account_profiles/infinite-co.yaml").exists()


def test_a_profile_holding_inf_is_reported_not_a_500(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    text = path.read_text(encoding="utf-8")
    assert "annual_revenue: {amount: " in text
    head, _, rest = text.partition("annual_revenue: {amount: ")
    path.write_text(head + "annual_revenue: {amount: .inf" + rest[rest.index(","):],
                    encoding="utf-8")
    problems = [str(p) for p in validate(workspace)]
    assert f"{PROFILE}:9: annual_revenue.amount: input should be a finite number" in problems
    for url in (f"/accounts/{ACCOUNT}", f"/accounts/{ACCOUNT}/documents", EDIT, "/accounts",
                "/batch"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        _assert_headers(response)


@pytest.mark.parametrize("odd", ODD_IDS, ids=ODD_NAMES)
def test_unusual_ids_in_urls_are_404_with_headers(odd: str, client: Any) -> None:
    for url in (
        f"/accounts/{odd}",
        f"/accounts/{odd}/documents",
        f"/accounts/{odd}/edit",
        f"/jobs/{odd}.json",
        f"/download/{odd}/briefing/account.pdf",
        f"/download/{ACCOUNT}/{odd}/account.pdf",
        f"/download/{ACCOUNT}/briefing/{odd}.pdf",
        f"/thumbs/{odd}/briefing/account.png",
    ):
        response = client.get(url)
        assert response.status_code == 404, (url[:80], response.status_code)
        _assert_headers(response)
    for url in (f"/batch?job={odd}", f"/accounts/{ACCOUNT}/documents?job={odd}",
                f"/accounts/{ACCOUNT}?job={odd}"):
        response = client.get(url)
        assert response.status_code == 200, (url[:80], response.status_code)
        _assert_headers(response)


@pytest.mark.parametrize("odd", ODD_IDS, ids=ODD_NAMES)
def test_unusual_row_numbers_in_the_edit_form_are_not_a_500(
    odd: str, client: Any, workspace: Path
) -> None:
    fields = form_fields(client.get(EDIT).text, EDIT)
    origs = [name for name in fields if name.endswith("-orig")]
    assert origs
    fields[origs[0]] = odd
    fields[f"p-{odd}-name"] = "Nobody"
    response = client.post(EDIT, data=fields)
    assert response.status_code in (303, 422), response.status_code
    _assert_headers(response)
    assert not [p for p in validate(workspace) if p.file == PROFILE and p.severity == "error"]


def test_an_unexpected_error_is_a_500_page_with_the_security_headers(
    workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with make_client(workspace) as client:

        def boom() -> None:
            raise RuntimeError("unexpected fault")

        client.app.add_api_route("/boom", boom)
        response = client.get("/boom")
    assert response.status_code == 500
    _assert_headers(response)
    assert "unexpected fault" not in response.text and "Traceback" not in response.text
    assert any("internal error serving GET /boom" in r.getMessage() for r in caplog.records)
