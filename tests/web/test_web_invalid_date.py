"""Issue 17.6: a profile with an invalid date still loads in the edit form; the date is
shown on its row with its problem (not a bare "day is out of range for month") and can be
fixed there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from abmcontent.crm.yamlio import InvalidDate, load_roundtrip

from .conftest import form_fields

PROFILE = "account_profiles/hokuto-logistics.yaml"
EDIT = "/accounts/hokuto-logistics/edit"


def _break_a_date(workspace: Path) -> bytes:
    path = workspace / PROFILE
    text = path.read_text("utf-8")
    assert "  - date: 2026-10-14\n" in text
    path.write_text(text.replace("  - date: 2026-10-14\n", "  - date: 2026-02-30\n", 1), "utf-8")
    return path.read_bytes()


def test_a_bad_date_is_kept_as_written_when_the_yaml_is_edited() -> None:
    text = "id: x   # note\nengagement:\n- date: 2026-02-30\n  kind: call\n"
    doc = load_roundtrip(text)
    assert isinstance(doc.data["engagement"][0]["date"], InvalidDate)
    assert doc.dump() == text


def test_edit_form_of_a_profile_with_an_invalid_date_is_filled(
    client: Any, workspace: Path
) -> None:
    before = _break_a_date(workspace)

    html = client.get(EDIT).text

    fields = form_fields(html, EDIT)
    assert fields["name"] == "北斗ロジスティクス株式会社"
    assert fields["p-1-name"] == "高橋 由美"
    fields["headquarters"] = "東京都江東区新砂"
    response = client.post(EDIT, data=fields)
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    section = response.text.split('data-testid="engagement-section"')[1].split("</section>")[0]
    bad_row = section.split("</fieldset>")[0]
    assert 'value="2026-02-30"' in bad_row  # shown where it is, as written
    assert 'class="field-error"' in bad_row and "valid date" in bad_row
    assert 'value="東京都江東区新砂"' in response.text  # what was typed is shown again
    assert (workspace / PROFILE).read_bytes() == before
    fields = form_fields(response.text, EDIT)
    (date_field,) = [k for k, v in fields.items() if v == "2026-02-30"]
    fields[date_field] = "2026-02-28"  # fixed in the form
    assert client.post(EDIT, data=fields).status_code == 303
    text = (workspace / PROFILE).read_text("utf-8")
    assert "  - date: 2026-02-28\n" in text and "東京都江東区新砂" in text
