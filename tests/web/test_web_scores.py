"""Issue 17.6: scores with the proposed tiers in the web, applied after confirmation, and
pinned tiers that ``--apply`` (web or CLI) leaves alone."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from abmcontent.crm.scorecmd import rank_workspace
from abmcontent.loading.workspace import load_workspace

from .conftest import csrf_of


def _tier(workspace: Path, account_id: str) -> tuple[str, bool]:
    path = workspace / "account_profiles" / f"{account_id}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    return data["tier"], bool(data.get("tier_pinned"))


def _moves(workspace: Path) -> dict[str, str]:
    ranked = rank_workspace(load_workspace(workspace), dt.date.today())[1]
    return {s.account_id: s.proposed_tier for s in ranked if s.proposed_tier != s.current_tier}


def test_scores_page_lists_the_changes_and_applies_them_after_confirmation(
    client: Any, workspace: Path
) -> None:
    moves = _moves(workspace)
    assert moves, "the sample workspace should propose some tier changes"
    html = client.get("/scores").text
    assert html.count('<tr data-account="') == len(load_workspace(workspace).accounts)
    changes = html.split('data-testid="tier-changes"')[1]
    assert f"Tier changes ({len(moves)})" in changes
    for account_id in moves:
        assert f'<li data-account="{account_id}">' in changes
        assert _tier(workspace, account_id)[0] != moves[account_id]  # nothing written yet
    token = re.search(r'name="token" value="([0-9a-f]+)"', html)
    assert token is not None

    response = client.post(
        "/scores/apply", data={"csrf_token": csrf_of(html), "token": token.group(1)}
    )

    assert response.status_code == 303 and response.headers["location"] == "/scores?msg=applied"
    for account_id, tier in moves.items():
        assert _tier(workspace, account_id)[0] == tier
    assert "No tier would change." in client.get("/scores").text


def test_a_confirmation_of_other_changes_than_the_current_ones_writes_nothing(
    client: Any, workspace: Path
) -> None:
    html = client.get("/scores").text
    before = {p.name: p.read_bytes() for p in (workspace / "account_profiles").iterdir()}

    response = client.post("/scores/apply", data={"csrf_token": csrf_of(html), "token": "0" * 16})

    assert response.headers["location"] == "/scores?msg=stale"
    assert "nothing was written" in client.get("/scores?msg=stale").text
    after = {p.name: p.read_bytes() for p in (workspace / "account_profiles").iterdir()}
    assert after == before


def test_a_pinned_tier_is_kept_by_apply(client: Any, workspace: Path) -> None:
    moves = _moves(workspace)
    account_id = sorted(moves)[0]
    tier = _tier(workspace, account_id)[0]
    html = client.get("/scores").text

    pinned = client.post(
        f"/accounts/{account_id}/pin", data={"csrf_token": csrf_of(html), "pinned": "1"}
    )

    assert pinned.status_code == 303
    assert _tier(workspace, account_id) == (tier, True)
    html = client.get("/scores").text
    row = html.split(f'<tr data-account="{account_id}"')[1].split("</tr>")[0]
    assert "Pinned" in row and "Unpin" in row
    assert f'<li data-account="{account_id}">' not in html.split('data-testid="tier-changes"')[1]
    token = re.search(r'name="token" value="([0-9a-f]+)"', html)
    if token is not None:  # other accounts still move
        client.post("/scores/apply", data={"csrf_token": csrf_of(html), "token": token.group(1)})
    assert _tier(workspace, account_id) == (tier, True)

    client.post(f"/accounts/{account_id}/pin", data={"csrf_token": csrf_of(html), "pinned": "0"})
    assert _tier(workspace, account_id) == (tier, False)
    assert "tier_pinned" not in (workspace / "account_profiles" / f"{account_id}.yaml").read_text(
        "utf-8"
    )
