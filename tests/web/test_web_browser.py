"""End to end in Debian's Chromium (Playwright for Python, no browser download) against
``abmcontent serve`` on 127.0.0.1 and a free port, over a copy of the sample workspace."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import CHROMIUM, CHROMIUM_ARGS, running_server

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(sample_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The server's base URL and its workspace (one server for the module)."""
    root = tmp_path_factory.mktemp("browser") / "ws"
    shutil.copytree(sample_copy, root)
    with running_server(root, "--jobs", "1", "--no-thumbnails") as base:
        yield base, root


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, site: tuple[str, Path]) -> Iterator[Any]:
    context = browser.new_context(
        base_url=site[0],
        locale="en-US",
        accept_downloads=True,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


def test_list_filter_and_open_an_account(page: Any) -> None:
    page.goto("/accounts")
    rows = page.locator("tr[data-account]")
    assert rows.count() == 12
    page.select_option("select[name=tier]", "strategic")  # applies at once
    page.wait_for_url("**/accounts?*tier=strategic*")
    assert 0 < rows.count() < 12
    assert page.locator("tr[data-account] .badge").all_inner_texts() == ["Strategic"] * rows.count()
    page.fill("input[name=q]", "hokuto")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=hokuto*")
    assert rows.count() == 1
    page.click("tr[data-account=hokuto-logistics] a")
    page.wait_for_url("**/accounts/hokuto-logistics")
    group = page.locator("[data-testid=buying-group]")
    assert group.locator(".badge.influence-champion").inner_text() == "Champion"
    assert group.locator(".badge.influence-decision_maker").count() == 2


def test_switch_the_interface_language(page: Any) -> None:
    page.goto("/accounts/hokuto-logistics")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("[data-testid=lang-switch]")
    page.wait_for_function("document.documentElement.lang === 'ja'")
    assert "購買関係者" in page.locator("[data-testid=buying-group] h2").inner_text()
    assert page.url.endswith("/accounts/hokuto-logistics")
    page.click("[data-testid=lang-switch]")
    page.wait_for_function("document.documentElement.lang === 'en'")


def test_edit_a_stakeholder_and_save(page: Any, site: tuple[str, Path]) -> None:
    profile = site[1] / "account_profiles" / "hokuto-logistics.yaml"
    before = profile.read_text(encoding="utf-8")
    page.goto("/accounts/hokuto-logistics/edit")
    card = page.locator("fieldset[data-person=takahashi-yumi]")
    card.locator("input[name$='-title']").fill("取締役 CFO 兼 経営企画本部長")
    card.locator("select[name$='-influence']").select_option("champion")
    page.click(".actions button[value=save]")
    page.wait_for_url("**/accounts/hokuto-logistics?msg=saved")
    assert page.locator(".banner.ok").inner_text() == "Saved."
    person = page.locator("li[data-stakeholder=takahashi-yumi]")
    assert "経営企画本部長" in person.inner_text()
    assert person.locator(".badge").inner_text() == "Champion"
    after = profile.read_text(encoding="utf-8")
    assert after != before
    assert "title: 取締役 CFO 兼 経営企画本部長" in after
    assert "role: ceo                   # persona key in library/personas.yaml" in after
    assert after.startswith("# One target account, one file.")


def test_invalid_input_is_shown_next_to_the_field(page: Any, site: tuple[str, Path]) -> None:
    profile = site[1] / "account_profiles" / "alder-creek-cold-storage.yaml"
    before = profile.read_bytes()
    page.goto("/accounts/alder-creek-cold-storage/edit")
    page.fill("#f-revenue_currency", "DOLLARS")
    page.click(".actions button[value=save]")
    error = page.locator(".field.invalid .field-error")
    assert "ISO 4217" in error.first.inner_text() or "pattern" in error.first.inner_text()
    assert page.locator("[data-testid=form-errors]").is_visible()
    assert page.input_value("#f-revenue_currency") == "DOLLARS"
    assert profile.read_bytes() == before


def test_generate_a_deck_and_download_it(page: Any, tmp_path: Path) -> None:
    from pptx import Presentation

    page.goto("/accounts/hokuto-logistics/documents")
    row = page.locator("#doc-proposal li[data-audience=takahashi-yumi]")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=job][data-state=done]", timeout=90_000)
    row = page.locator("#doc-proposal li[data-audience=takahashi-yumi]")
    link = row.locator("a.download[data-format=pptx]")
    with page.expect_download() as info:
        link.click()
    target = tmp_path / "deck.pptx"
    info.value.save_as(target)
    deck = Presentation(str(target))
    assert len(deck.slides) > 3
    texts = " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes
        if shape.has_text_frame
    )  # fmt: skip
    assert "高橋" in texts
    assert row.locator("details.stories li").count() > 0  # why each story was chosen


def test_batch_build_runs_to_the_end(page: Any, site: tuple[str, Path]) -> None:
    page.goto("/batch")
    page.check("input[name=account][value=alder-creek-cold-storage]")
    page.check("input[name=doc][value=briefing]")
    page.click("form.batch-form button[type=submit]")
    page.wait_for_selector("[data-testid=job][data-state=done]", timeout=90_000)
    counts = page.locator("[data-testid=job] .counts").inner_text()
    assert "2 built" in counts
    out = site[1] / "output" / "alder-creek-cold-storage" / "briefing"
    assert (out / "account.pdf").is_file() and (out / "account.docx").is_file()


def test_a_broken_profile_shows_its_validation_error(page: Any, site: tuple[str, Path]) -> None:
    profile = site[1] / "account_profiles" / "kestrel-outfitters.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("role: cfo", "role: treasurer", 1),
        encoding="utf-8",
    )
    page.goto("/accounts?q=kestrel")
    assert "1 error(s)" in page.locator("tr[data-account=kestrel-outfitters]").inner_text()
    page.click("tr[data-account=kestrel-outfitters] a")
    panel = page.locator("[data-testid=problems]")
    assert "unknown role 'treasurer'" in panel.inner_text()
    assert "stakeholders.2.role" in panel.inner_text()
    flagged = page.locator("li.person.has-problem")
    assert flagged.count() == 1 and "treasurer" in flagged.inner_text()


def test_new_account_form_suggests_the_import_id(page: Any, site: tuple[str, Path]) -> None:
    page.goto("/new-account")
    page.fill("input[name=name]", "株式会社 楓運輸")
    page.locator("input[name=name]").dispatch_event("change")
    expect = sync_api.expect
    # the first suggestion loads the romaniser's dictionary on the server: give it time
    expect(page.locator("input[name=id]")).to_have_value("momiji-unyu", timeout=30_000)
    page.fill("input[name=website]", "https://www.kaede-unyu.co.jp/")
    page.locator("input[name=website]").dispatch_event("change")
    expect(page.locator("input[name=id]")).to_have_value("kaede-unyu")
    page.fill("input[name=id]", "my-own-id")
    page.fill("input[name=name]", "株式会社 楓運輸 本社")
    page.locator("input[name=name]").dispatch_event("change")
    page.wait_for_timeout(300)
    assert page.input_value("input[name=id]") == "my-own-id"
