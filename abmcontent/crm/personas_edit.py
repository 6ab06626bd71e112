"""Teach the personas a job title: add a title pattern to ``library/personas.yaml``.

The file is edited in place (comments, order and styles kept), checked with the library's
model, and written atomically; the next import gives contacts with that title the role.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from abmcontent.crm.roles import RoleMatcher, title_pattern
from abmcontent.crm.yamlio import atomic_write, load_roundtrip, plain
from abmcontent.errors import UsageError
from abmcontent.layout import PERSONAS_FILE
from abmcontent.models.library import PersonasFile


def assign_title(root: Path, title: str, role: str) -> bool:
    """Add a pattern for ``title`` to the persona ``role``.

    Returns:
        False when the title already matches that role (nothing written).

    Raises:
        UsageError: no such persona, an empty title, or a personas file that cannot be
            read or would not be valid.
    """
    path = root / PERSONAS_FILE
    if not title.strip():
        raise UsageError("the job title is empty")
    try:
        doc = load_roundtrip(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{PERSONAS_FILE}: cannot be edited: {exc}") from None
    persona = doc.data.get(role)
    if not isinstance(persona, CommentedMap):
        raise UsageError(f"'{role}' is not a persona in {PERSONAS_FILE}")
    try:
        personas = PersonasFile.model_validate(plain(doc.data))
    except ValidationError as exc:
        raise UsageError(f"{PERSONAS_FILE} has errors; fix them first ({exc})") from None
    found = RoleMatcher(personas.root).match(title)
    if found is not None and found.role == role:
        return False
    patterns = persona.get("title_patterns")
    if not isinstance(patterns, CommentedSeq):
        patterns = CommentedSeq(patterns or [])
        persona["title_patterns"] = patterns
    patterns.append(title_pattern(title))
    atomic_write(path, doc.dump())
    return True
