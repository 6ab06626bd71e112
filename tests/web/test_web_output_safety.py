"""Hardening 2, items 1 and 3 through the web: the generate button follows no planted link
and never runs beside another build of the workspace."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.checkout import checkout_env

from .conftest import csrf_of, make_client

ACCOUNT = "alder-creek-cold-storage"
PAGE = f"/accounts/{ACCOUNT}/documents"
GENERATE = f"{PAGE}/briefing/account/generate"


def _generate(client: Any) -> str:
    token = csrf_of(client.get(PAGE).text)
    response = client.post(GENERATE, data={"csrf_token": token, "format": "docx"})
    assert response.status_code == 303
    job: str = response.headers["location"].split("job=")[1].split("#")[0]
    client.app.state.web.runner.wait(120)
    return job


def _state(client: Any, job: str) -> str:
    state: str = client.get(f"/jobs/{job}.json").json()["state"]
    return state


def test_generate_with_a_thumbs_link_to_the_profiles_deletes_and_writes_nothing_there(
    workspace: Path,
) -> None:
    profiles = workspace / "account_profiles"
    before = {p.name: p.read_bytes() for p in profiles.iterdir()}
    (workspace / "output").mkdir(exist_ok=True)
    (workspace / "output" / ".thumbs").symlink_to(Path("..") / "account_profiles")
    with make_client(workspace, thumbnails=True) as client:
        job = _generate(client)
        assert _state(client, job) == "error"
        assert "output/.thumbs is a symbolic link" in client.get(f"{PAGE}?job={job}").text
    assert {p.name: p.read_bytes() for p in profiles.iterdir()} == before


def test_generate_while_another_process_builds_is_refused_with_its_pid(workspace: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from abmcontent.build_lock import build_lock\n"
         f"with build_lock(Path({str(workspace)!r})):\n"
         "    print('held', flush=True); sys.stdin.read()"],
        env=checkout_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with make_client(workspace) as client:
            job = _generate(client)
            assert _state(client, job) == "error"
            page = client.get(f"{PAGE}?job={job}").text
            assert f"a build is running in this workspace (pid {holder.pid})" in page
            assert not (workspace / "output" / ACCOUNT).exists()
            holder.communicate("", timeout=60)  # the other build ends
            deadline = time.monotonic() + 60
            while (workspace / "output" / ".build.lock").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            job = _generate(client)
            assert _state(client, job) == "done"
    finally:
        holder.kill()
        holder.communicate()
    assert (workspace / "output" / ACCOUNT / "briefing" / "account.docx").is_file()


def test_a_never_ending_template_can_be_cancelled_and_the_next_build_runs(
    workspace: Path,
) -> None:
    hostile = workspace / "templates" / "briefing.html"
    hostile.parent.mkdir(exist_ok=True)
    hostile.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    with make_client(workspace) as client:
        token = csrf_of(client.get(PAGE).text)
        response = client.post(GENERATE, data={"csrf_token": token, "format": "pdf"})
        job = response.headers["location"].split("job=")[1].split("#")[0]
        assert _state(client, job) == "running"
        page = client.get(f"{PAGE}?job={job}").text
        assert f'action="/jobs/{job}/cancel"' in page
        stop = client.post(f"/jobs/{job}/cancel", data={"csrf_token": csrf_of(page)})
        assert stop.status_code == 303 and stop.headers["location"] == f"{PAGE}?job={job}"
        client.app.state.web.runner.wait(60)
        assert _state(client, job) == "cancelled"
        assert "Stopped (the documents already finished are kept)" in client.get(
            f"{PAGE}?job={job}", headers={"accept-language": "en"}).text
        assert not list((workspace / "output").rglob("*.tmp"))
        hostile.unlink()
        job = _generate(client)  # no restart needed
        assert _state(client, job) == "done"


def test_cancelling_needs_the_csrf_token_and_a_known_build(workspace: Path) -> None:
    with make_client(workspace) as client:
        assert client.post("/jobs/1/cancel", data={}).status_code == 403
        token = csrf_of(client.get(PAGE).text)
        assert client.post("/jobs/99/cancel", data={"csrf_token": token}).status_code == 404
