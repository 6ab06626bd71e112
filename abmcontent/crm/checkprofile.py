"""Check a profile's new text with the workspace loader's own steps before it is written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from abmcontent.errors import Problem
from abmcontent.loading.errors_format import problems_from_validation
from abmcontent.loading.references import check_account_references
from abmcontent.loading.workspace import Library
from abmcontent.loading.yamlfile import YamlDocument, YamlSyntaxError, parse_yaml
from abmcontent.models.common import SLUG_PATTERN
from abmcontent.models.profile import AccountProfile


def check_profile_text(text: str, rel: str, library: Library, root: Path) -> list[Problem]:
    """Return the errors :func:`~abmcontent.loading.workspace.load_workspace` would report.

    The same parser, model, error formatting and reference checks are used; the file name
    stem must be a valid id equal to the ``id`` field.

    Args:
        text: the profile YAML.
        rel: its path relative to the workspace (``account_profiles/<id>.yaml``).
        library: the workspace's library (roles, products, battlecards).
        root: the workspace folder (logo paths are resolved against it).
    """
    stem = Path(rel).stem
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        return [Problem(rel, exc.line, "", exc.reason)]
    if not isinstance(doc.data, dict):
        return [Problem(rel, doc.line_of(()), "", "expected a mapping of fields")]
    try:
        account = AccountProfile.model_validate(doc.data)
    except ValidationError as exc:
        return problems_from_validation(exc, AccountProfile, doc, rel)
    return _check_account(account, doc, stem, rel, library, root)


def _check_account(
    account: AccountProfile, doc: YamlDocument, stem: str, rel: str, library: Library, root: Path
) -> list[Problem]:
    found: list[Problem] = []
    if not re.fullmatch(SLUG_PATTERN, stem) or account.id != stem:
        found.append(
            Problem(rel, doc.line_of(("id",)), "id", f"'{account.id}' does not match '{stem}'")
        )
    found.extend(check_account_references(account, doc, rel, library, root))
    return [p for p in found if p.severity == "error"]


def check_profile_data(
    data: dict[str, Any], text: str, rel: str, library: Library, root: Path
) -> list[Problem]:
    """:func:`check_profile_text` for a profile built in code, without parsing ``text``.

    The plain ``data`` is validated directly; only when it has problems is ``text`` parsed,
    so that they are reported with their lines.
    """
    try:
        account = AccountProfile.model_validate(data)
    except ValidationError:
        return check_profile_text(text, rel, library, root)
    if _check_account(account, YamlDocument(data), Path(rel).stem, rel, library, root):
        return check_profile_text(text, rel, library, root)
    return []
