"""External relationships of Office files: find the refused ones and strip them.

A relationship with ``TargetMode="External"`` points outside the file: a linked picture, an
attached Word template, a ``file://`` hyperlink, a linked OLE object. Office programs and
LibreOffice follow such links when they open a document, so a template could make a
document fetch a URL or show a local file. Only ``http``/``https`` hyperlinks may point
outside; every other external target is reported by ``validate`` (:func:`refused_links`)
and removed from what is rendered (:func:`strip_links`), with the references to it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HYPERLINK = "/hyperlink"
_ALLOWED_SCHEMES = ("http://", "https://")
#: elements that only exist to point at their target: removed with it
_LINK_ONLY = frozenset({"attachedTemplate", "subDoc"})
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


@dataclass(frozen=True)
class ExternalLink:
    """A refused external relationship.

    Attributes:
        source: the zip member that has the relationship (``ppt/slides/slide1.xml``;
            ``""`` for the package itself).
        rid: the relationship id.
        kind: the last segment of its type (``image``, ``attachedTemplate``, ``hyperlink``).
        target: where it points.
    """

    source: str
    rid: str
    kind: str
    target: str

    @property
    def location(self) -> str:
        """Where it is, for an error message: the part and the relationship."""
        part = self.source or "package"
        return f"{part}, relationship {self.rid} ({self.kind})"

    @property
    def reason(self) -> str:
        """Why it is refused."""
        shown = self.target if len(self.target) <= 120 else self.target[:117] + "..."
        return (
            f"external target '{shown}' is not allowed (only http(s) hyperlinks may point "
            "outside the file); it is removed from the documents"
        )

    def message(self, template: str) -> str:
        """The problem as ``validate`` prints it: ``template, part, relationship: reason``."""
        return f"{template}, {self.location}: {self.reason}"


def source_of(rels_member: str) -> str | None:
    """The member a ``.rels`` member describes (``""`` for the package), else ``None``."""
    head, tail = posixpath.split(rels_member)
    if posixpath.basename(head) != "_rels" or not tail.endswith(".rels"):
        return None
    folder = posixpath.dirname(head)
    stem = tail[: -len(".rels")]
    if not stem:
        return ""
    return posixpath.join(folder, stem) if folder else stem


def _allowed(kind: str, target: str) -> bool:
    return kind == "hyperlink" and target.strip().lower().startswith(_ALLOWED_SCHEMES)


def refused_links(members: dict[str, bytes]) -> list[ExternalLink]:
    """Every external relationship of a package other than an http(s) hyperlink.

    Args:
        members: the zip members (as :func:`~abmcontent.office_zip.read_office_zip` reads
            them: well-formed, without DTDs).

    Returns:
        The refused links, in member order.
    """
    found: list[ExternalLink] = []
    for member, data in members.items():
        source = source_of(member)
        if source is None:
            continue
        root = etree.fromstring(data, _PARSER)
        for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
            if rel.get("TargetMode", "").lower() != "external":
                continue
            kind = rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if not _allowed(kind, target):
                found.append(ExternalLink(source, rel.get("Id", ""), kind, target))
    return found


def _strip_rels(data: bytes, rids: set[str]) -> bytes:
    root = etree.fromstring(data, _PARSER)
    for rel in list(root.iter(f"{{{RELS_NS}}}Relationship")):
        if rel.get("Id", "") in rids:
            rel.getparent().remove(rel)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _strip_references(data: bytes, rids: set[str]) -> bytes:
    root = etree.fromstring(data, _PARSER)
    for element in list(root.iter()):
        refs = [k for k, v in element.attrib.items() if k.startswith(f"{{{R_NS}}}") and v in rids]
        if not refs:
            continue
        parent = element.getparent()
        if etree.QName(element).localname in _LINK_ONLY and parent is not None:
            parent.remove(element)
            continue
        for key in refs:
            del element.attrib[key]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def strip_links(members: dict[str, bytes], links: list[ExternalLink]) -> dict[str, bytes]:
    """The members without the refused relationships and the attributes that use them.

    ``r:link``/``r:id`` attributes naming a removed relationship are dropped (a linked
    picture becomes an empty frame, a ``file://`` hyperlink plain text); an attached
    template or sub-document element goes with its link.

    Args:
        members: the zip members.
        links: the links to remove (from :func:`refused_links`).

    Returns:
        A new mapping, same order; unchanged members are the same bytes objects.
    """
    by_source: dict[str, set[str]] = {}
    for link in links:
        by_source.setdefault(link.source, set()).add(link.rid)
    out = dict(members)
    for member in members:
        source = source_of(member)
        if source is not None and source in by_source:
            out[member] = _strip_rels(members[member], by_source[source])
    for source, rids in by_source.items():
        if source in out:
            out[source] = _strip_references(out[source], rids)
    return out
