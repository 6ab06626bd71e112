"""Recognise an export from its header: which mapping fits, and accounts or contacts."""

from __future__ import annotations

from dataclasses import dataclass

from abmcontent.crm.mapping import (
    AccountColumns,
    ContactColumns,
    DealColumns,
    FileKind,
    Mapping,
    first_column,
    header_key,
)
from abmcontent.models.common import StrictModel


@dataclass(frozen=True)
class Detected:
    """How one file will be read.

    Attributes:
        mapping: the mapping (preset or file) that fits the header.
        kind: ``"accounts"``, ``"contacts"`` or ``"deals"``.
        columns: field name -> header of the column that holds it in this file.
    """

    mapping: Mapping
    kind: FileKind
    columns: dict[str, str]

    def column(self, name: str) -> str | None:
        """The header that holds field ``name`` in this file, if any."""
        return self.columns.get(name)


def resolve(spec: StrictModel, header: list[str]) -> dict[str, str]:
    """Map every field of ``spec`` (account or contact columns) to a header of the file."""
    folded: dict[str, str] = {}
    for name in header:
        folded.setdefault(header_key(name), name)
    found: dict[str, str] = {}
    for field_name in type(spec).model_fields:
        column = first_column(getattr(spec, field_name), folded)
        if column is not None:
            found[field_name] = column
    return found


def _eligible(kind: FileKind, columns: dict[str, str]) -> bool:
    if kind == "accounts":
        return "name" in columns
    linked = "account_crm_id" in columns or "account_name" in columns
    if kind == "deals":
        return "stage" in columns and linked and ("crm_id" in columns or "name" in columns)
    has_name = "last_name" in columns or "full_name" in columns
    return has_name and ("account_crm_id" in columns or "account_name" in columns)


def detect(header: list[str], candidates: list[Mapping]) -> Detected | None:
    """Pick the mapping and file kind that explain most of ``header``.

    A kind is possible only when its required columns are present (an account name; a
    contact name and a link to the account; a deal's stage, its id or name and a link to
    the account). Among the possible ones the candidate that recognises the most columns
    wins; on a tie, deals, then contacts, then accounts (those exports repeat account
    columns), then candidates in the order given.

    Returns:
        How to read the file, or ``None`` when no candidate fits.
    """
    best: tuple[int, Detected] | None = None
    for mapping in candidates:
        specs: list[tuple[FileKind, AccountColumns | ContactColumns | DealColumns | None]] = [
            ("deals", mapping.deals),
            ("contacts", mapping.contacts),
            ("accounts", mapping.accounts),
        ]
        for kind, spec in specs:
            if spec is None:
                continue
            columns = resolve(spec, header)
            if not _eligible(kind, columns):
                continue
            if best is None or len(columns) > best[0]:
                best = (len(columns), Detected(mapping, kind, columns))
    return None if best is None else best[1]
