"""Safe defaults: nothing written outside a workspace, user files never replaced by init,
one-off renders never pruned, and a busy port refused before the server starts."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from pptx import Presentation

from abmcontent.sample import SAMPLE_ROOT
from tests.checkout import COMMAND, checkout_env

from .conftest import DATE, abm, new_file_mode, tree

ONE_OFF = "output/hokuto-logistics/proposal/cfo.pptx"


@pytest.mark.parametrize(
    "args",
    [["build"], ["build", "--dry-run"], ["render", "x", "--doc", "proposal"],
     ["context", "x"]],
)  # fmt: skip
def test_outside_a_workspace_nothing_is_written_and_the_exit_is_1(
    tmp_path: Path, args: list[str]
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8 not really")
    done = abm(*args, cwd=folder)
    assert done.code == 1, done.output
    assert "is not an abmcontent workspace" in done.stderr
    assert "--workspace DIR" in done.stderr and "abmcontent init DIR" in done.stderr
    assert tree(folder) == {"holiday.jpg": b"\xff\xd8 not really"}
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"]


def test_init_force_adds_what_is_missing_and_keeps_every_file_of_yours(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    assert abm("init", str(target)).code == 0
    edited = target / "account_profiles/hokuto-logistics.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    (target / "library/icp.yaml").unlink()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree(target)

    refused = abm("init", str(target))
    assert refused.code == 2 and "is not empty" in refused.stderr
    assert tree(target) == before

    done = abm("init", str(target), "--force")
    assert done.code == 0, done.output
    assert "kept        account_profiles/hokuto-logistics.yaml" in done.stderr
    after = tree(target)
    assert after["account_profiles/hokuto-logistics.yaml"].endswith(b"# my notes\n")
    assert after["notes.txt"] == b"mine"
    assert after["library/icp.yaml"] == (SAMPLE_ROOT / "library/icp.yaml").read_bytes()
    assert {k: v for k, v in after.items() if k != "library/icp.yaml"} == before


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_init_and_import_follow_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "demo"
    assert abm("init", str(target), "-q", umask=umask).code == 0
    files = [p for p in target.rglob("*") if p.is_file()]
    assert {p.stat().st_mode & 0o777 for p in files} == {new_file_mode(umask)}
    folders = [p for p in target.rglob("*") if p.is_dir()]
    assert {p.stat().st_mode & 0o777 for p in folders} == {0o777 & ~umask}
    for profile in (target / "account_profiles").glob("*.yaml"):
        profile.unlink()
    imports = sorted(str(p) for p in (target / "imports").glob("*.csv"))
    done = abm("import", *imports, "-w", str(target), umask=umask)
    assert done.code == 0, done.output
    created = list((target / "account_profiles").glob("*.yaml"))
    assert created
    assert {p.stat().st_mode & 0o777 for p in created} == {new_file_mode(umask)}


def manifest(workspace: Path) -> dict[str, dict[str, object]]:
    data = json.loads((workspace / "output/manifest.json").read_text(encoding="utf-8"))
    return {doc["path"]: doc for doc in data["documents"]}


def test_a_one_off_render_survives_builds(contract_ws: Path) -> None:
    ws = ["-w", str(contract_ws), "--date", DATE]
    made = abm("render", "hokuto-logistics", "--doc", "proposal", "--for", "cfo", *ws)
    assert made.code == 0, made.output
    assert manifest(contract_ws)[ONE_OFF]["one_off"] is True

    dry = abm("build", "--doc", "proposal", "--dry-run", *ws)
    assert f"would keep  {ONE_OFF}" in dry.stdout and f"would prune {ONE_OFF}" not in dry.stdout

    built = abm("build", "--doc", "proposal", "--no-thumbnails", "-v", *ws)
    assert built.code == 0, built.output
    assert f"kept        {ONE_OFF}" in built.stdout and "kept 1 one-off document(s)" in built.stdout
    assert "pruned" not in built.stdout
    entries = manifest(contract_ws)
    assert entries[ONE_OFF]["one_off"] is True
    assert len(Presentation(str(contract_ws / ONE_OFF)).slides) > 0
    stakeholder_decks = [p for p in entries if p.startswith("output/hokuto-logistics/proposal/")]
    assert len(stakeholder_decks) == 5  # four stakeholders, and the one-off deck
    assert all(entries[p]["one_off"] is False for p in stakeholder_decks if p != ONE_OFF)

    (contract_ws / "account_profiles/hokuto-logistics.yaml").unlink()  # the account is gone
    gone = abm("build", "--doc", "proposal", "--no-thumbnails", *ws)
    assert gone.code == 0, gone.output
    assert f"pruned      {ONE_OFF}" in gone.stdout  # said, not silent
    assert not (contract_ws / ONE_OFF).exists() and ONE_OFF not in manifest(contract_ws)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_serve_on_a_busy_port_exits_2_before_printing_the_address(contract_ws: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = abm("serve", "--port", str(port), "-w", str(contract_ws), timeout=60)
    assert done.code == 2
    assert done.stdout == ""
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert f"--port {port + 1}" in done.stderr


def test_serve_answers_on_the_port_it_bound(contract_ws: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [*COMMAND, "serve", "--port", str(port), "--no-thumbnails", "-w", str(contract_ws)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=checkout_env(), text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    body = page.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        assert "hokuto-logistics" in body
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"Open http://127.0.0.1:{port}/" in out

