"""Issue 17.6: a document shows the reasons stored when it was built, and says when its
inputs changed since (the "out of date" badge)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .conftest import csrf_of

PAGE = "/accounts/hokuto-logistics/documents"
SAME_INDUSTRY = "同じ物流業界の事例です"


def _audience(html: str, doc: str, audience: str) -> str:
    section = html.split(f'id="doc-{doc}"')[1].split("</section>")[0]
    return section.split(f'data-audience="{audience}"')[1].split("</li>\n  {")[0].split(
        'class="generate"'
    )[0]


def _build(client: Any, doc: str, audience: str, fmt: str) -> None:
    token = csrf_of(client.get(PAGE).text)
    url = f"{PAGE}/{doc}/{audience}/generate"
    response = client.post(url, data={"csrf_token": token, "format": fmt})
    assert response.status_code == 303
    job = response.headers["location"].split("job=")[1].split("#")[0]
    for _ in range(600):
        status = client.get(f"/jobs/{job}.json").json()
        if status["state"] != "running":
            assert status["state"] == "done", status
            return
        time.sleep(0.2)
    raise AssertionError("the build did not finish")


def test_built_document_keeps_its_reasons_and_is_flagged_out_of_date_after_an_edit(
    client: Any, workspace: Path
) -> None:
    before = _audience(client.get(PAGE).text, "case-study", "ito-daisuke")
    assert "Not built yet: the stories a build would choose now." in before

    _build(client, "case-study", "ito-daisuke", "docx")

    manifest = json.loads((workspace / "output" / "manifest.json").read_text("utf-8"))
    (entry,) = [d for d in manifest["documents"] if d["audience"] == "ito-daisuke"]
    assert "account_profiles/hokuto-logistics.yaml" in entry["source_hashes"]
    assert any(SAME_INDUSTRY in s["reasons"] for s in entry["stories"])
    built = _audience(client.get(PAGE).text, "case-study", "ito-daisuke")
    assert "As recorded when the document was built." in built
    assert SAME_INDUSTRY in built
    assert 'data-testid="out-of-date"' not in built

    profile = workspace / "account_profiles" / "hokuto-logistics.yaml"
    text = profile.read_text("utf-8")
    assert "\nindustry: logistics" in text
    profile.write_text(text.replace("\nindustry: logistics", "\nindustry: retail", 1), "utf-8")

    after = _audience(client.get(PAGE).text, "case-study", "ito-daisuke")
    assert 'data-testid="out-of-date"' in after and "Out of date" in after
    assert "Changed since it was built: account_profiles/hokuto-logistics.yaml" in after
    assert SAME_INDUSTRY in after  # the reasons of the built document, not recomputed
    other = _audience(client.get(PAGE).text, "case-study", "sato-kenichi")
    assert SAME_INDUSTRY not in other  # not built: recomputed from the edited profile
