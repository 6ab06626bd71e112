"""Issue 17.6: CRM exports uploaded in the web, previewed as a dry run, then applied."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.crm.exports import HUBSPOT, SALESFORCE_JA, SF_PRODUCTS

from .conftest import csrf_of


def _upload(client: Any, files: list[Path], **fields: str) -> Any:
    token = csrf_of(client.get("/import").text)
    parts = [("file", (p.name, p.read_bytes(), "text/csv")) for p in files]
    parts.append(("mapping", (SF_PRODUCTS.name, SF_PRODUCTS.read_bytes(), "application/yaml")))
    return client.post("/import/preview", data={"csrf_token": token, **fields}, files=parts)


def test_upload_preview_then_apply(client: Any, workspace: Path) -> None:
    profiles = workspace / "account_profiles"
    before = sorted(p.name for p in profiles.iterdir())

    preview = _upload(client, [*HUBSPOT, *SALESFORCE_JA])

    assert preview.status_code == 200, preview.text
    html = preview.text
    assert 'data-dry-run="yes"' in html
    assert "accounts.csv: Salesforce accounts, 4 row(s), cp932" in html
    assert '<li data-account="kaede-unyu" data-status="created">' in html
    assert "+id: kaede-unyu" in html  # the diff of the new profile
    assert "associated with several companies" in html  # the import's warnings
    assert "abm-import-" not in html  # file names as uploaded, not the staging folder
    assert sorted(p.name for p in profiles.iterdir()) == before  # nothing written yet
    token = re.search(r'name="token" value="([0-9a-f]+)"', html)
    assert token is not None

    applied = client.post(
        "/import/apply", data={"csrf_token": csrf_of(html), "token": token.group(1)}
    )

    assert applied.status_code == 200, applied.text
    assert 'data-dry-run="no"' in applied.text
    kaede = yaml.safe_load((profiles / "kaede-unyu.yaml").read_text("utf-8"))
    assert {r["source"] for r in kaede["crm"]} == {"hubspot", "salesforce"}
    assert any(o.get("product") == "route-optimizer" for o in kaede["opportunities"])
    again = client.post(
        "/import/apply", data={"csrf_token": csrf_of(html), "token": token.group(1)}
    )
    assert again.status_code == 404  # a preview is applied once


def test_an_upload_without_a_file_is_refused(client: Any) -> None:
    token = csrf_of(client.get("/import").text)
    response = client.post("/import/preview", data={"csrf_token": token})
    assert response.status_code == 400
    assert "Choose at least one file." in response.text


def test_an_unmapped_title_is_assigned_a_role_from_the_preview(
    client: Any, workspace: Path, tmp_path: Path
) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "Contact ID,Account ID,Account Name,First Name,Last Name,Title\r\n"
        "0035Q,0015Q,Quayside Cold Chain,Priya,Nair,Cold Chain Coordinator\r\n",
        "utf-8",
    )
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "Account ID,Account Name,Industry\r\n0015Q,Quayside Cold Chain,Logistics\r\n"
    )

    preview = _upload(client, [accounts, contacts])

    titles = preview.text.split('data-testid="unmapped-titles"')[1].split("</ul>")[0]
    assert "Cold Chain Coordinator" in titles
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.text)
    assert token is not None
    form = {"csrf_token": csrf_of(preview.text), "token": token.group(1)}

    again = client.post(
        "/import/assign-title", data={**form, "title": "Cold Chain Coordinator", "role": "coo"}
    )

    assert again.status_code == 200
    assert 'data-testid="unmapped-titles"' not in again.text
    assert "+ stakeholder priya-nair (coo)" in again.text
    personas = yaml.safe_load((workspace / "library" / "personas.yaml").read_text("utf-8"))
    assert "Cold\\ Chain\\ Coordinator" in personas["coo"]["title_patterns"]
    assert "# What each stakeholder role cares about" in (
        workspace / "library" / "personas.yaml"
    ).read_text("utf-8")  # comments kept
    applied = client.post("/import/apply", data=form)
    assert applied.status_code == 200
    quayside = yaml.safe_load(
        (workspace / "account_profiles" / "quayside-cold-chain.yaml").read_text()
    )
    assert [(s["name"], s["role"]) for s in quayside["stakeholders"]] == [("Priya Nair", "coo")]
