"""Read an Office file (a .pptx or .docx zip) within bounds, refusing hostile XML.

Every Office file the product opens goes through :func:`read_office_zip`, so that

- a zip bomb cannot exhaust memory: each member, the whole package and the compression
  ratio of large members are bounded by what the zip's directory declares, before anything
  is decompressed, and members are read in chunks, so one holding more than it declares
  stops being read there;
- no XML part may declare a DTD (Office never writes one): internal entities ("billion
  laughs"), undefined and external entities are refused, never expanded;
- every XML part is well-formed, so later parsing cannot fail with an unexplained error.

Each refusal is a :class:`~abmcontent.errors.TemplateError` naming the file and the part.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from abmcontent.errors import TemplateError

#: the largest single member, uncompressed
MAX_MEMBER_BYTES = 128 * 1024 * 1024
#: the largest package, all members uncompressed
MAX_TOTAL_BYTES = 384 * 1024 * 1024
#: members over this size must compress by at most :data:`MAX_RATIO`
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: a document type declaration in the prolog (after a BOM, the XML declaration, comments)
_PROLOG_DTD = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*<!DOCTYPE", re.DOTALL)
_DTD_REASON = (
    "the part declares a DTD (<!DOCTYPE ...>); entities are not allowed in Office files"
)
#: never resolves entities, never loads a DTD, never touches the network
_CHECK_PARSER = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True
)


def _limit_error(name: str, member: str, reason: str) -> TemplateError:
    return TemplateError(name, member, f"{reason}: refused as a possible zip bomb")


def _check_declared(info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a member whose declared size or compression ratio is out of bounds."""
    declared = info.file_size
    if declared > MAX_MEMBER_BYTES:
        raise _limit_error(
            name, info.filename, f"the part expands to more than {MAX_MEMBER_BYTES // 2**20} MiB"
        )
    if declared > RATIO_FLOOR_BYTES and declared > MAX_RATIO * max(1, info.compress_size):
        raise _limit_error(name, info.filename, f"the part compresses more than {MAX_RATIO}:1")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Read one member in chunks, never past the size the zip's directory declares."""
    limit = info.file_size
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(min(_CHUNK, limit - size + 1))
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _limit_error(
                    name, info.filename, "the part holds more than its header declares"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def check_xml_part(name: str, member: str, data: bytes) -> None:
    """Refuse an XML part that declares a DTD (entities) or is not well-formed.

    Args:
        name: the file, for the error message.
        member: the part's name in the zip.
        data: the part's bytes.

    Raises:
        TemplateError: the part declares a DTD or is not well-formed XML.
    """
    text = data.decode("utf-16", "replace").encode("utf-8") if data[:2] in _UTF16_BOMS else data
    if _PROLOG_DTD.match(text):
        raise TemplateError(name, member, _DTD_REASON)
    try:
        root = etree.fromstring(data, _CHECK_PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(name, member, f"the part is not well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise TemplateError(name, member, _DTD_REASON)


def read_office_zip(path: Path, name: str) -> dict[str, bytes]:
    """Read every member of an Office file, within the bounds of this module.

    Args:
        path: the .pptx or .docx file.
        name: the name used in error messages (``templates/proposal.pptx``).

    Returns:
        Member name (as in the zip, no leading slash) to bytes, in the zip's order.

    Raises:
        TemplateError: the file is not a readable zip, is too large once uncompressed,
            compresses suspiciously well, or holds an XML part with a DTD or bad syntax.
    """
    members: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if len(infos) > MAX_MEMBERS:
                raise _limit_error(name, "", f"the file has more than {MAX_MEMBERS} parts")
            for info in infos:
                _check_declared(info, name)
            declared = sum(i.file_size for i in infos)
            if declared > MAX_TOTAL_BYTES:
                raise _limit_error(
                    name, "", f"the file expands to more than {MAX_TOTAL_BYTES // 2**20} MiB"
                )
            for info in infos:
                members[info.filename] = _read_member(archive, info, name)
    except (
        OSError, zipfile.BadZipFile, EOFError, ValueError, RuntimeError, NotImplementedError
    ) as exc:
        raise TemplateError(name, "", f"not a readable Office file: {exc}") from None
    for member, data in members.items():
        if member.lower().endswith(_XML_SUFFIXES):
            check_xml_part(name, member, data)
    return members
