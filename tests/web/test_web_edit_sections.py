"""Issue 17.6: the edit form covers business goals, opportunities, competitors, engagement,
the logo and the pinned tier, written back in place like the other fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from abmcontent.loading.workspace import load_workspace

from .conftest import form_fields

PROFILE = "account_profiles/hokuto-logistics.yaml"
EDIT = "/accounts/hokuto-logistics/edit"


def _rows(fields: dict[str, str], kind: str) -> list[str]:
    """The prefixes (``o-7-``) of the rows of one kind, in form order."""
    keys = {k.split("-")[1] for k in fields if k.startswith(f"{kind}-") and k.endswith("-orig")}
    return [f"{kind}-{key}-" for key in sorted(keys, key=int)]


def _data(workspace: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((workspace / PROFILE).read_text("utf-8"))
    return loaded


def test_every_sample_profile_saves_unchanged(client: Any, workspace: Path) -> None:
    for path in sorted((workspace / "account_profiles").glob("*.yaml")):
        url = f"/accounts/{path.stem}/edit"
        before = path.read_bytes()
        response = client.post(url, data=form_fields(client.get(url).text, url))
        assert response.status_code == 303, (path.name, response.text[-2000:])
        assert path.read_bytes() == before, path.name


def test_each_new_section_is_edited_and_written_back(client: Any, workspace: Path) -> None:
    before = (workspace / PROFILE).read_text("utf-8")
    fields = form_fields(client.get(EDIT).text, EDIT)
    opp, _ = _rows(fields, "o")
    (rival,) = _rows(fields, "k")
    first_touch, _ = _rows(fields, "e")
    assert fields["revenue_amount"] == "245,000,000,000"  # money shown with separators
    assert fields[f"{opp}value_amount"] == "48,000,000"
    fields["business_goals"] += "\n物流DXで荷主満足度を高める"
    fields[f"{opp}stage"] = "negotiation"
    fields[f"{opp}value_amount"] = "52,000,000"
    fields[f"{opp}close_date"] = "2027-03-31"
    fields[f"{rival}status"] = "evaluating"
    fields[f"{first_touch}summary"] = "国際物流総合展でデモを体験（伊藤様）"
    fields["logo"] = "assets/logos/sakura-mart.png"
    fields["tier_pinned"] = "1"

    response = client.post(EDIT, data=fields)

    assert response.status_code == 303, response.text[-3000:]
    data = _data(workspace)
    assert data["business_goals"][-1] == "物流DXで荷主満足度を高める"
    assert len(data["business_goals"]) == 4
    first = data["opportunities"][0]
    assert (first["stage"], first["value"], first["close_date"]) == (
        "negotiation",
        {"amount": 52000000, "currency": "JPY"},
        dt.date(2027, 3, 31),
    )
    assert data["competitors"][0]["status"] == "evaluating"
    assert data["engagement"][0]["summary"] == "国際物流総合展でデモを体験（伊藤様）"
    assert (data["logo"], data["tier_pinned"]) == ("assets/logos/sakura-mart.png", True)
    after = (workspace / PROFILE).read_text("utf-8")
    for line in before.splitlines():  # comments stay
        if line.lstrip().startswith("#"):
            assert line in after, line
    assert not [p for p in load_workspace(workspace).errors if p.file == PROFILE]


def test_rows_are_added_and_a_bad_date_is_shown_on_its_row(client: Any, workspace: Path) -> None:
    before = (workspace / PROFILE).read_bytes()
    fields = form_fields(client.get(EDIT).text, EDIT)
    added = client.post(EDIT, data={**fields, "action": "add-engagement"})
    assert added.status_code == 200
    fields = form_fields(added.text, EDIT)
    new_row = _rows(fields, "e")[-1]
    assert fields[f"{new_row}orig"] == ""
    fields.update(
        {f"{new_row}date": "2026-11-31", f"{new_row}kind": "call", f"{new_row}summary": "架電"}
    )

    refused = client.post(EDIT, data=fields)

    assert refused.status_code == 422
    row = refused.text.split(f'name="{new_row}orig"')[1].split("</fieldset>")[0]
    assert 'class="field-error"' in row and "date" in row
    assert (workspace / PROFILE).read_bytes() == before
    fields[f"{new_row}date"] = "2026-11-30"
    assert client.post(EDIT, data=fields).status_code == 303
    last = _data(workspace)["engagement"][-1]
    assert last == {"date": dt.date(2026, 11, 30), "kind": "call", "summary": "架電"}
    added = client.post(
        EDIT, data={**form_fields(client.get(EDIT).text, EDIT), "action": "add-opportunities"}
    )
    fields = form_fields(added.text, EDIT)
    deal = _rows(fields, "o")[-1]
    fields.update({f"{deal}name": "WMS連携", f"{deal}stage": "discovery"})
    assert client.post(EDIT, data=fields).status_code == 303
    assert _data(workspace)["opportunities"][-1] == {"name": "WMS連携", "stage": "discovery"}
