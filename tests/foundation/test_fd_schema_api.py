"""JSON Schema output and the Python API."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import abmcontent
import abmcontent.template_checks
from abmcontent.cli import app
from abmcontent.errors import Problem, UsageError
from abmcontent.loading.yamlfile import parse_yaml
from abmcontent.schema import schema

from .conftest import HOKUTO


def iso(value: Any) -> Any:
    """YAML dates as ISO strings, as a JSON-based editor sees them."""
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def cli_schema(kind: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema", kind])
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


@pytest.mark.parametrize("kind", ["account", "library"])
def test_schema_prints_valid_json_with_a_draft(kind: str) -> None:
    parsed = cli_schema(kind)
    assert parsed == schema(kind)
    assert parsed["$schema"].startswith("https://json-schema.org/")


def test_account_schema_names_the_required_fields() -> None:
    parsed = cli_schema("account")
    assert set(parsed["required"]) == {"id", "name", "locale", "tier", "industry"}
    assert parsed.get("additionalProperties") is False


def test_contract_profiles_validate_against_the_account_schema(contract_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(cli_schema("account"))
    jsonschema.Draft202012Validator.check_schema(validator.schema)
    profiles = sorted(contract_dir.glob("account_profiles/*.yaml"))
    assert len(profiles) == 2
    for path in profiles:
        data = iso(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name


def test_contract_library_validates_against_the_library_schema(contract_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(cli_schema("library"))
    jsonschema.Draft202012Validator.check_schema(validator.schema)
    files = sorted(contract_dir.glob("library/**/*.yaml"))
    assert len(files) == 5
    for path in files:
        # read as abmcontent reads it (an unquoted comma in a flow mapping is joined back)
        data = iso(parse_yaml(path.read_text(encoding="utf-8")).data)
        assert [e.message for e in validator.iter_errors(data)] == [], path.name


def test_the_schemas_reject_bad_files(contract_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    account = jsonschema.Draft202012Validator(schema("account"))
    good = iso(yaml.safe_load((contract_dir / HOKUTO).read_text(encoding="utf-8")))
    for bad in (
        {**good, "tier": "gold"},
        {**good, "segmnt": "enterprise"},
        {k: v for k, v in good.items() if k != "industry"},
        {**good, "id": "Hokuto Logistics"},
        {**good, "annual_revenue": {"amount": 1, "currency": "yen"}},
    ):
        assert list(account.iter_errors(bad)), bad
    library = jsonschema.Draft202012Validator(schema("library"))
    personas = yaml.safe_load((contract_dir / "library/personas.yaml").read_text("utf-8"))
    personas["cfo"]["proof"] = "vibes"
    assert list(library.iter_errors(personas))


def test_unknown_schema_kind_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        schema("profile")


def test_every_name_in_all_resolves() -> None:
    assert "__version__" in abmcontent.__all__
    for name in abmcontent.__all__:
        assert getattr(abmcontent, name) is not None, name
    for name in (
        "load_workspace",
        "validate",
        "render",
        "build",
        "schema",
        "init_workspace",
        "build_context",
        "audiences_for",
    ):
        assert name in abmcontent.__all__ and callable(getattr(abmcontent, name))
    with pytest.raises(AttributeError):
        _ = abmcontent.no_such_name  # type: ignore[attr-defined]


def test_api_schema_stays_callable_after_the_module_is_imported() -> None:
    import abmcontent.schema as module  # what the CLI's `schema` command does

    assert module is not None
    assert abmcontent.schema("account") == schema("account")
    assert abmcontent.schema("library")["anyOf"]


def test_api_mirrors_the_cli(
    tmp_path: Path, contract_ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # templates are checked by their own suites; here only profiles and library count
    monkeypatch.setattr(abmcontent.template_checks, "check_templates", lambda ws: [])
    ws = abmcontent.load_workspace(contract_ws)
    assert isinstance(ws, abmcontent.Workspace)
    problems = abmcontent.validate(contract_ws)
    assert all(isinstance(p, Problem) for p in problems)
    profile_errors = [
        p
        for p in problems
        if p.severity == "error" and p.file.startswith(("account_profiles/", "library/"))
    ]
    assert profile_errors == []
    target = abmcontent.init_workspace(tmp_path / "demo")
    assert (target / "library/personas.yaml").is_file()
    with pytest.raises(abmcontent.UsageError):
        abmcontent.init_workspace(target)
    assert abmcontent.init_workspace(target, force=True) == target
    assert issubclass(abmcontent.InputError, abmcontent.AbmError)
