"""Decode CRM export files: UTF-8 (with or without BOM), UTF-16 with BOM, CP932/Shift_JIS."""

from __future__ import annotations

import codecs

from abmcontent.errors import UsageError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_encoding(name: str) -> str:
    """Return the canonical codec name of ``name``.

    Args:
        name: an encoding name as a user types it (``cp932``, ``shift_jis``, ``utf-8``).

    Raises:
        UsageError: Python knows no such encoding.
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"unknown encoding '{name}' (try utf-8, utf-8-sig or cp932)") from None


def decode(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of an export file.

    With ``encoding`` given, that codec is used (a UTF-8 BOM is dropped all the same).
    Otherwise a BOM decides; without one UTF-8 is tried, then CP932 (the Shift_JIS of
    Japanese Excel, a superset of plain Shift_JIS).

    Args:
        raw: the file content.
        encoding: a codec name, or ``None`` to detect it.

    Returns:
        The text and the name of the encoding used.

    Raises:
        UnicodeDecodeError: the bytes are not text in the given (or any detected) encoding.
    """
    if encoding is not None:
        codec = check_encoding(encoding)
        text = raw.decode(codec)
        return text.removeprefix("\ufeff"), codec
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec).removeprefix("\ufeff"), codec
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return raw.decode("cp932"), "cp932"
