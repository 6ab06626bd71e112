"""Where the tests find the contract examples: a copy kept in the repository (tests/data/).

The files are the contract examples unchanged, so the tests need nothing beside the checkout.
"""

from __future__ import annotations

from pathlib import Path

#: the contract example workspace (profiles, library, assets), as the contract ships it
CONTRACT_DIR = Path(__file__).resolve().parent / "data" / "contract"
