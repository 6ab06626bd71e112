"""Issue 17.6 end to end in Chromium: upload an import, apply tiers after confirmation, pin
a tier, and edit a profile that holds an invalid date."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.crm.exports import HUBSPOT, SF_PRODUCTS

from .browser import CHROMIUM, running_server
from .test_web_browser import browser, page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api")
__all__ = ["browser", "page"]  # the fixtures of the browser suite, with this module's site


@pytest.fixture(scope="module")
def site(sample_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of its own: these tests change profiles and the library."""
    root = tmp_path_factory.mktemp("browser-crm") / "ws"
    shutil.copytree(sample_copy, root)
    with running_server(root, "--jobs", "1", "--no-thumbnails") as base:
        yield base, root


def _profile(root: Path, account_id: str) -> dict[str, Any]:
    text = (root / "account_profiles" / f"{account_id}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_upload_an_import_preview_and_apply_it(page: Any, site: tuple[str, Path]) -> None:
    root = site[1]
    page.goto("/import")
    page.set_input_files("input[name=file]", [str(p) for p in HUBSPOT])
    page.set_input_files("input[name=mapping]", str(SF_PRODUCTS))
    page.click("[data-testid=import-preview]")
    report = page.locator("[data-testid=import-report][data-dry-run=yes]")
    sync_api.expect(report).to_contain_text("companies.csv: HubSpot accounts, 4 row(s)")
    assert report.locator("li[data-account=kaede-unyu][data-status=created]").count() == 1
    assert not (root / "account_profiles" / "kaede-unyu.yaml").exists()
    page.click("[data-testid=import-apply]")
    sync_api.expect(page.locator("[data-testid=import-report][data-dry-run=no]")).to_be_visible()
    kaede = _profile(root, "kaede-unyu")
    assert kaede["crm"]["source"] == "hubspot" and len(kaede["stakeholders"]) == 2


def test_pin_a_tier_then_apply_the_other_tier_changes(page: Any, site: tuple[str, Path]) -> None:
    root = site[1]
    page.goto("/scores")
    moving = page.locator("[data-testid=tier-changes] li[data-account]")
    assert moving.count() >= 2
    pinned_id = moving.first.get_attribute("data-account")
    other_id = moving.nth(1).get_attribute("data-account")
    tier = _profile(root, pinned_id)["tier"]
    page.click(f"[data-testid=pin-{pinned_id}]")
    page.wait_for_url("**/scores")
    row = page.locator(f"tr[data-account={pinned_id}]")
    sync_api.expect(row).to_contain_text("Pinned")
    assert page.locator(f"[data-testid=tier-changes] li[data-account={pinned_id}]").count() == 0
    other_tier = _profile(root, other_id)["tier"]
    page.click("[data-testid=apply-tiers]")
    page.wait_for_url("**/scores?msg=applied")
    sync_api.expect(page.locator("[data-testid=scores-outcome]")).to_contain_text("written")
    assert _profile(root, pinned_id)["tier"] == tier
    assert _profile(root, pinned_id)["tier_pinned"] is True
    assert _profile(root, other_id)["tier"] != other_tier


def test_a_profile_with_an_invalid_date_loads_in_the_edit_form(
    page: Any, site: tuple[str, Path]
) -> None:
    path = site[1] / "account_profiles" / "hokuto-logistics.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  - date: 2026-10-14\n", "  - date: 2026-02-30\n", 1), "utf-8")
    page.goto("/accounts/hokuto-logistics/edit")
    sync_api.expect(page.locator("input[name=name]")).to_have_value("北斗ロジスティクス株式会社")
    page.fill("input[name=headquarters]", "東京都江東区新砂")
    page.click("form.profile-form button.primary[value=save]")
    bad = page.locator("[data-testid=engagement-section] fieldset.row-card").first
    sync_api.expect(bad.locator(".field-error")).to_contain_text("date")
    assert "2026-02-30" in path.read_text("utf-8")
    assert "新砂" not in path.read_text("utf-8")
    bad.locator("input[name$=-date]").fill("2026-02-28")  # fixed in place
    page.click("form.profile-form button.primary[value=save]")
    page.wait_for_url("**/accounts/hokuto-logistics?msg=saved")
    assert "date: 2026-02-28" in path.read_text("utf-8")
    assert "新砂" in path.read_text("utf-8")


def test_edit_each_new_section_in_the_browser(page: Any, site: tuple[str, Path]) -> None:
    page.goto("/accounts/sakura-mart/edit")
    goals = page.locator("[data-testid=goals-section] textarea")
    goals.fill(goals.input_value() + "\n店舗在庫の見える化")
    opportunities = page.locator("[data-testid=opportunities-section]")
    page.click("button[value=add-opportunities]")
    new_deal = opportunities.locator("fieldset.row-card").last
    new_deal.locator("input[name$=-name]").fill("需要予測 PoC")
    new_deal.locator("select[name$=-stage]").select_option("proposal")
    new_deal.locator("input[name$=-value_amount]").fill("9,600,000")
    new_deal.locator("input[name$=-value_currency]").fill("JPY")
    page.click("button[value=add-competitors]")
    rival = page.locator("[data-testid=competitors-section] fieldset.row-card").last
    rival.locator("select[name$=-id]").select_option("routemax")
    rival.locator("select[name$=-status]").select_option("evaluating")
    page.click("button[value=add-engagement]")
    touch = page.locator("[data-testid=engagement-section] fieldset.row-card").last
    touch.locator("input[name$=-date]").fill("2026-11-20")
    touch.locator("select[name$=-kind]").select_option("meeting")
    touch.locator("input[name$=-summary]").fill("需要予測の打ち合わせ")
    page.check("input[name=tier_pinned]")
    page.click("form.profile-form button.primary[value=save]")
    page.wait_for_url("**/accounts/sakura-mart?msg=saved")
    data = _profile(site[1], "sakura-mart")
    assert data["business_goals"][-1] == "店舗在庫の見える化"
    assert data["opportunities"][-1]["value"] == {"amount": 9600000, "currency": "JPY"}
    assert data["competitors"][-1] == {"id": "routemax", "status": "evaluating"}
    assert data["engagement"][-1]["summary"] == "需要予測の打ち合わせ"
    assert data["tier_pinned"] is True
