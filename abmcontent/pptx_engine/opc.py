"""Read an OPC package (a .pptx zip): parts, content types and relationships.

This is the small subset of Open Packaging Conventions the engine needs: it maps part names
(``/ppt/slides/slide1.xml``) to bytes, parses every ``.rels`` part into :class:`Rel` objects and
answers "what content type has this part". Writing lives in :mod:`.package`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.sax.saxutils import quoteattr

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NAME = "[Content_Types].xml"

RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
RT_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
RT_SLIDE_LAYOUT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
RT_SLIDE_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
RT_NOTES_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML bytes with a safe parser that drops ignorable whitespace.

    Args:
        data: the XML document.

    Returns:
        The root element.
    """
    return etree.fromstring(data, _PARSER)


@dataclass(frozen=True)
class Rel:
    """One relationship from a source part.

    Attributes:
        rid: the relationship id (``rId3``).
        reltype: the relationship type URI.
        target: the target as written (relative URI, absolute part name or external URL).
        external: whether the target is outside the package.
    """

    rid: str
    reltype: str
    target: str
    external: bool = False

    def target_partname(self, source: str) -> str:
        """Resolve the target against the source part name.

        Args:
            source: the source part name (``/`` for the package itself).

        Returns:
            The absolute part name of the target.
        """
        target = unquote(self.target)
        if target.startswith("/"):
            return posixpath.normpath(target)
        return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def rels_partname(source: str) -> str:
    """Return the name of the ``.rels`` part holding the relationships of ``source``.

    Args:
        source: a part name, or ``/`` for the package relationships.

    Returns:
        The rels part name, e.g. ``/ppt/slides/_rels/slide1.xml.rels``.
    """
    if source == "/":
        return "/_rels/.rels"
    head, tail = posixpath.split(source)
    return f"{head}/_rels/{tail}.rels"


def relative_target(source: str, target_partname: str) -> str:
    """Return the relative URI from ``source`` to ``target_partname``.

    Args:
        source: the source part name.
        target_partname: the absolute target part name.

    Returns:
        A relative reference such as ``../media/image1.png``.
    """
    base = posixpath.dirname(source) or "/"
    return posixpath.relpath(target_partname, base)


def parse_rels(data: bytes) -> list[Rel]:
    """Parse a ``.rels`` part.

    Args:
        data: the part's bytes.

    Returns:
        The relationships in document order.
    """
    root = parse_xml(data)
    rels: list[Rel] = []
    for el in root.iter(f"{{{RELS_NS}}}Relationship"):
        rels.append(
            Rel(
                rid=el.get("Id", ""),
                reltype=el.get("Type", ""),
                target=el.get("Target", ""),
                external=el.get("TargetMode") == "External",
            )
        )
    return rels


def serialize_rels(rels: list[Rel]) -> bytes:
    """Serialize relationships as a ``.rels`` part.

    Args:
        rels: the relationships.

    Returns:
        The XML bytes.
    """
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{RELS_NS}">'
    ]
    for rel in rels:
        mode = ' TargetMode="External"' if rel.external else ""
        out.append(
            f"<Relationship Id={quoteattr(rel.rid)} Type={quoteattr(rel.reltype)}"
            f" Target={quoteattr(rel.target)}{mode}/>"
        )
    out.append("</Relationships>")
    return "".join(out).encode("utf-8")


@dataclass
class ContentTypes:
    """The ``[Content_Types].xml`` part: defaults by extension, overrides by part name."""

    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: bytes) -> ContentTypes:
        """Parse the content types part.

        Args:
            data: the part's bytes.

        Returns:
            The parsed content types.
        """
        root = parse_xml(data)
        ct = cls()
        for el in root:
            tag = etree.QName(el).localname
            if tag == "Default":
                ct.defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
            elif tag == "Override":
                ct.overrides[el.get("PartName", "")] = el.get("ContentType", "")
        return ct

    def content_type(self, partname: str) -> str:
        """Return the content type of a part name (override first, then extension default).

        Args:
            partname: absolute part name.

        Returns:
            The content type, or ``""`` when unknown.
        """
        if partname in self.overrides:
            return self.overrides[partname]
        ext = posixpath.splitext(partname)[1].lstrip(".").lower()
        return self.defaults.get(ext, "")

    def serialize(self, defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
        """Serialize a content types part.

        Args:
            defaults: extension to content type.
            overrides: part name to content type.

        Returns:
            The XML bytes.
        """
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{CT_NS}">']
        for ext, ctype in defaults.items():
            out.append(f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(ctype)}/>")
        for name, ctype in overrides.items():
            out.append(f"<Override PartName={quoteattr(name)} ContentType={quoteattr(ctype)}/>")
        out.append("</Types>")
        return "".join(out).encode("utf-8")


@dataclass
class OpcPackage:
    """A package read fully into memory.

    Attributes:
        parts: part name to bytes, for every zip member except rels and content types.
        rels: source part name (``/`` for the package) to its relationships.
        content_types: the parsed ``[Content_Types].xml``.
        order: part names in their original zip order (rels parts included).
    """

    parts: dict[str, bytes]
    rels: dict[str, list[Rel]]
    content_types: ContentTypes
    order: list[str]

    @classmethod
    def from_members(cls, members: dict[str, bytes]) -> OpcPackage:
        """Build a package from its zip members.

        Args:
            members: member name (no leading slash) to bytes, in zip order, as
                :func:`abmcontent.office_zip.read_office_zip` reads them.

        Returns:
            The package.

        Raises:
            KeyError: the zip has no content types part.
        """
        ct = ContentTypes.parse(members[CONTENT_TYPES_NAME])
        parts: dict[str, bytes] = {}
        rels_data: dict[str, bytes] = {}
        order: list[str] = []
        for member, data in members.items():
            if member == CONTENT_TYPES_NAME:
                continue
            name = "/" + member
            order.append(name)
            if name.endswith(".rels") and "/_rels/" in name:
                rels_data[name] = data
            else:
                parts[name] = data
        rels: dict[str, list[Rel]] = {}
        for name, data in rels_data.items():
            head, tail = posixpath.split(name)
            source_dir = posixpath.dirname(head)
            source = (
                "/"
                if tail == ".rels" and source_dir == "/"
                else (posixpath.join(source_dir, tail[: -len(".rels")]))
            )
            rels[source] = parse_rels(data)
        return cls(parts=parts, rels=rels, content_types=ct, order=order)

    def rels_of(self, source: str) -> list[Rel]:
        """Return the relationships of a part (empty when it has none).

        Args:
            source: the source part name.

        Returns:
            Its relationships.
        """
        return self.rels.get(source, [])

    def related(self, source: str, reltype: str) -> str | None:
        """Return the part name of the first internal target of ``reltype``.

        Args:
            source: the source part name.
            reltype: the relationship type.

        Returns:
            The target part name, or ``None``.
        """
        for rel in self.rels_of(source):
            if rel.reltype == reltype and not rel.external:
                return rel.target_partname(source)
        return None

    def target_by_rid(self, source: str, rid: str) -> str | None:
        """Return the target part name of relationship ``rid`` of ``source``.

        Args:
            source: the source part name.
            rid: the relationship id.

        Returns:
            The target part name, or ``None`` if missing or external.
        """
        for rel in self.rels_of(source):
            if rel.rid == rid and not rel.external:
                return rel.target_partname(source)
        return None
