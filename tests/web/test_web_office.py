"""The web server's long-lived LibreOffice: started once by the first job, kept, then stopped."""

from __future__ import annotations

import pytest

from abmcontent.renderers import office_server
from abmcontent.renderers.office_pdf import find_soffice
from abmcontent.web.office import WebOffice


@pytest.mark.skipif(
    find_soffice() is None or office_server.uno_python() is None,
    reason="LibreOffice and a Python with its uno module are needed",
)
def test_the_first_job_starts_it_later_jobs_reuse_it_and_shutdown_stops_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office_server, "_active_url", None)
    office = WebOffice()
    office.ensure()
    address = office_server.active_url()
    assert address is not None and office_server.ready_url() is not None
    office.ensure()  # a later job
    assert office_server.active_url() == address
    office.close()
    assert office_server.active_url() is None
    assert not office_server.wait_ready(address.split()[0], 1.0)


def test_without_a_server_the_jobs_start_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_server, "_active_url", None)
    monkeypatch.setenv(office_server.DISABLE_ENV, "off")
    office = WebOffice()
    office.ensure()
    assert office_server.active_url() is None
    office.close()
