"""Tiers, documents and formats are checked before anything runs: a typo exits 2, with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import DATE, abm, tree


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["build", "--tier", "strategc"], "strategic"),
        (["build", "--doc", "proposl"], "proposal"),
        (["build", "--format", "dox"], "docx"),
        (["render", "hokuto-logistics", "--doc", "breifing"], "briefing"),
        (["render", "hokuto-logistics", "--doc", "proposal", "--format", "ppt"], "pptx"),
        (["context", "hokuto-logistics", "--doc", "case-studies"], "case-study"),
        (["score", "--format", "cvs"], "csv"),
        (["schema", "acount"], "account"),
    ],
)
def test_a_typo_exits_2_with_did_you_mean_and_changes_nothing(
    contract_ws: Path, args: list[str], meant: str
) -> None:
    before = tree(contract_ws)
    done = abm(*args, "--workspace", str(contract_ws)) if args[0] != "schema" else abm(*args)
    assert done.code == 2, done.output
    assert "is not a" in done.stderr and f"Did you mean '{meant}'?" in done.stderr
    assert done.stdout == ""
    assert tree(contract_ws) == before  # no output/, no manifest


def test_a_value_like_none_of_the_choices_lists_them_all(contract_ws: Path) -> None:
    done = abm("build", "--tier", "gold", "-w", str(contract_ws))
    assert done.code == 2
    assert "'gold' is not a tier. Choose strategic, lite or programmatic." in done.stderr
    assert "Did you mean" not in done.stderr
    assert not (contract_ws / "output").exists()


def test_valid_choices_select_what_is_built(contract_ws: Path) -> None:
    done = abm("build", "--tier", "lite", "--doc", "proposal", "--format", "pptx", "--dry-run",
               "--date", DATE, "-w", str(contract_ws))  # fmt: skip
    assert done.code == 0, done.output
    planned = [line.split()[-1] for line in done.stdout.splitlines() if line.startswith("would")]
    assert planned and all(p.startswith("output/northwind-health/proposal/") for p in planned)


def test_the_python_api_refuses_an_unknown_tier_too(contract_ws: Path) -> None:
    import abmcontent
    from abmcontent.errors import UsageError

    with pytest.raises(UsageError, match="unknown tier 'strategc'"):
        abmcontent.build(contract_ws, tiers=["strategc"], dry_run=True)
    assert not (contract_ws / "output").exists()


@pytest.mark.parametrize("port", ["0", "65536"])
def test_serve_refuses_a_port_out_of_range(contract_ws: Path, port: str) -> None:
    done = abm("serve", "--port", port, "-w", str(contract_ws))
    assert done.code == 2 and f"--port must be from 1 to 65535, not {port}" in done.stderr
    assert done.stdout == ""
