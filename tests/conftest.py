"""Fixtures for every test folder: the contract example workspace kept in tests/data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract_data import CONTRACT_DIR


@pytest.fixture(scope="session")
def contract_dir() -> Path:
    """The read-only contract example workspace (copy it before changing anything)."""
    return CONTRACT_DIR
