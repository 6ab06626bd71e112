"""Propose tiers by rank and capacity, write them into the profiles, pin them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from abmcontent.crm.checkprofile import check_profile_text
from abmcontent.crm.merge import PROFILE_ORDER, set_value
from abmcontent.crm.scoring import AccountScore
from abmcontent.crm.yamlio import atomic_write, load_roundtrip
from abmcontent.errors import Problem
from abmcontent.layout import PROFILES_DIR
from abmcontent.loading.workspace import Library
from abmcontent.models.icp import IcpFile


def propose_tiers(icp: IcpFile, scores: list[AccountScore]) -> list[AccountScore]:
    """Rank ``scores`` (best first; ties by account id) and set each proposed tier.

    A pinned account keeps its tier and takes one place of that tier's capacity. Of the
    others, the first accounts scoring at least ``min_score.strategic`` fill what is left
    of ``capacity.strategic``; then the rest scoring at least ``min_score.lite`` fill what
    is left of ``capacity.lite``; all others are programmatic.

    Returns:
        The scores in rank order.
    """
    ranked = sorted(scores, key=lambda s: (-s.score, s.account_id))
    strategic = sum(1 for s in ranked if s.pinned and s.current_tier == "strategic")
    lite = sum(1 for s in ranked if s.pinned and s.current_tier == "lite")
    for rank, item in enumerate(ranked, start=1):
        item.rank = rank
        if item.pinned:
            item.proposed_tier = item.current_tier
        elif strategic < icp.capacity.strategic and item.score >= icp.min_score.strategic:
            item.proposed_tier = "strategic"
            strategic += 1
        elif lite < icp.capacity.lite and item.score >= icp.min_score.lite:
            item.proposed_tier = "lite"
            lite += 1
        else:
            item.proposed_tier = "programmatic"
    return ranked


@dataclass(frozen=True)
class TierChange:
    """A tier written (or refused) for one profile."""

    account_id: str
    old: str
    new: str
    problems: tuple[Problem, ...] = ()


def edit_profile(
    root: Path, library: Library, account_id: str, change: Callable[[CommentedMap], None]
) -> list[Problem]:
    """Apply ``change`` to a profile's YAML (comments and order kept) and write it.

    The new text is checked with the workspace loader's steps before an atomic write; a
    profile that would not validate is left as it was.

    Returns:
        The problems that kept the profile from being written (none when it was).
    """
    rel = f"{PROFILES_DIR}/{account_id}.yaml"
    if not (root / rel).is_file() and (root / rel).with_suffix(".yml").is_file():
        rel = rel.removesuffix(".yaml") + ".yml"
    path = root / rel
    try:
        doc = load_roundtrip(path.read_bytes().decode("utf-8-sig"))
        change(doc.data)
        text = doc.dump()
        problems = check_profile_text(text, rel, library, root)
        if not problems:
            atomic_write(path, text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems = [Problem(rel, None, "tier", f"cannot write the tier: {exc}")]
    return list(problems)


def _set_tier(tier: str) -> Callable[[CommentedMap], None]:
    def change(data: CommentedMap) -> None:
        data["tier"] = tier

    return change


def apply_tiers(root: Path, library: Library, scores: list[AccountScore]) -> list[TierChange]:
    """Write each proposed tier that differs into its profile (comments and order kept).

    A profile that would not validate is left as it was and its problems returned.
    """
    changes: list[TierChange] = []
    for item in scores:
        if item.proposed_tier == item.current_tier:
            continue
        problems = edit_profile(root, library, item.account_id, _set_tier(item.proposed_tier))
        changes.append(
            TierChange(item.account_id, item.current_tier, item.proposed_tier, tuple(problems))
        )
    return changes


def pin_tier(root: Path, library: Library, account_id: str, pinned: bool) -> list[Problem]:
    """Pin (``tier_pinned: true``) or unpin the tier of a profile; return its problems."""

    def change(data: CommentedMap) -> None:
        if pinned:
            set_value(data, "tier_pinned", True, PROFILE_ORDER)
        elif "tier_pinned" in data:
            del data["tier_pinned"]

    return edit_profile(root, library, account_id, change)
