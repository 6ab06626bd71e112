"""Safe YAML with line numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from abmcontent.loading.yamlfile import YamlSyntaxError, parse_yaml

CASES = Path(__file__).parent / "cases"


def test_lines_of_keys_and_items() -> None:
    doc = parse_yaml("id: a\nstakeholders:\n  - id: x\n    role: cfo\n  - id: y\n    role: coo\n")
    assert doc.data["stakeholders"][1]["role"] == "coo"
    assert doc.line_of(("id",)) == 1
    assert doc.line_of(("stakeholders",)) == 2
    assert doc.line_of(("stakeholders", 1)) == 5
    assert doc.line_of(("stakeholders", 1, "role")) == 6
    # an unknown path falls back to its nearest known parent
    assert doc.line_of(("stakeholders", 1, "nope")) == 5


@pytest.mark.parametrize(
    "name",
    ["python-object.yaml", "python-apply.yaml", "python-name.yaml"],
)
def test_python_tags_are_refused_and_never_run(name: str, tmp_path: Path) -> None:
    text = (CASES / name).read_text(encoding="utf-8").replace("MARKER", str(tmp_path / "pwned"))
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml(text)
    assert info.value.line == 3
    assert "plain data" in info.value.reason
    assert not (tmp_path / "pwned").exists()


def test_malformed_yaml_reports_its_line() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("id: a\nname: b\ntier: [lite\nindustry: x\n")
    assert info.value.line is not None and info.value.line >= 3
    assert info.value.reason.startswith("malformed YAML")


def test_several_documents_are_refused() -> None:
    with pytest.raises(YamlSyntaxError):
        parse_yaml("id: a\n---\nid: b\n")


def test_impossible_date_stays_text_for_the_model_to_report() -> None:
    doc = parse_yaml("good: 2026-10-14\nbad: 2026-13-45\n")
    assert doc.data == {"good": dt.date(2026, 10, 14), "bad": "2026-13-45"}


def test_comma_in_flow_mapping_is_repaired_with_a_warning() -> None:
    doc = parse_yaml("tagline: {ja: 速く。, en: Faster decisions, from data.}\n")
    assert doc.data == {"tagline": {"ja": "速く。", "en": "Faster decisions, from data."}}
    assert [path for path, _ in doc.repairs] == [("tagline", "en")]


def test_a_real_null_key_in_a_flow_mapping_is_not_merged() -> None:
    doc = parse_yaml('tagline: {ja: "a", en: b}\n')
    assert doc.data == {"tagline": {"ja": "a", "en": "b"}}
    assert doc.repairs == []
