"""What commands print: -q and -v, one report per failing account, a quiet broken pipe."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pptx import Presentation

from abmcontent.documents import DOCUMENTS
from tests.checkout import COMMAND, checkout_env

from .conftest import DATE, abm

HOKUTO = "account_profiles/hokuto-logistics.yaml"
PROPOSAL_CFO = "output/hokuto-logistics/proposal/takahashi-yumi.pptx"


def break_a_role(workspace: Path) -> None:
    profile = workspace / HOKUTO
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("role: cfo", "role: cfoo", 1), encoding="utf-8")


def test_render_quiet_prints_nothing_and_still_writes(contract_ws: Path) -> None:
    done = abm("render", "hokuto-logistics", "--doc", "proposal", "--for", "takahashi-yumi",
               "--date", DATE, "-q", "-w", str(contract_ws))  # fmt: skip
    assert done.code == 0, done.output
    assert done.stdout == "" and done.stderr == ""
    deck = Presentation(str(contract_ws / PROPOSAL_CFO))
    assert len(deck.slides) > 0


def test_render_verbose_adds_info_notices(contract_ws: Path) -> None:
    args = ["render", "hokuto-logistics", "--doc", "proposal", "--for", "takahashi-yumi",
            "--date", DATE, "-w", str(contract_ws)]  # fmt: skip
    plain, verbose = abm(*args), abm(*args, "-v")
    assert plain.code == verbose.code == 0
    assert "info" not in [line.split()[0] for line in plain.stdout.splitlines()]
    assert "info" in [line.split()[0] for line in verbose.stdout.splitlines()]


def test_quiet_and_verbose_together_is_wrong_usage(contract_ws: Path) -> None:
    done = abm("build", "-q", "-v", "-w", str(contract_ws))
    assert done.code == 2 and "--quiet or --verbose" in done.stderr
    assert not (contract_ws / "output").exists()


def test_validate_quiet_prints_only_errors(contract_ws: Path) -> None:
    ok = abm("validate", "-q", "-w", str(contract_ws))
    assert ok.code == 0 and ok.output == ""
    break_a_role(contract_ws)
    bad = abm("validate", "-q", "-w", str(contract_ws))
    assert bad.code == 1 and bad.stdout == ""
    assert "unknown role 'cfoo'" in bad.stderr


def test_one_report_per_failing_account_with_the_documents_not_made(contract_ws: Path) -> None:
    break_a_role(contract_ws)
    documents = sum(len(spec.default_formats) for spec in DOCUMENTS.values())
    for quiet in ([], ["-q"]):
        done = abm("build", "--account", "hokuto-logistics", "--no-thumbnails", "--date", DATE,
                   "-w", str(contract_ws), *quiet)  # fmt: skip
        assert done.code == 1
        failures = [line for line in done.stderr.splitlines() if line.startswith("FAILED")]
        assert len(failures) == 1, done.stderr
        assert failures[0].startswith(
            f"FAILED      hokuto-logistics: {documents} documents not made (")
        assert done.stderr.count("unknown role 'cfoo'") == 1
        assert (done.stdout == "") == bool(quiet)


def run_into_a_closed_pipe(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    """Run with stdout a pipe whose reader is gone (``| head`` that has stopped reading)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run([*COMMAND, *args], cwd=cwd, stdout=writer, stderr=subprocess.PIPE,
                              env=checkout_env(), timeout=300, text=True)  # fmt: skip
    finally:
        os.close(writer)
    return done.returncode, done.stderr


def test_a_broken_pipe_ends_quietly_with_141(sample_ws: Path) -> None:
    for args in (["schema", "library"], ["score", "--date", DATE]):
        code, stderr = run_into_a_closed_pipe(*args, cwd=sample_ws)
        assert (code, stderr) == (141, ""), args


def test_help_into_a_broken_pipe_ends_quietly_as_click_does() -> None:
    assert run_into_a_closed_pipe("build", "--help") == (1, "")


def test_import_quiet_prints_only_the_rows_it_could_not_use(sample_ws: Path) -> None:
    # the sample's exports name two hand-made profiles: those rows are reported, not merged
    exports = sorted(str(p) for p in (sample_ws / "imports").glob("*.csv"))
    loud = abm("import", *exports, "--dry-run", "-w", str(sample_ws))
    quiet = abm("import", *exports, "--dry-run", "-q", "-w", str(sample_ws))
    assert loud.code == quiet.code == 1
    assert "would create" in loud.stdout and quiet.stdout == ""
    assert "same name as the hand-made profile" in quiet.stderr
    assert quiet.stderr == loud.stderr
