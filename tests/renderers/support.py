"""Shared set-up of the report renderer tests: the contract workspace and render requests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from abmcontent.context import audiences_for, build_context
from abmcontent.documents import template_path
from abmcontent.loading.workspace import Workspace, load_workspace
from abmcontent.renderers.base import RenderRequest
from tests.contract_data import CONTRACT_DIR

CONTRACT = CONTRACT_DIR
DOCS = ["competitive", "case-study", "briefing", "battlecard"]


def contract_workspace(root: Path) -> Workspace:
    """Copy the contract examples into ``root`` and load them."""
    for item in CONTRACT.iterdir():
        if item.is_dir():
            shutil.copytree(item, root / item.name)
    return load_workspace(root)


def render_request(
    workspace: Workspace, account_id: str, doc: str, fmt: str, **overrides: Any
) -> RenderRequest:
    """The request for ``doc`` of ``account_id`` for its first audience, in ``fmt``."""
    account = workspace.accounts[account_id]
    audience = audiences_for(account, doc)[0]
    context = build_context(
        workspace.library,
        account,
        audience,
        doc=doc,
        root=workspace.root,
        today=dt.date(2026, 11, 25),
    ).data
    context.update(overrides)
    path, name = template_path(workspace.root, doc, fmt, account.locale)
    return RenderRequest(path, context, workspace.root, name)
