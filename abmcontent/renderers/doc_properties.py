"""The document properties of a generated Office file, from its render context.

Title, subject and author come from the document, the account and the seller; an internal
document says so in its keywords and comments ("社内用・社外秘" / "Internal — do not
forward"); a customer document's properties carry nothing else (no template author, no
tool name, nothing from internal fields).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

CORE_PART = "/docProps/core.xml"
_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def properties_of(context: Mapping[str, Any]) -> dict[str, str]:
    """``title``, ``subject``, ``creator``, ``keywords`` and ``description`` of a document."""
    document = context.get("document") or {}
    account = (context.get("account") or {}).get("name", "")
    seller = (context.get("seller") or {}).get("name", "")
    classification = str(document.get("classification") or "")
    title = " · ".join(p for p in (str(document.get("name", "")), account) if p)
    if classification:
        title = f"{title}（{classification}）" if context.get("locale") == "ja" else (
            f"{title} ({classification})"
        )
    return {
        "title": title,
        "subject": account,
        "creator": seller,
        "keywords": classification,
        "description": classification,
    }


def core_properties_xml(context: Mapping[str, Any], date: str) -> bytes:
    """A ``docProps/core.xml`` for the document of ``context``, dated ``date`` (ISO)."""
    values = properties_of(context)
    root = etree.Element(f"{{{_NS['cp']}}}coreProperties", nsmap=_NS)
    for tag, value in (
        ("dc:title", values["title"]),
        ("dc:subject", values["subject"]),
        ("dc:creator", values["creator"]),
        ("cp:keywords", values["keywords"]),
        ("dc:description", values["description"]),
        ("cp:lastModifiedBy", values["creator"]),
        ("cp:revision", "1"),
    ):
        prefix, name = tag.split(":")
        etree.SubElement(root, f"{{{_NS[prefix]}}}{name}").text = value
    for name in ("created", "modified"):
        stamp = etree.SubElement(root, f"{{{_NS['dcterms']}}}{name}")
        stamp.set(f"{{{_NS['xsi']}}}type", "dcterms:W3CDTF")
        stamp.text = f"{date}T00:00:00Z"
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
