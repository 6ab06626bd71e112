"""benchmarks/workspace_gen.py writes big workspaces that validate cleanly."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from abmcontent.loading.workspace import load_workspace

from .conftest import REPO_ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "workspace_gen", REPO_ROOT / "benchmarks" / "workspace_gen.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_workspace_is_valid_and_mixed(tmp_path: Path) -> None:
    root = _generator().generate_workspace(tmp_path / "big", 30, seed=3)
    ws = load_workspace(root)
    assert ws.problems == []
    accounts = list(ws.accounts.values())
    assert len(accounts) == 30
    assert {a.tier for a in accounts} == {"strategic", "lite", "programmatic"}
    assert {a.locale for a in accounts} == {"ja", "en"}
    assert len({a.industry for a in accounts}) >= 5
    assert any(a.logo for a in accounts)
    assert ws.library is not None
    used_roles = {s.role for a in accounts for s in a.stakeholders}
    assert used_roles <= set(ws.library.personas)


def test_generation_is_deterministic_per_seed(tmp_path: Path) -> None:
    gen = _generator()
    a = gen.generate_workspace(tmp_path / "a", 8, seed=1)
    b = gen.generate_workspace(tmp_path / "b", 8, seed=1)
    c = gen.generate_workspace(tmp_path / "c", 8, seed=2)

    def texts(root: Path) -> list[str]:
        return [p.read_text("utf-8") for p in sorted((root / "account_profiles").iterdir())]

    assert texts(a) == texts(b)
    assert texts(a) != texts(c)
