"""Hardening 2, item 18: profiles the web editor writes get the umask's permissions."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from .conftest import form_fields

EDIT = "/accounts/hokuto-logistics/edit"


def test_an_edited_and_a_new_profile_follow_the_umask(
    client: Any, workspace: Path, umask: int
) -> None:
    fields = form_fields(client.get(EDIT).text, EDIT)
    fields["p-1-title"] = "CFO"
    assert client.post(EDIT, data=fields).status_code == 303
    edited = workspace / "account_profiles" / "hokuto-logistics.yaml"
    assert "title: CFO" in edited.read_text(encoding="utf-8")
    assert stat.S_IMODE(edited.stat().st_mode) == 0o666 & ~umask
    fields = form_fields(client.get("/new-account").text, "/new-account")
    fields.update({"id": "minato-foods", "name": "Minato Foods", "locale": "en",
                   "tier": "programmatic", "industry": "logistics"})  # fmt: skip
    assert client.post("/new-account", data=fields).status_code == 303
    created = workspace / "account_profiles" / "minato-foods.yaml"
    assert stat.S_IMODE(created.stat().st_mode) == 0o666 & ~umask
