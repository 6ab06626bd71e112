"""A plain (non-editable) install carries everything `init`, the renderers and the web need."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


TOP_LEVEL_SKIPPED = {".git", "build", "dist", "output", "sample", "demo", ".venv"}


def _skip_generated(folder: str, names: list[str]) -> set[str]:
    """Leave out VCS data, build products and generated workspaces when copying the tree."""
    top = {n for n in names if n in TOP_LEVEL_SKIPPED} if Path(folder) == ROOT else set()
    return top | {n for n in names if n == "__pycache__" or n.endswith((".egg-info", "_cache"))}


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # build from a private copy: setuptools writes build/ into the source tree, and test
    # workers building at the same time would collide there
    source = tmp_path_factory.mktemp("source") / "abmcontent"
    shutil.copytree(ROOT, source, ignore=_skip_generated)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = out.glob("abmcontent-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_has_the_default_templates(wheel_names: set[str]) -> None:
    package_templates = {
        p.name
        for p in (ROOT / "abmcontent" / "templates").iterdir()
        if p.is_file() and not p.name.startswith(".")
    }
    assert package_templates >= {"proposal.pptx", "briefing.html", "competitive.docx"}
    for name in package_templates:
        assert f"abmcontent/templates/{name}" in wheel_names


def test_the_wheel_has_the_whole_sample_workspace(wheel_names: set[str]) -> None:
    sample = ROOT / "abmcontent" / "sample" / "workspace"
    files = [p for p in sample.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) > 30
    for path in files:
        assert f"abmcontent/{path.relative_to(ROOT / 'abmcontent').as_posix()}" in wheel_names


def test_the_wheel_has_the_web_pages_and_assets(wheel_names: set[str]) -> None:
    web = ROOT / "abmcontent" / "web"
    for folder in ("templates", "static"):
        for path in (web / folder).iterdir():
            assert f"abmcontent/web/{folder}/{path.name}" in wheel_names
    assert "abmcontent/py.typed" in wheel_names
