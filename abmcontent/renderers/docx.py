"""Word documents from docxtpl templates, rendered at the XML level from a prepared template.

A template is a .docx a marketer edits in Word, with Jinja tags in paragraphs and table rows
in docxtpl's syntax (``{{ }}``, ``{%p %}``, ``{%tr %}``, ``{{r }}``...). Each template is
prepared once per process (:class:`PreparedDocx`): its parts are read, the body, headers,
footers and core properties are cleaned by docxtpl's ``patch_xml`` and compiled into Jinja
templates of the sandboxed, autoescaping environment, and the static parts are compressed.
A render then only runs the compiled templates, adds pictures (logos, result charts) and
concatenates the zip, which is several times faster than docxtpl loading and saving the
document with python-docx each time.

At render time the styles are set from the context: the document language and its fonts
(Noto Sans CJK JP as the East Asian font, and as the only family for Japanese documents),
and the template's default colours replaced by the seller's brand colours.
"""

from __future__ import annotations

import html
import os
import re
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from abmcontent.errors import RenderError, TemplateError
from abmcontent.jinja_env import make_environment
from abmcontent.layout import ASSETS_DIR, TEMPLATES_DIR
from abmcontent.office_links import ExternalLink, refused_links, strip_links
from abmcontent.office_zip import read_office_zip
from abmcontent.renderers.base import RenderedDocument, Renderer, RenderRequest
from abmcontent.renderers.docx_package import Deflated, deflate, write_zip
from abmcontent.renderers.html_jinja import (
    clean_context,
    describe,
    error_expression,
    error_line,
    unknown_filters,
)

#: the colours a default template is drawn in; replaced by the seller's at render time
TEMPLATE_COLORS = {
    "primary": "1F3A5F",
    "primary_light": "E4E9F0",
    "accent": "C98A14",
    "accent_text": "8A5A00",
    "accent_light": "FBF0DC",
    "text": "1F2937",
}
#: the Latin and East Asian fonts a default template names; Japanese documents use one family
LATIN_FONT = "Noto Sans"
JAPANESE_FONT = "Noto Sans CJK JP"
#: logos in the running header: at most this box, aspect ratio kept (EMU)
LOGO_BOX = (1_080_000, 252_000)
COVER_LOGO_BOX = (1_620_000, 540_000)

_NS_DRAWING = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_REL_HEADER = "/relationships/header"
_REL_FOOTER = "/relationships/footer"
#: parts rendered besides the headers and footers: the body, notes and properties
_RENDERED_PARTS = (
    "word/document.xml", "word/footnotes.xml", "word/endnotes.xml",
    "docProps/core.xml", "docProps/custom.xml",
)
_PROPERTY_PARTS = ("docProps/core.xml", "docProps/custom.xml")
#: what the context keeps of the XML-illegal characters: \a (new paragraph), \f (page break)
_CONTEXT_ILLEGAL = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x07\x0c]")
#: docxtpl's escapes for literal tags, replaced after rendering
_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_LEFTOVER_TAG = re.compile(r"{{|{%")
#: the context entry that holds what the renderer adds (pictures, charts)
NAMESPACE = "abmcontent"
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_PARAGRAPH = re.compile(r"<w:p[ >]|{%p |{{p |{#p ")
_ROW = re.compile(r"<w:tr[ >]|{%tr |{#tr ")
_CELL = re.compile(r"<w:tc[ >]|{%tc ")
_TABLE_OPEN = re.compile(r"<w:tbl>")
_TABLE_CLOSE = re.compile(r"</w:tbl>")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


# -- pictures -----------------------------------------------------------------------------

def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return None


def _image_size(data: bytes) -> tuple[int, int]:
    size = _png_size(data)
    if size:
        return size
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(data)) as image:
        return int(image.width), int(image.height)


def _fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """Scale ``size`` (pixels) to fit inside ``box`` (EMU) keeping the aspect ratio."""
    width, height = size
    if width <= 0 or height <= 0:
        return box
    scale = min(box[0] / width, box[1] / height)
    return int(width * scale), int(height * scale)


@dataclass
class _Media:
    """Pictures added while rendering one document, by the part that shows them."""

    part: str = "word/document.xml"
    files: dict[str, bytes] = field(default_factory=dict)
    rels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    count: int = 0

    def add(self, data: bytes, ext: str) -> str:
        self.count += 1
        name = f"abm_image{self.count}.{ext}"
        self.files[f"word/media/{name}"] = data
        rel_id = f"rIdAbm{self.count}"
        self.rels.setdefault(self.part, []).append((rel_id, f"media/{name}"))
        return rel_id


class DocxPicture:
    """A picture placed with ``{{r images.seller_logo }}``: renders as a run with a drawing."""

    def __init__(self, media: _Media, data: bytes, ext: str, size_emu: tuple[int, int],
                 name: str) -> None:
        self._media = media
        self._data = data
        self._ext = ext
        self.width, self.height = size_emu
        self._name = name

    def __html__(self) -> str:
        rel_id = self._media.add(self._data, self._ext)
        name = html.escape(self._name, quote=True)
        cx, cy = self.width, self.height
        return (
            f"<w:r><w:drawing><wp:inline {_NS_DRAWING} distT=\"0\" distB=\"0\" distL=\"0\" "
            f"distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>"
            f"<wp:docPr id=\"1\" name=\"{name}\"/><wp:cNvGraphicFramePr>"
            "<a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
            "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/"
            "picture\"><pic:pic><pic:nvPicPr>"
            f"<pic:cNvPr id=\"0\" name=\"{name}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>"
            f"<a:blip r:embed=\"{rel_id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            f"<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>"
            "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )

    def __str__(self) -> str:
        return self.__html__()


#: badge styles of the default templates that print white text on a dark fill
WHITE_BADGES = frozenset({"BadgeDecisionMaker"})


def badge(label: Any, kind: Any) -> Markup:
    """Filter: ``{{r p.influence_label|badge(p.influence) }}`` prints a coloured badge.

    The run takes the character style ``Badge <kind>`` (``Badge decision_maker``...), which
    the default templates define; unknown kinds use ``Badge``. A badge does not wrap: its
    spaces are non-breaking (templates put badges at the start of a line, so that short
    Japanese labels such as ``決裁者`` stay whole too).
    """
    text = html.escape(str(label or "").strip(), quote=False).replace(" ", "\u00a0")
    if not text:
        return Markup("")
    style = f"Badge{re.sub(r'[^A-Za-z0-9]', '', str(kind).title())}" if kind else "Badge"
    # LibreOffice drops a character style's white text inside table cells: say it directly
    white = '<w:color w:val="FFFFFF"/>' if style in WHITE_BADGES else ""
    return Markup(
        f'<w:r><w:rPr><w:rStyle w:val="{style}"/>{white}</w:rPr>'
        f'<w:t xml:space="preserve">\u00a0{text}\u00a0</w:t></w:r>'
    )


DOCX_FILTERS = {"badge": badge}


# -- the prepared template ----------------------------------------------------------------

@dataclass
class _Part:
    """One XML part rendered through Jinja."""

    name: str
    label: str
    template: jinja2.Template
    source: str


@dataclass
class PreparedDocx:
    """A docx template ready to render many documents.

    Attributes:
        order: every part name, in the template's order.
        static: the compressed parts that never change.
        raw: the bytes of parts rewritten per document (styles, rels, content types).
        parts: the Jinja-rendered XML parts.
        external_links: the external relationships removed from the template.
    """

    order: list[str]
    static: dict[str, Deflated]
    raw: dict[str, bytes]
    parts: list[_Part]
    external_links: list[ExternalLink]
    styles_cache: dict[tuple[str, ...], Deflated] = field(default_factory=dict)


def _patcher() -> Any:
    from docxtpl import DocxTemplate

    return DocxTemplate(os.devnull)


def _part_label(name: str) -> str:
    if name == "word/document.xml":
        return "body"
    if name == "docProps/core.xml":
        return "document properties"
    if name == "docProps/custom.xml":
        return "custom properties"
    return Path(name).stem


def location_in(source: str, line: int, label: str) -> str:
    """Describe where line ``line`` of a compiled part is: a paragraph or a table cell.

    Args:
        source: the patched XML source the Jinja template was compiled from.
        line: the 1-based line of the error (every paragraph starts a line).
        label: the part (``body``, ``header1``...).

    Returns:
        ``body, paragraph 12 ("Dear {{ x }}")`` or ``body, table 2, row 3, cell 1 (...)``.
    """
    lines = source.split("\n")
    offset = sum(len(x) + 1 for x in lines[: max(0, line - 1)])
    before = source[:offset]
    paragraph = len(_PARAGRAPH.findall(before)) + 1
    where = f"{label}, paragraph {paragraph}"
    opened = len(_TABLE_OPEN.findall(before))
    closed = len(_TABLE_CLOSE.findall(before))
    if opened > closed:
        table_start = [m.start() for m in _TABLE_OPEN.finditer(before)][-1]
        inside = before[table_start:]
        row = len(_ROW.findall(inside))
        row_start = max((m.start() for m in _ROW.finditer(inside)), default=0)
        cell = max(1, len(_CELL.findall(inside[row_start:])))
        where = f"{label}, table {opened}, row {max(1, row)}, cell {cell}"
    text = "".join(_TEXT.findall(lines[line - 1])) if 0 < line <= len(lines) else ""
    text = re.sub(r"<[^>]+>", "", text).strip()
    if text:
        shown = text if len(text) <= 60 else text[:57] + "..."
        where += f" (\u201c{html.unescape(shown)}\u201d)"
    return where


def _check_unrendered(contents: dict[str, bytes], rendered: set[str], template_name: str) -> None:
    """Refuse a template whose parts that are not rendered (comments...) hold a tag.

    Jinja consumes every tag of the rendered parts; a tag anywhere else would reach the
    document as typed.
    """
    for name, data in contents.items():
        if name in rendered or not name.endswith(".xml") or "/_rels/" in name:
            continue
        text = "".join(_TEXT.findall(data.decode("utf-8", "replace")))
        found = _LEFTOVER_TAG.search(text)
        if found:
            raise TemplateError(
                template_name, _part_label(name),
                f"this part is not rendered but holds a tag ({text[found.start():][:40]!r}); "
                "move the tag into the body, a header, a footer or a note",
            )


def _fix_tables(document: str) -> str:
    """Repair the column grid of tables whose rows gained or lost cells, as docxtpl does."""
    from lxml import etree

    tree = _patcher().fix_tables(document.encode("utf-8"))
    return str(etree.tostring(tree, encoding="unicode", xml_declaration=False)).join(
        ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', ""))


def _recolor(xml: str, colors: dict[str, str]) -> str:
    """Replace the template's default colours in ``xml`` by the context's brand colours."""
    def hexval(key: str, fallback: str) -> str:
        value = str(colors.get(key) or fallback).lstrip("#").upper()
        return value if re.fullmatch(r"[0-9A-F]{6}", value) else fallback

    primary = hexval("primary", TEMPLATE_COLORS["primary"])
    primary_text = hexval("primary_text", primary)
    xml = xml.replace(f'<w:color w:val="{TEMPLATE_COLORS["primary"]}"',
                      f'<w:color w:val="{primary_text}"')
    xml = xml.replace(TEMPLATE_COLORS["primary"], primary)
    for key in ("primary_light", "accent", "accent_text", "accent_light", "text"):
        xml = xml.replace(TEMPLATE_COLORS[key], hexval(key, TEMPLATE_COLORS[key]))
    return xml


def _localize_fonts(xml: str, locale: str) -> str:
    """Make the default Latin font the Japanese family in Japanese documents."""
    if locale != "ja":
        return xml
    xml = xml.replace(f'w:ascii="{LATIN_FONT}"', f'w:ascii="{JAPANESE_FONT}"')
    xml = xml.replace(f'w:hAnsi="{LATIN_FONT}"', f'w:hAnsi="{JAPANESE_FONT}"')
    return xml.replace('w:lang w:val="en-US"', 'w:lang w:val="ja-JP"')


def _add_relationships(rels_xml: str, new: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<Relationship Id="{rid}" Type="{_REL_IMAGE}" Target="{target}"/>' for rid, target in new
    )
    return rels_xml.replace("</Relationships>", entries + "</Relationships>")


_EMPTY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "</Relationships>"
)


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


class DocxRenderer(Renderer):
    """Renders ``.docx`` docxtpl templates into Word documents."""

    format = "docx"
    template_suffix = ".docx"

    def __init__(self) -> None:
        self._env = make_environment(autoescape=True, extra_filters=DOCX_FILTERS)
        self._prepared: dict[tuple[str, int, int], PreparedDocx] = {}
        self._lock = threading.Lock()

    # -- preparing -------------------------------------------------------------------------

    def prepare(self, template: Path, template_name: str) -> PreparedDocx:
        """Read, patch and compile ``template`` once per version of the file."""
        try:
            stat = template.stat()
        except OSError as exc:
            raise RenderError(f"{template_name}: cannot read template: {exc}") from exc
        key = (str(template.resolve()), stat.st_mtime_ns, stat.st_size)
        with self._lock:
            prepared = self._prepared.get(key)
            if prepared is None:
                prepared = self._prepare(template, template_name)
                self._prepared = {
                    k: v for k, v in self._prepared.items() if k[0] != key[0]
                }
                self._prepared[key] = prepared
        return prepared

    def _prepare(self, template: Path, template_name: str) -> PreparedDocx:
        from lxml import etree

        contents = read_office_zip(template, template_name)
        external = refused_links(contents)
        contents = strip_links(contents, external)
        order = list(contents)
        if "word/document.xml" not in contents:
            raise RenderError(f"{template_name}: not a Word document (no word/document.xml)")
        rels = contents.get("word/_rels/document.xml.rels", b"").decode("utf-8")
        jinja_parts = list(_RENDERED_PARTS)
        for tag in _RELATIONSHIP.findall(rels):
            attrs = dict(_ATTR.findall(tag))
            if attrs.get("Type", "").endswith((_REL_HEADER, _REL_FOOTER)):
                jinja_parts.append("word/" + attrs.get("Target", "").lstrip("/"))
        patcher = _patcher()
        parts: list[_Part] = []
        for name in jinja_parts:
            if name not in contents:
                continue
            root = etree.fromstring(contents[name])
            declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            xml = etree.tostring(root, encoding="unicode")
            source = patcher.patch_xml(xml) if name not in _PROPERTY_PARTS else xml
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
            label = _part_label(name)
            try:
                compiled = self._env.from_string(source)
            except jinja2.TemplateSyntaxError as exc:
                raise self._template_error(exc, template_name, source, label) from exc
            parts.append(_Part(name, label, compiled, declaration + source))
        _check_unrendered(contents, {p.name for p in parts}, template_name)
        rewritten = {p.name for p in parts} | {
            "word/styles.xml", "[Content_Types].xml",
        } | {_rels_name(p.name) for p in parts}
        static = {
            name: deflate(data) for name, data in contents.items() if name not in rewritten
        }
        raw = {name: data for name, data in contents.items() if name in rewritten}
        return PreparedDocx(order, static, raw, parts, external)

    def _template_error(
        self, exc: BaseException, template_name: str, source: str, label: str
    ) -> TemplateError:
        line, _ = error_line(exc)
        reason = describe(exc)
        if "No filter named" in reason:
            names = unknown_filters(html.unescape(source), self._env.filters)
            if len(names) > 1:
                reason = f"syntax error: unknown filters {', '.join(names)}"
        if line is None:
            return TemplateError(template_name, label, reason)
        # the stored source has the XML declaration line in front
        lines = source.split("\n")
        offset = 1 if lines and lines[0].startswith("<?xml") else 0
        body = "\n".join(lines[offset:])
        text_line = lines[line - 1 + offset] if line - 1 + offset < len(lines) else ""
        return TemplateError(
            template=template_name,
            location=location_in(body, line, label),
            reason=reason,
            expression=error_expression(exc, html.unescape(text_line)),
        )

    def check_template(self, template: Path, template_name: str) -> list[str]:
        """Compile every part of ``template``; return its syntax errors and refused links."""
        try:
            prepared = self.prepare(template, template_name)
        except (TemplateError, RenderError) as exc:
            return [str(exc)]
        return [
            link.message(template_name)
            for link in prepared.external_links
        ]

    # -- rendering -------------------------------------------------------------------------

    def _picture(
        self, media: _Media, path: Any, box: tuple[int, int], roots: list[Path],
        warnings: list[str],
    ) -> DocxPicture | str:
        if not path:
            return ""
        real = Path(os.path.realpath(str(path)))
        if not any(real.is_relative_to(root) for root in roots) or not real.is_file():
            warnings.append(f"picture not read (outside the workspace's assets): {path}")
            return ""
        data = real.read_bytes()
        ext = real.suffix.lower().lstrip(".") or "png"
        ext = "jpeg" if ext == "jpg" else ext
        try:
            size = _fit(_image_size(data), box)
        except (OSError, ValueError, SyntaxError):  # PIL's errors for unreadable images
            warnings.append(f"picture not readable: {path}")
            return ""
        return DocxPicture(media, data, ext, size, real.name)

    def _context(
        self, request: RenderRequest, media: _Media, warnings: list[str]
    ) -> dict[str, Any]:
        from abmcontent.renderers.docx_chart import bar_chart_png

        if NAMESPACE in request.context:
            raise RenderError(
                f"{request.template_name}: the context entry '{NAMESPACE}' is reserved for "
                "the pictures and charts the renderer adds")
        context: dict[str, Any] = clean_context(request.context, _CONTEXT_ILLEGAL)
        roots = [
            Path(os.path.realpath(request.workspace_root / ASSETS_DIR)),
            Path(os.path.realpath(request.workspace_root / TEMPLATES_DIR)),
        ]
        account = context.get("account") or {}
        seller = context.get("seller") or {}
        color = str((seller.get("colors") or {}).get("primary") or "#333333")
        own: dict[str, Any] = {"charts": {}, "other_results": {}}
        context[NAMESPACE] = own
        own["images"] = {
            "account_logo": self._picture(media, account.get("logo"), LOGO_BOX, roots, warnings),
            "seller_logo": self._picture(media, seller.get("logo"), LOGO_BOX, roots, warnings),
            "account_logo_large": self._picture(
                media, account.get("logo"), COVER_LOGO_BOX, roots, warnings),
        }
        for story in context.get("case_studies") or []:
            pct = [r for r in story.get("results") or [] if r.get("unit") == "%"]
            own["other_results"][story["id"]] = [
                r for r in story.get("results") or [] if r not in pct]
            own["charts"][story["id"]] = ""
            if pct:
                png, cx, cy = bar_chart_png(
                    tuple(str(r["metric"]) for r in pct),
                    tuple(float(r["magnitude"]) for r in pct),
                    tuple(str(r["display"]) for r in pct),
                    color,
                )
                own["charts"][story["id"]] = DocxPicture(
                    media, png, "png", (cx, cy), f"chart-{story['id']}")
        return context

    def _styles(self, prepared: PreparedDocx, context: dict[str, Any]) -> Deflated | None:
        raw = prepared.raw.get("word/styles.xml")
        if raw is None:
            return None
        colors = (context.get("seller") or {}).get("colors") or {}
        key = (
            str(context.get("locale", "en")),
            *(str(colors.get(k, "")) for k in ("primary", "primary_text", *TEMPLATE_COLORS)),
        )
        cached = prepared.styles_cache.get(key)
        if cached is None:
            xml = raw.decode("utf-8")
            xml = _localize_fonts(_recolor(xml, colors), key[0])
            cached = deflate(xml.encode("utf-8"))
            if len(prepared.styles_cache) > 16:
                prepared.styles_cache.clear()
            prepared.styles_cache[key] = cached
        return cached

    def render(self, request: RenderRequest) -> RenderedDocument:
        """Render one Word document; ``TemplateError`` for template faults."""
        from docxtpl import DocxTemplate
        from lxml import etree

        prepared = self.prepare(request.template, request.template_name)
        warnings = [
            link.message(request.template_name)
            for link in prepared.external_links
        ]
        media = _Media()
        context = self._context(request, media, warnings)
        produced: dict[str, bytes] = {}
        docpr = 0

        def renumber(match: re.Match[str]) -> str:
            nonlocal docpr
            docpr += 1
            return f"{match.group(1)}{docpr}{match.group(3)}"

        for part in prepared.parts:
            media.part = part.name
            try:
                xml = part.template.render(context)
            except (jinja2.TemplateError, TypeError, ValueError, AttributeError,
                    KeyError) as exc:
                raise self._template_error(
                    exc, request.template_name, part.source, part.label) from exc
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            for escaped, literal in _ESCAPES:
                xml = xml.replace(escaped, literal)
            if part.name not in _PROPERTY_PARTS:
                xml = DocxTemplate.resolve_listing(None, xml)
                xml = _DOCPR_ID.sub(renumber, xml)
            xml = _CONTROL.sub("", xml)
            document = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml
            try:
                etree.fromstring(document.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise TemplateError(
                    request.template_name, part.label,
                    f"the template produces invalid Word XML ({exc}); check that "
                    "{%p %}/{%tr %} tags open and close in matching paragraphs and rows",
                ) from exc
            if part.name == "word/document.xml" and "<w:tbl>" in xml:
                document = _fix_tables(document)
            produced[part.name] = document.encode("utf-8")

        raw = prepared.raw
        for part_name, rels in media.rels.items():
            rels_name = _rels_name(part_name)
            current = raw.get(rels_name, _EMPTY_RELS.encode()).decode("utf-8")
            produced[rels_name] = _add_relationships(current, rels).encode("utf-8")
        types = raw.get("[Content_Types].xml", b"").decode("utf-8")
        for ext, mime in (("png", "image/png"), ("jpeg", "image/jpeg")):
            if any(n.endswith("." + ext) for n in media.files) and (
                    f'Extension="{ext}"' not in types):
                types = types.replace(
                    "</Types>", f'<Default Extension="{ext}" ContentType="{mime}"/></Types>')
        produced["[Content_Types].xml"] = types.encode("utf-8")

        members: list[tuple[str, Deflated]] = []
        styles = self._styles(prepared, context)
        names = list(prepared.order)
        names += [n for n in produced if n not in names]
        names += list(media.files)
        for name in names:
            if name == "word/styles.xml" and styles is not None:
                members.append((name, styles))
            elif name in produced:
                members.append((name, deflate(produced[name], 1)))
            elif name in prepared.static:
                members.append((name, prepared.static[name]))
            elif name in media.files:
                members.append((name, deflate(media.files[name], 1)))
            elif name in raw:
                members.append((name, deflate(raw[name], 1)))
        return RenderedDocument(write_zip(members), warnings)
