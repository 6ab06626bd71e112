"""The command line: exit codes, messages, no tracebacks, no heavy imports for validate."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import abmcontent.template_checks
from abmcontent.cli import app
from abmcontent.loading.workspace import load_workspace
from tests.checkout import checkout_env

from .conftest import HOKUTO, NORTHWIND, CliResult, needs_templates
from .helpers import edit, line_of

Cli = Callable[..., CliResult]
SUMMARY = re.compile(r"(\d+) error\(s\), (\d+) warning\(s\)")


def summary(output: str) -> tuple[int, int]:
    found = SUMMARY.search(output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def error_lines(output: str) -> list[str]:
    return [
        line
        for line in output.splitlines()
        if line.strip() and not SUMMARY.search(line) and " warning: " not in line
    ]


# --- help and heavy imports ------------------------------------------------------------

SPY = """
import json, sys
seen = []
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("weasyprint",):
            seen.append(name)
        return None
sys.meta_path.insert(0, Spy())
sys.argv = ["abmcontent", *sys.argv[1:]]
from abmcontent.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m.partition(".")[0] == "weasyprint")
print("@@" + json.dumps({"code": code, "tried": seen, "loaded": loaded}))
"""


def spy(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SPY, *args], capture_output=True, text=True, timeout=120,
        env=checkout_env(),
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    marker = [line for line in done.stdout.splitlines() if line.startswith("@@")]
    assert marker, done.stdout + done.stderr
    result: dict[str, object] = json.loads(marker[-1][2:])
    return result


def test_help_does_not_import_weasyprint() -> None:
    result = spy("--help")
    assert result == {"code": 0, "tried": [], "loaded": []}


def test_validate_does_not_import_weasyprint(contract_ws: Path) -> None:
    result = spy("validate", "--workspace", str(contract_ws))
    assert result["tried"] == [] and result["loaded"] == []


def test_the_spy_would_see_a_weasyprint_import() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SPY.replace(
                "from abmcontent.cli import main",
                "from abmcontent.cli import main\n"
                "try:\n    import weasyprint.css\n"
                "except ImportError:\n    pass",
            ),
            "--help",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    marker = [line for line in done.stdout.splitlines() if line.startswith("@@")]
    assert json.loads(marker[-1][2:])["tried"], "the import spy is blind"


def test_help_lists_the_contract_commands(cli: Cli) -> None:
    result = cli("--help", templates=True)
    assert result.code == 0
    for command in ("init", "validate", "schema", "render", "build"):
        assert command in result.stdout
    runner = CliRunner()
    for command in ("init", "validate", "schema", "render", "build"):
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "--help" in sub.output, sub.output


def test_version_and_short_help(cli: Cli) -> None:
    from importlib.metadata import version

    shown = cli("--version", templates=True)
    assert shown.code == 0 and shown.stdout.strip() == f"abmcontent {version('abmcontent')}"
    short = cli("-h", templates=True)
    assert short.code == 0 and short.stdout == cli("--help", templates=True).stdout
    assert "build" in short.stdout
    assert cli("build", "-h", templates=True).stdout.lstrip().startswith("Usage:")


@pytest.mark.parametrize(
    ("date", "says"),
    [
        ("2026-13-01", "month must be in 1..12"),
        ("2026-02-30", "day is out of range for month"),
        ("01/12/2026", "must be YYYY-MM-DD"),
    ],
)
def test_a_bad_date_says_what_is_wrong(cli: Cli, contract_ws: Path, date: str, says: str) -> None:
    result = cli("render", "hokuto-logistics", "--doc", "proposal", "--date", date,
                 "--workspace", str(contract_ws), templates=True)
    assert result.code == 2, result.output
    assert says in result.output and date in result.output


# --- validate ---------------------------------------------------------------------------


def test_contract_examples_load_unchanged_without_errors(contract_dir: Path) -> None:
    ws = load_workspace(contract_dir)
    assert ws.errors == []
    assert sorted(ws.accounts) == ["hokuto-logistics", "northwind-health"]
    assert ws.library is not None
    # only library warnings (a translation left out, a comma inside a flow mapping)
    assert {p.file for p in ws.warnings} <= {
        "library/seller.yaml",
        "library/case_studies/kanto-freight.yaml",
        "library/case_studies/lakeside-clinics.yaml",
    }


@needs_templates
def test_validate_contract_examples_exit_0(cli: Cli, contract_ws: Path) -> None:
    result = cli("validate", "--workspace", str(contract_ws), templates=True)
    assert result.code == 0, result.output
    assert summary(result.output)[0] == 0


@needs_templates
def test_validate_sample_from_init_exit_0(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", str(tmp_path / "demo")).code == 0
    result = cli("validate", "--workspace", str(tmp_path / "demo"), templates=True)
    assert result.code == 0, result.output
    assert summary(result.output) == (0, 0)


def test_validate_prints_every_problem_and_exits_1(cli: Cli, contract_ws: Path) -> None:
    hokuto = edit(contract_ws, HOKUTO, "employees: 8200", "employees: many")
    hokuto = edit(contract_ws, HOKUTO, "segment: enterprise", "segmnt: enterprise")
    northwind = edit(contract_ws, NORTHWIND, "    role: cio", "    role: ciso")
    result = cli("validate", "--workspace", str(contract_ws))
    assert result.code == 1
    expected = [
        f"{HOKUTO}:{line_of(hokuto, 'employees:')}: employees: ",
        f"{HOKUTO}:{line_of(hokuto, 'segmnt:')}: segmnt: unknown field 'segmnt' "
        "(did you mean 'segment'?)",
        f"{NORTHWIND}:{line_of(northwind, 'role: ciso')}: stakeholders.2.role: unknown role 'ciso'",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in result.stderr.splitlines()), (
            start,
            result.output,
        )
    assert summary(result.output)[0] >= 3


def test_warnings_alone_exit_0(contract_ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Templates are somebody else's business here: only profiles and library are judged.
    monkeypatch.setattr(abmcontent.template_checks, "check_templates", lambda ws: [])
    text = edit(
        contract_ws,
        HOKUTO,
        "summary: 国際物流総合展で配車最適化デモを体験",
        "summary: {en: Tried the dispatch demo}",
    )
    result = CliRunner().invoke(app, ["validate", "--workspace", str(contract_ws)])
    assert result.exit_code == 0, result.output
    line = line_of(text, "Tried the dispatch demo")
    assert f"{HOKUTO}:{line}: engagement.0.summary: warning: no 'ja' translation" in result.output
    errors, warnings = summary(result.output)
    assert errors == 0 and warnings >= 1
    assert "OK:" in result.output


def test_errors_exit_1_in_process(contract_ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(abmcontent.template_checks, "check_templates", lambda ws: [])
    edit(contract_ws, NORTHWIND, "tier: lite", "tier: light")
    result = CliRunner().invoke(app, ["validate", "--workspace", str(contract_ws)])
    assert result.exit_code == 1
    assert summary(result.output)[0] == 1


# --- no tracebacks, exit codes ----------------------------------------------------------


def _breakages(root: Path) -> None:
    edit(root, HOKUTO, "tier: strategic", "tier: !!python/object/apply:os.system ['true']")
    edit(root, NORTHWIND, "date: 2026-11-02", "date: 2026-02-30")
    (root / "library/case_studies/bad.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (root / "library/competitors/list.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (root / "account_profiles/deep.yaml").write_text("a: " + "[" * 5000, encoding="utf-8")


def test_hostile_inputs_give_messages_not_tracebacks(cli: Cli, contract_ws: Path) -> None:
    _breakages(contract_ws)
    result = cli("validate", "--workspace", str(contract_ws))
    assert result.code == 1
    for expected in (
        HOKUTO,
        NORTHWIND,
        "library/case_studies/bad.yaml",
        "library/competitors/list.yaml",
        "account_profiles/deep.yaml",
    ):
        assert expected in result.stderr
    assert "internal error" not in result.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "--no-such-option"], 2),
        (["schema", "nonsense"], 2),
        (["schema"], 2),
        (["frobnicate"], 2),
        (["render", "no-such-account", "--doc", "proposal"], 2),
        (["render", "hokuto-logistics", "--doc", "no-such-doc"], 2),
        (["render", "hokuto-logistics", "--doc", "proposal", "--for", "nobody"], 2),
        (["render", "hokuto-logistics", "--doc", "proposal", "--date", "25/11/2026"], 2),
        (["build", "--account", "no-such-account"], 2),
    ],
)
def test_wrong_usage_exits_2(args: list[str], code: int, contract_ws: Path) -> None:
    with_ws = [*args, "--workspace", str(contract_ws)] if args[0] in ("render", "build") else args
    result = CliRunner().invoke(app, with_ws)
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert result.output.strip() and "Traceback" not in result.output


def test_wrong_usage_exits_2_from_the_console_script(cli: Cli, contract_ws: Path) -> None:
    result = cli("render", "nope", "--doc", "proposal", "--workspace", str(contract_ws))
    assert result.code == 2
    assert "unknown account 'nope'" in result.stderr


def test_missing_workspace_is_reported(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", "--workspace", str(tmp_path / "nowhere"))
    assert result.code in (1, 2)
    assert "nowhere" in result.output


def test_empty_workspace_lists_the_missing_files(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", "--workspace", str(tmp_path))
    assert result.code == 1
    for name in ("library/seller.yaml", "library/personas.yaml", "account_profiles"):
        assert name in result.stderr


def test_default_workspace_is_the_current_directory(cli: Cli, contract_ws: Path) -> None:
    edit(contract_ws, NORTHWIND, "tier: lite", "tier: light")
    result = cli("validate", cwd=contract_ws)
    assert result.code == 1
    assert f"{NORTHWIND}:" in result.stderr


# --- init -------------------------------------------------------------------------------


def test_init_refuses_a_non_empty_folder_without_force(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    forced = CliRunner().invoke(app, ["init", str(target), "--force"])
    assert forced.exit_code == 0
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (target / "library/seller.yaml").is_file()


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert CliRunner().invoke(app, ["init", str(target)]).exit_code == 2


def test_init_into_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert CliRunner().invoke(app, ["init", str(tmp_path / "empty")]).exit_code == 0
    assert (tmp_path / "empty/account_profiles").is_dir()


def test_init_writes_a_complete_valid_sample(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "new" / "demo"
    result = cli("init", str(target))
    assert result.code == 0, result.output
    ws = load_workspace(target)
    assert ws.problems == []
    accounts = list(ws.accounts.values())
    assert len(accounts) >= 12
    assert {a.tier for a in accounts} == {"strategic", "lite", "programmatic"}
    assert {a.locale for a in accounts} == {"ja", "en"}
    assert len({a.industry for a in accounts}) >= 5
    assert ws.library is not None
    assert len(ws.library.personas) >= 6
    roles_used = {s.role for a in accounts for s in a.stakeholders}
    assert len(roles_used) >= 6
    assert len(ws.library.case_studies) >= 8
    assert len(ws.library.battlecards) >= 4
    # the templates shipped with the package come along (once they exist)
    shipped = [
        p.name
        for p in (Path(abmcontent.__file__).parent / "templates").iterdir()
        if p.is_file() and not p.name.startswith((".", "_"))
    ]
    for name in shipped:
        assert (target / "templates" / name).is_file()
    checked = cli("validate", "--workspace", str(target))
    assert checked.code == 0, checked.output
    assert summary(checked.output) == (0, 0)


def test_sample_is_not_tied_to_one_tier_per_locale(tmp_path: Path) -> None:
    shutil.copytree(Path(abmcontent.__file__).parent / "sample" / "workspace", tmp_path / "s")
    accounts = list(load_workspace(tmp_path / "s").accounts.values())
    pairs = {(a.tier, a.locale) for a in accounts}
    assert len(pairs) >= 4, pairs
