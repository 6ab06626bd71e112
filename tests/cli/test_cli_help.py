"""Help that reads as words and lists the valid values; shell completion of those values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.documents import DOCUMENTS
from abmcontent.tier_names import TIERS

from .conftest import abm

COMMANDS = ["init", "validate", "schema", "context", "render", "build", "import", "score", "serve"]
#: what Click/Typer print when no metavar is given: <list[str]>, <int range>, {directory}...
MACHINE_WORDS = re.compile(r"<[A-Za-z][\w\[\] ]*>|\{[a-z]+\}")


def formats() -> list[str]:
    return list(dict.fromkeys(f for spec in DOCUMENTS.values() for f in spec.formats))


def phrase(values: list[str] | tuple[str, ...]) -> str:
    """How the help lists values: ``a, b or c``."""
    return ", ".join(values[:-1]) + f" or {values[-1]}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_with_words(command: str) -> None:
    done = abm(command, "-h")
    assert done.code == 0, done.output
    assert not MACHINE_WORDS.findall(done.stdout), done.stdout
    assert "╭─ Options" in done.stdout  # Rich help


def documents() -> list[str]:
    """The document ids as the help lists them: each with its audience class."""
    return [f"{doc} ({spec.audience_class})" for doc, spec in DOCUMENTS.items()]


def test_build_help_lists_tiers_documents_and_formats() -> None:
    done = abm("build", "-h")
    for metavar in ("TIER", "ID", "DOC", "FORMAT", " N ", "YYYY-MM-DD", "DIR", "tcp://HOST:PORT"):
        assert metavar in done.stdout, metavar
    assert f"One of {phrase(TIERS)}." in done.stdout
    assert f"One of {phrase(documents())}." in done.stdout
    assert f"One of {phrase(formats())}." in done.stdout


def test_render_usage_names_the_account_argument() -> None:
    done = abm("render", "-h")
    assert "Usage: abmcontent render [OPTIONS] ACCOUNT" in done.stdout
    assert "AUDIENCE" in done.stdout and "[required]" in done.stdout


def test_the_top_level_help_gives_every_exit_code() -> None:
    done = abm("--help")
    for code in ("0 all good", "1 invalid input", "2 wrong usage", "130 interrupted", "141"):
        assert code in done.stdout, code
    assert "--install-completion" in done.stdout and "--show-completion" in done.stdout


def test_a_new_document_is_offered_and_checked_without_a_cli_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(DOCUMENTS, "one-pager", DOCUMENTS["battlecard"])
    runner = CliRunner()
    shown = runner.invoke(app, ["build", "-h"], env={"COLUMNS": "250"})
    assert f"One of {phrase(documents())}." in shown.stdout
    assert "one-pager (internal)." in shown.stdout
    typo = runner.invoke(app, ["build", "--doc", "one-pagr"], env={"COLUMNS": "250"})
    assert typo.exit_code == 2
    assert "Did you mean 'one-pager'?" in typo.output


def complete(words: str, cwd: Path | None = None) -> list[str]:
    """What bash completion offers for the last word of ``words``."""
    parts = words.split(" ")
    env = {"_ABMCONTENT_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(parts) - 1)}  # fmt: skip
    done = abm(*parts[1:], cwd=cwd, env=env)
    assert done.code == 0, done.output
    return done.stdout.split()


def test_completion_offers_tiers_documents_formats_and_accounts(contract_ws: Path) -> None:
    assert complete("abmcontent build --tier s") == ["strategic"]
    assert complete("abmcontent build --doc c") == [d for d in DOCUMENTS if d.startswith("c")]
    assert complete("abmcontent render x --format p") == [f for f in formats() if f[0] == "p"]
    assert complete("abmcontent render ", cwd=contract_ws) == [
        "hokuto-logistics", "northwind-health"]  # fmt: skip
    assert complete("abmcontent bu") == ["build"]


def test_the_completion_script_for_bash_calls_the_command_back() -> None:
    done = abm("--show-completion", "bash")
    assert done.code == 0
    assert "_ABMCONTENT_COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F _abmcontent_completion abmcontent" in done.stdout
