"""Hostile Office packages: zip bombs and entities are template errors, never a crash.

Attacks: a 1 MB deck or Word template that expands to 1 GiB (honestly declared, or lying
in its zip directory); a billion-laughs DTD, an undefined entity and an external entity in
a slide and in a Word body. ``validate`` and ``render`` must report a template error naming
the template and the part, never "internal error", and must not expand anything.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from abmcontent.api import render, validate
from abmcontent.documents import PACKAGE_TEMPLATES
from abmcontent.errors import TemplateError
from abmcontent.office_zip import read_office_zip
from abmcontent.pptx_engine.package import ZipEntry
from tests.checkout import checkout_env

from .office_attacks import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    after_declaration,
    bomb_entry,
    with_member,
    with_part,
)

TODAY = dt.date(2026, 11, 25)
ACCOUNT = "northwind-health"
#: (template file, document, format, a part of it)
TEMPLATES = [
    ("proposal.pptx", "proposal", "pptx", "ppt/slides/slide1.xml"),
    ("briefing.docx", "briefing", "docx", "word/document.xml"),
]
_PEAK = """
import json, resource, sys
from abmcontent.api import validate
problems = [str(p) for p in validate(sys.argv[1])]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"peak_kib": peak, "problems": problems}))
"""


@pytest.fixture(scope="module")
def bomb() -> ZipEntry:
    """1 GiB of zeros, deflated to about 1 MB (made once: it takes a few seconds)."""
    return bomb_entry()


def _peak_of_validate(root: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(root)],
        capture_output=True, text=True, timeout=300, check=False, env=checkout_env(),
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return int(answer["peak_kib"]), list(answer["problems"])


@pytest.mark.parametrize(("file", "doc", "fmt", "part"), TEMPLATES)
def test_a_zip_bomb_template_is_refused_by_validate_with_low_memory(
    file: str, doc: str, fmt: str, part: str, bomb: ZipEntry, ws_root: Path, tmp_path: Path
) -> None:
    del part
    clean = tmp_path / "clean"
    baseline, problems = _peak_of_validate(_copy_workspace(ws_root, clean))
    assert not [p for p in problems if "zip bomb" in p]
    template = with_member(PACKAGE_TEMPLATES / file, ws_root / "templates" / file,
                           "media/bomb.bin", bomb)
    assert template.stat().st_size < 1_200_000
    peak, problems = _peak_of_validate(ws_root)
    assert f"templates/{file}: media/bomb.bin: the part expands to more than 128 MiB: " \
        "refused as a possible zip bomb" in problems, problems
    assert peak < baseline + 64 * 1024, (peak, baseline)

    report = render(ws_root, ACCOUNT, doc=doc, formats=[fmt], today=TODAY)
    assert not report.built and report.failed
    for path, reason in report.failed.items():
        assert "zip bomb" in reason and f"templates/{file}" in reason
        assert not (ws_root / path).exists()


def _copy_workspace(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def test_a_ratio_bomb_under_the_size_bound_is_refused(tmp_path: Path) -> None:
    entry = bomb_entry(100 << 20)
    template = with_member(PACKAGE_TEMPLATES / "proposal.pptx", tmp_path / "t.pptx",
                           "ppt/media/big.bin", entry)
    with pytest.raises(TemplateError, match="compresses more than 200:1") as info:
        read_office_zip(template, "templates/proposal.pptx")
    assert info.value.template == "templates/proposal.pptx"
    assert info.value.location == "ppt/media/big.bin"


def test_a_member_holding_more_than_its_directory_declares_stops_being_read(
    bomb: ZipEntry, tmp_path: Path
) -> None:
    liar = ZipEntry(bomb.method, bomb.crc, 1000, bomb.data)
    template = with_member(PACKAGE_TEMPLATES / "briefing.docx", tmp_path / "t.docx",
                           "word/media/liar.bin", liar)
    with pytest.raises(TemplateError) as info:
        read_office_zip(template, "templates/briefing.docx")
    message = str(info.value)
    assert message.startswith("templates/briefing.docx")
    assert "not a readable Office file" in message or "more than its header" in message


ENTITY_ATTACKS = {
    "billion laughs": (BILLION_LAUGHS, "&lol9;", "declares a DTD"),
    "external entity": (EXTERNAL_ENTITY, "&xxe;", "declares a DTD"),
    "undefined entity": ("", "&undefined;", "not well-formed XML"),
}


@pytest.mark.parametrize("attack", list(ENTITY_ATTACKS))
@pytest.mark.parametrize(("file", "doc", "fmt", "part"), TEMPLATES)
def test_entities_in_office_xml_are_template_errors(
    attack: str, file: str, doc: str, fmt: str, part: str, ws_root: Path
) -> None:
    doctype, reference, reason = ENTITY_ATTACKS[attack]
    text_tag = "<a:t>" if fmt == "pptx" else "<w:t>"

    def edit(xml: str) -> str:
        assert text_tag in xml
        xml = xml.replace(text_tag, text_tag + reference, 1)
        return after_declaration(doctype)(xml) if doctype else xml

    with_part(PACKAGE_TEMPLATES / file, ws_root / "templates" / file, part, edit)
    problems = [str(p) for p in validate(ws_root) if str(p).startswith(f"templates/{file}")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"templates/{file}: {part}: the part ")
    assert reason in problems[0] and "internal error" not in problems[0]

    report = render(ws_root, ACCOUNT, doc=doc, formats=[fmt], today=TODAY)
    assert not report.built and report.failed
    for reason_text in report.failed.values():
        assert reason_text.startswith(f"templates/{file}, {part}: the part ")
        assert "lollol" not in reason_text and "root:" not in reason_text


def test_the_cli_reports_an_entity_attack_with_exit_1_and_no_traceback(ws_root: Path) -> None:
    with_part(PACKAGE_TEMPLATES / "proposal.pptx", ws_root / "templates/proposal.pptx",
              "ppt/slides/slide1.xml",
              lambda xml: after_declaration(BILLION_LAUGHS)(xml.replace("<a:t>", "<a:t>&lol9;")))
    done = subprocess.run(
        [sys.executable, "-m", "abmcontent", "validate", "--workspace", str(ws_root)],
        capture_output=True, text=True, timeout=300, check=False, env=checkout_env(),
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output
    assert "templates/proposal.pptx: ppt/slides/slide1.xml: the part declares a DTD" in output
