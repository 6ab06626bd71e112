"""Random and mutated bytes as profile and library files: always a clean list of problems.

Loading never raises and never hangs; every error names a file of the workspace and a
reason; the CLI exits 1 with messages, never a traceback. Examples are bounded (profile
``ci`` in conftest.py).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abmcontent.loading.workspace import load_workspace
from tests.checkout import COMMAND, checkout_env

from .conftest import CONTRACT_DIR, HOKUTO, NORTHWIND, copy_contract

TARGETS = [
    HOKUTO,
    NORTHWIND,
    "library/seller.yaml",
    "library/personas.yaml",
    "library/case_studies/kanto-freight.yaml",
    "library/competitors/routemax.yaml",
]


@functools.cache
def originals() -> dict[str, bytes]:
    """The contract files the fuzzer mutates, read once on first use (never at import)."""
    return {rel: (CONTRACT_DIR / rel).read_bytes() for rel in TARGETS}


#: bytes that matter to YAML, UTF-8 and XML
SPECIAL = [b":", b"-", b"[", b"{", b"&a", b"*a", b"!!", b"\n", b"\t", b"\x00", b"\xff", b"\xe3",
           b'"', b"'", b"#", b"|", b">", b"%YAML", b"---", b"\x01", b"? ", b"<<: "]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(TARGETS))
    data = bytearray(originals()[rel])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "special", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "special":
            data[at:at] = draw(st.sampled_from(SPECIAL))
        else:
            del data[at:]
    return rel, bytes(data)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_contract(tmp_path_factory.mktemp("fuzz") / "ws")


def _check_clean(root: Path, rel: str) -> None:
    ws = load_workspace(root)
    for problem in ws.problems:
        assert problem.reason.strip(), problem
        assert not Path(problem.file).is_absolute(), problem
        assert (root / problem.file).exists() or problem.file.startswith(
            ("account_profiles", "library")
        ), problem
    if ws.errors:
        assert any(p.file == rel for p in ws.errors) or ws.library is None, ws.errors
        if rel.startswith("account_profiles/"):
            assert Path(rel).stem in ws.failed_accounts


#: loading is fast: more examples than the rendering properties, still bounded
FUZZ = settings(max_examples=max(100, settings.default.max_examples))


@FUZZ
@given(case=mutated())
def test_mutated_files_end_in_a_clean_problem_list(
    fuzz_root: Path, case: tuple[str, bytes]
) -> None:
    rel, data = case
    target = fuzz_root / rel
    try:
        target.write_bytes(data)
        _check_clean(fuzz_root, rel)
    finally:
        target.write_bytes(originals()[rel])


@FUZZ
@given(rel=st.sampled_from(TARGETS), data=st.binary(max_size=400))
def test_random_bytes_end_in_a_clean_problem_list(fuzz_root: Path, rel: str, data: bytes) -> None:
    target = fuzz_root / rel
    try:
        target.write_bytes(data)
        _check_clean(fuzz_root, rel)
    finally:
        target.write_bytes(originals()[rel])


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\nid: bomb\nname: B\nlocale: en\ntier: lite\nindustry: x\n"


HOSTILE_YAML = {
    "python-object-new": "id: x\nname: !!python/object/new:os.system [echo hacked]\n",
    "python-module": "id: x\nname: !!python/module:os\n",
    "custom-tag": "id: x\nname: !Ref other\n",
    "set-tag": "id: x\nname: !!set {a, b}\n",
    "binary-tag": "id: x\nname: !!binary aGVsbG8=\n",
    "merge-key": "base: &b {tier: lite}\n<<: *b\nid: x\n",
    "recursive-alias": "id: x\nbusiness_goals: &g [*g]\n",
    "alias-bomb": _alias_bomb(),
    "deep-nesting": "id: x\nname: " + "[" * 3000 + "]" * 3000 + "\n",
    "two-documents": "id: x\n---\nid: y\n",
    "bom-and-crlf": "\ufeffid: x\r\nname: X\r\n",
    "huge-file": "id: x\nname: " + "x" * (3 * 1024 * 1024) + "\n",
}


def test_hostile_yaml_is_reported_quickly_in_a_fresh_process(tmp_path: Path) -> None:
    """Each file must give problems, never a traceback, object or hang (a timeout fails)."""
    root = copy_contract(tmp_path / "ws")
    for name, text in HOSTILE_YAML.items():
        (root / "account_profiles" / f"{name}.yaml").write_text(text, encoding="utf-8")
    code = (
        "import sys; from abmcontent.loading.workspace import load_workspace\n"
        "ws = load_workspace(sys.argv[1])\n"
        "for p in ws.errors: print(p.file, '|', p.reason[:200])\n"
        "print('FAILED', ' '.join(sorted(ws.failed_accounts)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    failed = done.stdout.strip().splitlines()[-1].split()[1:]
    assert sorted(failed) == sorted(HOSTILE_YAML), done.stdout
    for name in HOSTILE_YAML:
        assert f"account_profiles/{name}.yaml |" in done.stdout, name
    assert "only plain data is allowed" in done.stdout
    assert "larger than" in done.stdout
    assert "hacked" not in done.stdout + done.stderr


def test_the_cli_exits_1_with_file_and_reason_for_fuzzed_files(tmp_path: Path) -> None:
    """A few deterministic mutations through the real command (a fresh process each)."""
    root = copy_contract(tmp_path / "ws")
    cases = {
        HOKUTO: originals()[HOKUTO][:200] + b"\xff\xfe" + originals()[HOKUTO][200:],
        "library/seller.yaml": originals()["library/seller.yaml"].replace(b":", b"", 3),
        "library/case_studies/kanto-freight.yaml": os.urandom(64) + b"\x00",
    }
    command = COMMAND
    for rel, data in cases.items():
        (root / rel).write_bytes(data)
        done = subprocess.run(
            [*command, "validate", "--workspace", str(root)],
            capture_output=True, text=True, timeout=300,
            env=checkout_env({"PYTHONWARNINGS": "ignore"}),
        )
        output = done.stdout + done.stderr
        assert done.returncode == 1, output
        assert "Traceback" not in output and "internal error" not in output, output
        assert f"{rel}:" in output, output
        (root / rel).write_bytes(originals()[rel])
