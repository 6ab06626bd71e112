"""Write a .pptx zip from precompressed entries.

Static parts are compressed once when a template is loaded (:func:`make_entry`); a render only
compresses the parts it produced and then concatenates bytes (:func:`write_zip`). The writer
produces a plain ZIP (no ZIP64), which is what Office writes for ordinary decks.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_STORED = 0
_DEFLATED = 8
# 1980-01-01 00:00:00 in DOS format: reproducible output.
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1
_MAX_32 = 0xFFFFFFFF


@dataclass(frozen=True)
class ZipEntry:
    """One compressed zip member, ready to be written under any name.

    Attributes:
        method: 0 (stored) or 8 (deflated).
        crc: CRC-32 of the uncompressed bytes.
        size: uncompressed size.
        data: the (possibly compressed) payload.
    """

    method: int
    crc: int
    size: int
    data: bytes


def make_entry(payload: bytes, *, level: int = 6, store_if_incompressible: bool = True) -> ZipEntry:
    """Compress ``payload`` into a :class:`ZipEntry`.

    Args:
        payload: the uncompressed part.
        level: zlib compression level.
        store_if_incompressible: store instead of deflate when deflating saves under 2%.

    Returns:
        The entry.
    """
    crc = zlib.crc32(payload)
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = comp.compress(payload) + comp.flush()
    if store_if_incompressible and len(data) >= len(payload) * 0.98:
        return ZipEntry(_STORED, crc, len(payload), payload)
    return ZipEntry(_DEFLATED, crc, len(payload), data)


def write_zip(members: list[tuple[str, ZipEntry]]) -> bytes:
    """Assemble a zip archive.

    Args:
        members: ``(name, entry)`` pairs in archive order; names without a leading slash.

    Returns:
        The archive bytes.

    Raises:
        ValueError: the archive would need ZIP64.
    """
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, entry in members:
        raw_name = name.encode("utf-8")
        flags = 0x800 if not raw_name.isascii() else 0
        header = struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            flags,
            entry.method,
            _DOS_TIME,
            _DOS_DATE,
            entry.crc,
            len(entry.data),
            entry.size,
            len(raw_name),
            0,
        )
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                flags,
                entry.method,
                _DOS_TIME,
                _DOS_DATE,
                entry.crc,
                len(entry.data),
                entry.size,
                len(raw_name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw_name
        )
        chunks.append(header)
        chunks.append(raw_name)
        chunks.append(entry.data)
        offset += len(header) + len(raw_name) + len(entry.data)
        if offset > _MAX_32 or entry.size > _MAX_32:
            raise ValueError("deck too large for a plain zip (over 4 GiB)")
    central_bytes = b"".join(central)
    if len(members) > 0xFFFF:
        raise ValueError("too many parts for a plain zip")
    end = struct.pack(
        "<4s4H2LH",
        b"PK\x05\x06",
        0,
        0,
        len(members),
        len(members),
        len(central_bytes),
        offset,
        0,
    )
    return b"".join(chunks) + central_bytes + end
