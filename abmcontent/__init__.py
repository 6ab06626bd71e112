"""abmcontent: account-based marketing content from profiles, a library and templates.

The public API mirrors the CLI::

    import abmcontent
    ws = abmcontent.load_workspace("demo")
    ctx = abmcontent.build_context(ws.library, ws.accounts["hokuto-logistics"], audience, ...)
    abmcontent.render("demo", "hokuto-logistics", doc="proposal")
    abmcontent.build("demo", jobs=2)

Names are imported lazily so that ``import abmcontent`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "load_workspace": "abmcontent.loading.workspace",
    "Workspace": "abmcontent.loading.workspace",
    "build_context": "abmcontent.context",
    "audiences_for": "abmcontent.context",
    "Audience": "abmcontent.context",
    "RenderContext": "abmcontent.context",
    "init_workspace": "abmcontent.sample",
    "validate": "abmcontent.api",
    "render": "abmcontent.api",
    "build": "abmcontent.api",
    "BuildReport": "abmcontent.api",
    "schema": "abmcontent.schema",
    "AbmError": "abmcontent.errors",
    "InputError": "abmcontent.errors",
    "TemplateError": "abmcontent.errors",
    "RenderError": "abmcontent.errors",
    "UsageError": "abmcontent.errors",
    "Problem": "abmcontent.errors",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'abmcontent' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
