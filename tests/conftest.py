"""Fixtures for every test folder: the contract example workspace kept in tests/data/, umasks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contract_data import CONTRACT_DIR


@pytest.fixture(scope="session")
def contract_dir() -> Path:
    """The read-only contract example workspace (copy it before changing anything)."""
    return CONTRACT_DIR


@pytest.fixture(params=[0o022, 0o027, 0o002], ids=["022", "027", "002"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under each of these umasks (yields the one in force)."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)
