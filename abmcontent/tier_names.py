"""The account tiers, with no imports: the CLI checks ``--tier`` without loading the models."""

from __future__ import annotations

from typing import Literal, get_args

Tier = Literal["strategic", "lite", "programmatic"]
"""How personalised an account's documents are (see the README's audience rules)."""

TIERS: tuple[Tier, ...] = get_args(Tier)
"""Every tier, most personalised first."""
