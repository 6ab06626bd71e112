"""Pages and the profile form over plain HTTP: lists and filters, the account page, edits
written back with comments kept, validation like the CLI's, new accounts, builds."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from abmcontent.loading.workspace import load_workspace
from abmcontent.web.i18n import negotiate

from .conftest import csrf_of, form_fields

PROFILE = "account_profiles/hokuto-logistics.yaml"
EDIT = "/accounts/hokuto-logistics/edit"


def _rows(html: str) -> int:
    return html.count('<tr data-account="')


def test_account_list_filters_and_search(client: Any) -> None:
    assert _rows(client.get("/accounts").text) == 12
    strategic = client.get("/accounts?tier=strategic").text
    assert 0 < _rows(strategic) < 12
    assert 'data-account="hokuto-logistics"' in strategic
    assert 'data-account="alder-creek-cold-storage"' not in strategic
    japanese = client.get("/accounts?locale=ja&industry=logistics").text
    assert _rows(japanese) == 1
    found = client.get("/accounts?q=HOKUTO").text
    assert _rows(found) == 1
    assert "No account matches." in client.get("/accounts?q=zzz-nothing").text


def test_account_list_shows_pipeline_state_and_last_build(client: Any, workspace: Path) -> None:
    profile = workspace / "account_profiles" / "kestrel-outfitters.yaml"
    profile.write_text(profile.read_text().replace("role: cfo", "role: treasurer", 1))
    html = client.get("/accounts").text
    row = html.split('data-account="kestrel-outfitters"')[1].split("</tr>")[0]
    assert "1 error(s)" in row
    row = html.split('data-account="hokuto-logistics"')[1].split("</tr>")[0]
    assert "¥69M" in row and "OK" in row and "Never" in row


def test_account_page_in_both_languages(client: Any) -> None:
    en = client.get("/accounts/hokuto-logistics").text
    assert "Buying group" in en and "Challenges by impact" in en
    assert 'class="badge influence-decision_maker"' in en and "Decision maker" in en
    assert en.index("ラストワンマイル") < en.index("拠点ごとに分断")  # high impact first
    ja = client.get("/accounts/hokuto-logistics", headers={"accept-language": "ja,en;q=0.5"}).text
    assert '<html lang="ja">' in ja and "購買関係者" in ja and "決裁者" in ja
    client.cookies.set("abm_lang", "en")
    assert '<html lang="en">' in client.get("/accounts", headers={"accept-language": "ja"}).text


def test_language_negotiation() -> None:
    assert negotiate(None, "ja-JP,ja;q=0.9,en;q=0.8") == "ja"
    assert negotiate(None, "fr-FR, en;q=0.5, ja;q=0.7") == "ja"
    assert negotiate(None, "de") == "en"
    assert negotiate("ja", "en") == "ja"
    assert negotiate("xx", None) == "en"


def test_broken_profile_shows_each_problem_where_it_is(client: Any, workspace: Path) -> None:
    profile = workspace / "account_profiles" / "kestrel-outfitters.yaml"
    profile.write_text(profile.read_text().replace("role: cfo", "role: treasurer", 1))
    html = client.get("/accounts/kestrel-outfitters").text
    assert 'data-testid="problems"' in html
    assert "unknown role &#39;treasurer&#39;" in html
    card = html.split('class="person has-problem"')[1].split("</li>\n")[0]
    assert "treasurer" in card
    documents = client.get("/accounts/kestrel-outfitters/documents").text
    assert "cannot be made until the errors are fixed" in documents


def test_unparseable_profile_still_has_a_page(client: Any, workspace: Path) -> None:
    (workspace / "account_profiles" / "broken-yaml.yaml").write_text("id: [unclosed\n")
    assert 'data-account="broken-yaml"' in client.get("/accounts").text
    page = client.get("/accounts/broken-yaml")
    assert page.status_code == 200 and 'data-testid="problems"' in page.text
    assert client.get("/accounts/broken-yaml/edit").status_code == 200


def test_editing_a_stakeholder_keeps_comments_and_order(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    before = path.read_text(encoding="utf-8")
    fields = form_fields(client.get(EDIT).text, EDIT)
    assert fields["p-1-name"] == "高橋 由美"
    fields["p-1-title"] = "取締役 CFO 兼 経営企画本部長"
    fields["p-1-priorities"] = "投資回収期間2年以内\n固定費の変動費化\nESG開示"
    response = client.post(EDIT, data=fields)
    assert response.status_code == 303
    assert response.headers["location"] == "/accounts/hokuto-logistics?msg=saved"
    after = path.read_text(encoding="utf-8")
    assert "title: 取締役 CFO 兼 経営企画本部長" in after
    assert "priorities: [投資回収期間2年以内, 固定費の変動費化, ESG開示]" in after
    for line in before.splitlines():  # every comment line and commented value is still there
        if "#" in line and "takahashi" not in line:
            assert line in after, line
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 2  # title and priorities, nothing else moved
    assert not load_workspace(workspace).errors


def test_unchanged_form_writes_nothing(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    fields = form_fields(client.get(EDIT).text, EDIT)
    assert client.post(EDIT, data=fields).status_code == 303
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_invalid_input_reshows_the_form_and_writes_nothing(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    before = path.read_bytes()
    original = form_fields(client.get(EDIT).text, EDIT)
    # references are checked once the fields are valid, as by `abmcontent validate`
    response = client.post(EDIT, data={**original, "p-2-role": "astronaut"})
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    person = response.text.split('data-row="2"')[1].split("</fieldset>")[0]
    assert "unknown role &#39;astronaut&#39;" in person
    assert 'value="astronaut" selected' in person
    fields = dict(original)
    fields["p-0-name"] = ""
    fields["employees"] = "lots"
    fields["revenue_currency"] = "XYZ"
    response = client.post(EDIT, data=fields)
    assert response.status_code == 422
    html = response.text
    assert path.read_bytes() == before
    first = html.split('data-row="0"')[1].split("</fieldset>")[0]
    assert 'class="field-error"' in first
    assert "valid integer" in html.split('id="f-employees"')[1].split("</div>")[0]
    assert "ISO 4217" in html.split('id="f-revenue_currency"')[1].split("</div>")[0]
    assert 'value="lots"' in html  # what was typed is shown again


def test_removing_a_referenced_stakeholder_is_refused(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    before = path.read_bytes()
    fields = form_fields(client.get(EDIT).text, EDIT)
    fields["p-2-remove"] = "1"  # ito-daisuke has engagement records
    response = client.post(EDIT, data=fields)
    assert response.status_code == 422
    assert "&#39;ito-daisuke&#39; is not a stakeholder of this account" in response.text
    assert path.read_bytes() == before


def test_stakeholders_and_challenges_added_and_removed(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    fields = form_fields(client.get(EDIT).text, EDIT)
    added = client.post(EDIT, data={**fields, "action": "add-person"})
    assert added.status_code == 200 and path.read_bytes()  # nothing saved yet
    fields = form_fields(added.text, EDIT)
    new_keys = [k for k in fields if k.endswith("-orig") and not fields[k]]
    assert len(new_keys) == 1
    key = new_keys[0][: -len("orig")]
    fields.update(
        {f"{key}id": "kobayashi-mai", f"{key}name": "小林 真衣", f"{key}role": "cio",
         f"{key}influence": "champion", f"{key}priorities": "データ統合"}
    )  # fmt: skip
    fields["p-0-remove"] = "1"  # sato-kenichi: no engagement refers to him
    fields["c-6-remove"] = "1"  # the third challenge
    response = client.post(EDIT, data=fields)
    assert response.status_code == 303, response.text
    ws = load_workspace(workspace)
    account = ws.accounts["hokuto-logistics"]
    ids = [s.id for s in account.stakeholders]
    assert ids == ["takahashi-yumi", "ito-daisuke", "watanabe-sho", "kobayashi-mai"]
    assert [c.id for c in account.challenges] == ["last-mile-cost", "driver-shortage"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# One target account, one file.")
    assert "impact: high                # high | medium | low" in text
    assert "- id: routemax                # library/competitors/routemax.yaml" in text


def test_a_file_changed_meanwhile_is_not_overwritten(client: Any, workspace: Path) -> None:
    path = workspace / PROFILE
    fields = form_fields(client.get(EDIT).text, EDIT)
    path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
    fields["p-1-title"] = "CFO"
    response = client.post(EDIT, data=fields)
    assert response.status_code == 409
    assert "title: CFO" not in path.read_text(encoding="utf-8")


def test_new_account_from_the_form(client: Any, workspace: Path) -> None:
    fields = form_fields(client.get("/new-account").text, "/new-account")
    fields.update(
        {"id": "minato-foods", "name": "港フーズ株式会社", "locale": "ja", "tier": "lite",
         "industry": "food-and-beverage", "employees": "1,200", "revenue_amount": "3000000000",
         "revenue_currency": "JPY", "p-0-id": "mori-ken", "p-0-name": "森 健",
         "p-0-role": "cfo", "p-0-influence": "decision_maker"}
    )  # fmt: skip
    response = client.post("/new-account", data=fields)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/accounts/minato-foods?msg=created"
    account = load_workspace(workspace).accounts["minato-foods"]
    assert account.employees == 1200 and account.stakeholders[0].role == "cfo"
    assert account.annual_revenue is not None and account.annual_revenue.currency == "JPY"
    again = client.post("/new-account", data=fields)
    assert again.status_code == 422 and "An account with this id exists" in again.text


def test_new_account_with_a_bad_id_writes_nothing(client: Any, workspace: Path) -> None:
    fields = form_fields(client.get("/new-account").text, "/new-account")
    fields.update({"id": "../evil", "name": "Evil", "industry": "retail"})
    response = client.post("/new-account", data=fields)
    assert response.status_code == 422
    assert not (workspace / "evil.yaml").exists()
    assert sorted(p.name for p in (workspace / "account_profiles").iterdir()) == sorted(
        p.name for p in (workspace / "account_profiles").iterdir() if p.suffix == ".yaml"
    )
    assert len(list((workspace / "account_profiles").iterdir())) == 12


def _wait(client: Any, job_url: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get(job_url).json()
        if status["state"] != "running":
            return status
        time.sleep(0.2)
    raise AssertionError("the build did not finish")


def test_generate_one_document_then_download_it(client: Any, workspace: Path) -> None:
    token = csrf_of(client.get("/accounts/alder-creek-cold-storage/documents").text)
    url = "/accounts/alder-creek-cold-storage/documents/briefing/account/generate"
    response = client.post(url, data={"csrf_token": token, "format": "docx"})
    assert response.status_code == 303
    job = response.headers["location"].split("job=")[1].split("#")[0]
    assert _wait(client, f"/jobs/{job}.json")["state"] == "done"
    page = client.get(f"/accounts/alder-creek-cold-storage/documents?job={job}").text
    assert 'data-state="done"' in page
    assert "/download/alder-creek-cold-storage/briefing/account.docx" in page
    file = client.get("/download/alder-creek-cold-storage/briefing/account.docx")
    assert file.status_code == 200 and file.content[:2] == b"PK"
    assert (workspace / "output/alder-creek-cold-storage/briefing/account.docx").is_file()


def test_case_study_reasons_are_shown(client: Any) -> None:
    html = client.get("/accounts/hokuto-logistics/documents").text
    stories = html.split('id="doc-case-study"')[1].split("</section>")[0]
    assert "Why these stories" in stories
    assert '<ul class="reasons"><li>' in stories


def test_batch_of_a_failing_account_reports_the_reason(client: Any, workspace: Path) -> None:
    profile = workspace / "account_profiles" / "kestrel-outfitters.yaml"
    profile.write_text(profile.read_text().replace("role: cfo", "role: treasurer", 1))
    token = csrf_of(client.get("/batch").text)
    response = client.post(
        "/batch",
        data={"csrf_token": token, "account": "kestrel-outfitters", "doc": "briefing"},
    )
    assert response.status_code == 303
    job = response.headers["location"].split("job=")[1]
    assert _wait(client, f"/jobs/{job}.json")["state"] == "failed"
    html = client.get(f"/batch?job={job}").text
    failures = html.split('data-testid="failures"')[1].split("</ul>")[0]
    assert "output/kestrel-outfitters/briefing/account.pdf" in failures
    assert "treasurer" in failures


def test_only_one_build_at_a_time(client: Any) -> None:
    import threading

    gate = threading.Event()
    runner = client.app.state.web.runner

    def slow(status: Any) -> Any:
        from abmcontent.api import BuildReport

        gate.wait(10)
        return BuildReport()

    assert runner.start("batch", slow) is not None
    token = csrf_of(client.get("/batch").text)
    response = client.post("/batch", data={"csrf_token": token})
    assert response.headers["location"] == "/batch?msg=job_busy"
    assert "Another build is running" in client.get("/batch?msg=job_busy").text
    gate.set()
    runner.wait(10)
    assert not runner.busy
