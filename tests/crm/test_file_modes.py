"""Hardening 2, item 18: profiles written by import and score get the umask's permissions."""

from __future__ import annotations

import stat
from pathlib import Path

from typer.testing import CliRunner

from abmcontent.cli import app

HEADER = "Record ID,Company name,Industry,Number of Employees,Website URL\r\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_imported_profiles_follow_the_umask(workspace: Path, tmp_path: Path, umask: int) -> None:
    export = tmp_path / "companies.csv"
    export.write_text(HEADER + "1,Minato Foods,Logistics,120,minato.example\r\n", "utf-8")
    done = CliRunner().invoke(app, ["import", str(export), "-w", str(workspace)])
    assert done.exit_code == 0, done.output
    created = workspace / "account_profiles" / "minato.yaml"
    assert created.is_file(), sorted(p.name for p in created.parent.iterdir())
    assert mode(created) == 0o666 & ~umask  # not 0600


def test_a_merged_profile_follows_the_umask(workspace: Path, tmp_path: Path, umask: int) -> None:
    export = tmp_path / "companies.csv"
    export.write_text(HEADER + "1,Minato Foods,Logistics,120,minato.example\r\n", "utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(export), "-w", str(workspace)]).exit_code == 0
    profile = workspace / "account_profiles" / "minato.yaml"
    profile.chmod(0o600)
    export.write_text(HEADER + "1,Minato Foods,Logistics,340,minato.example\r\n", "utf-8")
    done = runner.invoke(app, ["import", str(export), "-w", str(workspace)])
    assert done.exit_code == 0, done.output
    assert "340" in profile.read_text(encoding="utf-8")
    assert mode(profile) == 0o666 & ~umask
