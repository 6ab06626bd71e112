"""The no-op fast path of ``abmcontent build``: skipped only when truly nothing changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent import build_snapshot
from abmcontent.cli import app
from tests.checkout import checkout_env

from .conftest import TODAY, build, manifest

ARGS = ["--jobs", "1", "--no-thumbnails", "--date", TODAY.isoformat()]


def age_inputs(root: Path, seconds: int = 3600) -> None:
    """Make every file outside output/ look edited long ago (outside the racy window)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file() and "output" not in path.relative_to(root).parts:
            os.utime(path, (past, past))


def cli_build(root: Path, *extra: str) -> tuple[int, str]:
    """Run ``abmcontent build`` in this process; exit code and stdout."""
    done = CliRunner().invoke(app, ["build", "-w", str(root), *ARGS, *extra])
    return done.exit_code, done.stdout


@pytest.fixture
def built(workspace: Path, fake_renderers: list[str]) -> Path:
    """A workspace built once through the CLI, with old inputs, so a snapshot was saved."""
    age_inputs(workspace)
    code, out = cli_build(workspace)
    assert code == 0, out
    assert build_snapshot.snapshot_path(workspace).is_file()
    fake_renderers.clear()
    return workspace


def test_an_unchanged_workspace_is_reported_without_rendering_or_checking_each_document(
    built: Path, fake_renderers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import abmcontent.api

    def no_full_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fast path should have answered")

    monkeypatch.setattr(abmcontent.api, "build", no_full_build)
    code, out = cli_build(built)
    assert code == 0
    assert f"0 built, {len(manifest(built))} up to date, 0 failed" in out
    assert f"index: {built / 'output' / 'index.html'}" in out
    assert fake_renderers == []


def _edit_case_study(root: Path) -> None:
    study = sorted((root / "library/case_studies").glob("*.yaml"))[0]
    study.write_text(study.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def _add_template_partial(root: Path) -> None:
    (root / "templates/_extra.html").write_text("<p>extra</p>\n", encoding="utf-8")


def _touch_profile(root: Path) -> None:
    os.utime(sorted((root / "account_profiles").glob("*.yaml"))[0])  # same bytes, new mtime


def _restore_an_older_copy(root: Path) -> None:
    """Replace a profile by a same-size copy that keeps the old mtime (``cp -p``)."""
    profile = sorted((root / "account_profiles").glob("*.yaml"))[0]
    text = profile.read_text(encoding="utf-8")
    stat = profile.stat()
    changed = re.sub(r"^name: [A-Za-z]", "name: Q", text, count=1, flags=re.M)
    assert changed != text
    profile.write_text(changed, encoding="utf-8")
    os.utime(profile, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert profile.stat().st_size == stat.st_size and profile.stat().st_mtime_ns == stat.st_mtime_ns


def _delete_output(root: Path) -> None:
    next(iter(manifest(root)))
    (root / next(iter(manifest(root)))).unlink()


def _overwrite_output(root: Path) -> None:
    (root / next(iter(manifest(root)))).write_bytes(b"tampered")


@pytest.mark.parametrize(
    "change",
    [
        _edit_case_study,
        _add_template_partial,
        _touch_profile,
        _restore_an_older_copy,
        _delete_output,
        _overwrite_output,
    ],
)
def test_any_change_to_inputs_or_outputs_goes_through_the_incremental_build(
    built: Path, fake_renderers: list[str], change: Callable[[Path], None]
) -> None:
    change(built)
    code, out = cli_build(built)
    assert code == 0, out
    assert "docs/s" in out or "0 built" in out  # the full build ran (progress lines)
    assert "to build" in out  # only the full build prints its plan
    if change in (_delete_output, _overwrite_output):
        assert fake_renderers, "the damaged document must be made again"
    if change is _edit_case_study:
        assert fake_renderers, "documents using the edited story must be made again"


@pytest.mark.parametrize(
    "extra", [["--date", "2026-05-01"], ["--account", "sakura-mart"], ["--thumbnails"], ["--force"]]
)
def test_other_arguments_are_not_answered_from_the_snapshot(
    built: Path, fake_renderers: list[str], extra: list[str]
) -> None:
    code, out = cli_build(built, *extra)
    assert code == 0, out
    assert "to build" in out


def test_bad_usage_is_refused_even_when_nothing_changed(
    built: Path, fake_renderers: list[str]
) -> None:
    assert cli_build(built, "--jobs", "0")[0] == 2
    assert cli_build(built, "--date", "someday")[0] == 2


def test_a_dry_run_neither_uses_nor_drops_the_snapshot(
    built: Path, fake_renderers: list[str]
) -> None:
    code, out = cli_build(built, "--dry-run")
    assert code == 0 and "dry run: 0 to build" in out
    assert build_snapshot.snapshot_path(built).is_file()


def test_a_failed_build_or_an_api_build_leaves_no_snapshot(
    built: Path, fake_renderers: list[str]
) -> None:
    build(built, accounts=["sakura-mart"], force=True)  # the API changes outputs
    assert not build_snapshot.snapshot_path(built).exists()
    code, _ = cli_build(built)
    assert code == 0 and build_snapshot.snapshot_path(built).is_file()
    profile = built / "account_profiles/sakura-mart.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\nbogus_field: 1\n", encoding="utf-8")
    age_inputs(built)
    code, _ = cli_build(built)
    assert code == 1
    assert not build_snapshot.snapshot_path(built).exists()


def test_a_linked_folder_is_watched_through_the_link_and_a_link_loop_ends(
    built: Path, fake_renderers: list[str], tmp_path: Path
) -> None:
    shared = tmp_path / "shared-assets"
    shared.mkdir()
    (shared / "note.txt").write_text("v1", encoding="utf-8")
    (shared / "loop").symlink_to(shared)
    (built / "assets" / "shared").symlink_to(shared)
    age_inputs(built)
    os.utime(shared / "note.txt", (time.time() - 3600,) * 2)
    assert cli_build(built)[0] == 0  # the link is new: checked, then a snapshot saved
    assert build_snapshot.snapshot_path(built).is_file()
    assert "to build" not in cli_build(built)[1]  # answered from the snapshot
    (shared / "note.txt").write_text("v2, longer", encoding="utf-8")
    assert "to build" in cli_build(built)[1]  # a change behind the link is seen


def test_inputs_edited_just_before_the_build_are_too_recent_to_trust(
    workspace: Path, fake_renderers: list[str]
) -> None:
    age_inputs(workspace)
    os.utime(workspace / "library/seller.yaml")  # now: inside the racy window
    code, out = cli_build(workspace)
    assert code == 0, out
    assert not build_snapshot.snapshot_path(workspace).exists()
    age_inputs(workspace)
    code, out = cli_build(workspace)
    assert code == 0 and "0 built" in out
    assert build_snapshot.snapshot_path(workspace).is_file()  # the next good build saves it


def test_a_fresh_process_answers_without_loading_models_or_renderers(workspace: Path) -> None:
    age_inputs(workspace)
    command = [sys.executable, "-m", "abmcontent", "build", "-w", str(workspace), *ARGS]
    selection = ["--account", "sakura-mart", "--doc", "proposal"]
    first = subprocess.run([*command, *selection], capture_output=True, text=True, timeout=300,
                           env=checkout_env())
    assert first.returncode == 0, first.stderr[-2000:]
    probe = f"""
import sys
from abmcontent.cli import app
try:
    app({["build", "-w", str(workspace), *ARGS, *selection]!r})
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = ("yaml", "pptx", "docx", "lxml", "weasyprint", "jinja2", "multiprocessing")
mine = ("abmcontent.api", "abmcontent.models", "abmcontent.loading", "abmcontent.renderers")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy or m.startswith(mine))
print("loaded:", loaded)
"""
    second = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
        env=checkout_env(),
    )
    assert second.returncode == 0, second.stderr[-2000:]
    planned = [p for p in manifest(workspace) if p.startswith("output/sakura-mart/proposal/")]
    assert planned
    assert f"0 built, {len(planned)} up to date, 0 failed" in second.stdout
    assert "loaded: []" in second.stdout


def test_outputs_get_the_permissions_of_a_plainly_created_file(built: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    for relative in [*manifest(built), "output/manifest.json", "output/index.html"]:
        mode = (built / relative).stat().st_mode & 0o777
        assert mode == 0o666 & ~umask, f"{relative}: {oct(mode)}"
