"""Write a .docx zip from parts, compressing the static ones only once.

A template's unchanging parts (theme, settings, numbering, fonts...) are deflated when the
template is prepared (:func:`deflate`); a render deflates only the parts it produced and
concatenates bytes (:func:`write_zip`). Plain ZIP without ZIP64, as Word writes it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_DEFLATED = 8
# 1980-01-01 00:00:00 in DOS format: reproducible output.
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1


@dataclass(frozen=True)
class Deflated:
    """One compressed zip member.

    Attributes:
        crc: CRC-32 of the uncompressed bytes.
        size: uncompressed size.
        data: the raw deflate stream.
    """

    crc: int
    size: int
    data: bytes


def deflate(payload: bytes, level: int = 6) -> Deflated:
    """Compress ``payload`` as a raw deflate stream for a zip member."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(payload) + compressor.flush()
    return Deflated(zlib.crc32(payload) & 0xFFFFFFFF, len(payload), data)


def write_zip(members: list[tuple[str, Deflated]]) -> bytes:
    """Concatenate ``members`` (name, compressed part) into the bytes of a zip file."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, part in members:
        encoded = name.encode("utf-8")
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, _DEFLATED, _DOS_TIME, _DOS_DATE,
            part.crc, len(part.data), part.size, len(encoded), 0,
        )
        local.append(header + encoded + part.data)
        central.append(struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, _DEFLATED, _DOS_TIME,
            _DOS_DATE, part.crc, len(part.data), part.size, len(encoded), 0, 0, 0, 0, 0,
            offset,
        ) + encoded)
        offset += len(header) + len(encoded) + len(part.data)
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0
    )
    return b"".join(local) + directory + end
