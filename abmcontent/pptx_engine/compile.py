"""Turn a slide's XML (and its notes' XML) into the source of one Jinja template.

Each tag typed in a text run becomes Jinja code placed directly in the part's XML, so a render
is a single ``Template.render`` that outputs finished XML. Rules applied here:

* Runs split inside a tag are merged first (:mod:`.xmltext`); typographic quotes inside tags
  are straightened.
* ``{{ expr }}`` prints the value XML-escaped (the environment autoescapes); data is never
  compiled, so a value containing ``{{ 7*7 }}`` is printed literally.
* Inline ``{% if %}``/``{% for %}`` blocks must open and close in the same paragraph.
* **Paragraph directives**: a paragraph holding only ``{%p for x in items %}`` ... and a later
  one holding only ``{%p endfor %}`` repeat the paragraphs between them (with their
  formatting); ``{%p if cond %}`` / ``{%p elif cond %}`` / ``{%p else %}`` / ``{%p endif %}``
  keep them conditionally. The directive paragraphs themselves disappear, and so do paragraphs
  holding only ``{# comments #}``. Both ends must be in the same text box.
* **Row directives**: a table row whose first cell holds ``{%tr for r in rows %}`` and a later
  row whose first cell holds ``{%tr endfor %}`` repeat the rows between (``{%tr if %}`` too);
  the directive rows disappear and repeated rows keep the template row's fills and fonts.
* A ``{%slide ... %}`` tag anywhere but alone on a line of the notes is an error, as is any
  ``{{``, ``{%`` or ``{#`` left without its closing delimiter.

Every emitted tag body starts on a new line of the generated source, and :class:`Emitter`
records which tag each line belongs to, so Jinja errors (which carry a line number) are reported
with the slide, the shape and the tag the marketer typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from abmcontent.errors import TemplateError

from .directives import ShapeDirective, directive_kind, shape_directive, strip_directive
from .fit import FitTarget
from .inherit import NSMAP, Inheritance, shape_placeholder
from .table_fit import TableTarget
from .xmltext import (
    A_T,
    TagSyntaxError,
    find_tags,
    has_tag_opener,
    merge_tag_runs,
    normalize_quotes,
    paragraph_text,
)

_A = "{" + NSMAP["a"] + "}"
_P = "{" + NSMAP["p"] + "}"
_R = "{" + NSMAP["r"] + "}"
_C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
COLLECT = "__abm_collect"
MEDIA_PREFIX = "abm-media:"
PENDING_RID = "abm-pending"
_MARKER_RE = re.compile("\ue000abm(\\d+)\ue001")
_STATIC_ESC = re.compile(r"\{(?=[{%#]|$)|\n|\r")
_BLOCK_OPEN = {"for", "if", "macro", "call", "filter", "with", "autoescape", "block"}
#: alt text that lets a shape's text run past its box (a warning, not an error)
ALLOW_OVERFLOW = "overflow: allow"
#: space kept between a table and the shape below it (0.1 in), in EMU
TABLE_GAP = 91440
_SHAPES = {f"{_P}sp", f"{_P}pic", f"{_P}graphicFrame", f"{_P}cxnSp", f"{_P}grpSp"}


@dataclass(frozen=True)
class TagInfo:
    """Where a generated line of Jinja came from.

    Attributes:
        location: ``slide 3, shape 'Title 1'`` and the like.
        expression: the tag as the marketer typed it.
    """

    location: str
    expression: str


@dataclass(frozen=True)
class MediaSlot:
    """An ``image:``/``chart:`` shape, in deck-wide order.

    Attributes:
        kind: ``image`` or ``chart``.
        expression: the value's expression.
        location: the shape's location.
        chart_rid: for charts, the relationship id of the chart part.
        placeholder: for images, whether the shape was an empty picture placeholder.
        chart_part: for charts, the chart part name (filled in by the loader).
    """

    kind: str
    expression: str
    location: str
    chart_rid: str = ""
    placeholder: bool = False
    chart_part: str = ""


@dataclass
class Emitter:
    """Hands out text markers for Jinja snippets and assembles the final source."""

    template: str
    snippets: list[tuple[str, TagInfo]] = field(default_factory=list)

    def marker(self, source: str, info: TagInfo) -> str:
        """Register a Jinja snippet and return the marker standing for it in the XML.

        Args:
            source: Jinja source; each tag body must start after a newline.
            info: where it came from.

        Returns:
            A private-use marker string to put into XML text or attributes.
        """
        self.snippets.append((source, info))
        return f"\ue000abm{len(self.snippets) - 1}\ue001"

    def tag(self, typed: str, info: TagInfo) -> str:
        """Register a tag as typed (``{{ x }}``, ``{%- if y %}``, ``{# c #}``).

        Args:
            typed: the complete tag text.
            info: where it came from.

        Returns:
            Its marker.
        """
        return self.marker(jinja_tag(typed), info)

    def assemble(self, pieces: list[str], lines: dict[int, TagInfo]) -> str:
        """Replace markers by Jinja snippets and escape the static text between them.

        Args:
            pieces: XML strings holding markers, concatenated in order.
            lines: filled with ``line number -> TagInfo`` for every generated line.

        Returns:
            The Jinja source.
        """
        out: list[str] = []
        line = 1
        for piece in pieces:
            pos = 0
            for m in _MARKER_RE.finditer(piece):
                out.append(_escape_static(piece[pos : m.start()]))
                source, info = self.snippets[int(m.group(1))]
                for _ in range(source.count("\n")):
                    line += 1
                    lines[line] = info
                out.append(source)
                pos = m.end()
            out.append(_escape_static(piece[pos:]))
        return "".join(out)


def _escape_static(text: str) -> str:
    """Keep static XML from being read as Jinja, and keep it on one line."""
    return _STATIC_ESC.sub(lambda m: {"\n": "&#10;", "\r": "&#13;"}.get(m.group(0), "&#123;"), text)


def jinja_tag(typed: str) -> str:
    r"""Rewrite a typed tag so that its body starts on a new line and quotes are straight.

    Args:
        typed: ``{{ x }}``, ``{%- if y -%}`` or ``{# note #}``.

    Returns:
        The same tag, e.g. ``{{\\n x }}``.
    """
    opener, closer = typed[:2], typed[-2:]
    inner = typed[2:-2]
    lflag = inner[:1] if inner[:1] in "-+" and inner else ""
    inner = inner[len(lflag) :]
    rflag = inner[-1:] if inner[-1:] in "-+" and inner and opener != "{#" else ""
    if rflag:
        inner = inner[:-1]
    body = normalize_quotes(inner).replace("\n", " ").replace("\r", " ").replace("\v", " ")
    if opener == "{#":
        body = body.replace("#}", "# }")
    return f"{opener}{lflag}\n{body}{rflag}{closer}"


def statement_word(typed: str) -> str:
    """Return the first word of a ``{% %}`` tag (``for``, ``endif`` ...).

    Args:
        typed: the tag text.

    Returns:
        The keyword, or ``""``.
    """
    inner = typed[2:-2].strip("-+ \t\n")
    return inner.split(None, 1)[0] if inner else ""


def _is_block_set(typed: str) -> bool:
    inner = typed[2:-2].strip("-+ \t")
    return inner.startswith("set ") and "=" not in inner


def shape_name(shape: etree._Element) -> str:
    """Return a shape's Selection-pane name.

    Args:
        shape: a shape element.

    Returns:
        Its ``cNvPr`` name, or ``""``.
    """
    c_nv_pr = shape.find("./*/p:cNvPr", NSMAP)
    return c_nv_pr.get("name", "") if c_nv_pr is not None else ""


def _shape_of(el: etree._Element) -> etree._Element | None:
    node: etree._Element | None = el
    while node is not None and node.tag not in _SHAPES:
        node = node.getparent()
    return node


class PartCompiler:
    """Compiles one parsed part (a slide or its notes) in place."""

    def __init__(
        self,
        emitter: Emitter,
        *,
        where: str,
        notes: bool,
        inheritance: Inheritance | None,
        media: list[MediaSlot],
    ) -> None:
        """Prepare to compile.

        Args:
            emitter: the slide's emitter.
            where: ``slide 3`` or ``slide 3 notes``.
            notes: whether the part is a notes slide (locations then omit shapes).
            inheritance: the slide's inheritance chain (``None`` for notes).
            media: deck-wide media slots; new ones are appended.
        """
        self.emitter = emitter
        self.where = where
        self.notes = notes
        self.inheritance = inheritance
        self.media = media
        self.fit_targets: dict[str, FitTarget] = {}
        self.table_targets: dict[str, TableTarget] = {}
        self._ns_counter = 0

    def error(self, location: str, reason: str, expression: str = "") -> TemplateError:
        """Build a :class:`TemplateError` for this template.

        Args:
            location: where.
            reason: why.
            expression: the tag.

        Returns:
            The error (to raise).
        """
        return TemplateError(self.emitter.template, location, reason, expression)

    def location(self, el: etree._Element) -> str:
        """Describe where an element is, e.g. ``slide 2, shape 'Table 3' cell r2c1``.

        Args:
            el: any element of the part.

        Returns:
            The location text.
        """
        if self.notes:
            return self.where
        shape = _shape_of(el)
        if shape is None:
            return self.where
        loc = f"{self.where}, shape '{shape_name(shape)}'"
        tc = el if el.tag == f"{_A}tc" else next(el.iterancestors(f"{_A}tc"), None)
        if tc is not None:
            tr = tc.getparent()
            tbl = tr.getparent() if tr is not None else None
            if tr is not None and tbl is not None:
                row = list(tbl.iterfind("a:tr", NSMAP)).index(tr) + 1
                col = list(tr.iterfind("a:tc", NSMAP)).index(tc) + 1
                loc += f" cell r{row}c{col}"
        return loc

    # ------------------------------------------------------------------ entry point
    def compile(self, root: etree._Element) -> None:
        """Compile the part in place: tags become markers.

        Args:
            root: the parsed part.

        Raises:
            TemplateError: a tag or directive is malformed.
        """
        if not self.notes:
            for c_nv_pr in list(root.iter(f"{_P}cNvPr")):
                directive = shape_directive(c_nv_pr.get("descr"), c_nv_pr.get("name"))
                if directive is not None:
                    self._media(c_nv_pr, directive)
        for tbl in list(root.iter(f"{_A}tbl")):
            self._table_target(root, tbl)
            self._table(tbl)
        for body in list(root.iter(f"{_P}txBody", f"{_A}txBody")):
            self._text_body(body)
        for t in root.iter(A_T):
            if t.text and has_tag_opener(t.text):
                raise self.error(
                    self.location(t), "tag inside a field or otherwise not compiled", t.text
                )

    # ------------------------------------------------------------------ shapes
    def _media(self, c_nv_pr: etree._Element, directive: ShapeDirective) -> None:
        shape = c_nv_pr.getparent()
        shape = shape.getparent() if shape is not None else None
        assert shape is not None
        location = self.location(shape)
        info = TagInfo(location, directive.text)
        slot_index = len(self.media)
        placeholder = False
        chart_rid = ""
        if directive.kind == "image":
            if shape.tag == f"{_P}sp" and shape_placeholder(shape) is not None:
                shape = self._placeholder_to_picture(shape, location)
                c_nv_pr = shape.find("./*/p:cNvPr", NSMAP)
                placeholder = True
            elif shape.tag != f"{_P}pic":
                raise self.error(
                    location, "image: needs a picture or picture placeholder", directive.text
                )
            elif shape.find("p:spPr/a:xfrm", NSMAP) is None and self.inheritance is not None:
                self._ensure_xfrm(shape, location)
        else:
            chart = shape.find(".//c:chart", {"c": _C_NS})
            if shape.tag != f"{_P}graphicFrame" or chart is None:
                raise self.error(location, "chart: needs a native chart", directive.text)
            chart_rid = chart.get(f"{_R}id", "")
        self.media.append(
            MediaSlot(directive.kind, directive.expression, location, chart_rid, placeholder)
        )
        source = f"{{{{\n {COLLECT}({slot_index}, ({normalize_quotes(directive.expression)})) }}}}"
        assert c_nv_pr is not None
        if shape_directive(c_nv_pr.get("name")) is not None:
            c_nv_pr.set("name", f"{directive.kind.title()} {c_nv_pr.get('id', '')}")
        c_nv_pr.set("descr", MEDIA_PREFIX + self.emitter.marker(source, info))

    def _ensure_xfrm(self, shape: etree._Element, location: str) -> None:
        assert self.inheritance is not None
        box = self.inheritance.box(shape)
        if box is None:
            raise self.error(location, "cannot find the picture's position on the layout")
        sp_pr = shape.find("p:spPr", NSMAP)
        if sp_pr is None:
            sp_pr = etree.SubElement(shape, f"{_P}spPr")
        xfrm = etree.Element(f"{_A}xfrm")
        etree.SubElement(xfrm, f"{_A}off", x=str(box.x), y=str(box.y))
        etree.SubElement(xfrm, f"{_A}ext", cx=str(box.cx), cy=str(box.cy))
        sp_pr.insert(0, xfrm)

    def _placeholder_to_picture(self, sp: etree._Element, location: str) -> etree._Element:
        if self.inheritance is None:
            raise self.error(location, "image: placeholder outside a slide")
        box = self.inheritance.box(sp)
        if box is None:
            raise self.error(location, "cannot find the placeholder's position on the layout")
        old = sp.find("./p:nvSpPr/p:cNvPr", NSMAP)
        ph = sp.find("./p:nvSpPr/p:nvPr/p:ph", NSMAP)
        assert old is not None and ph is not None
        pic = etree.Element(f"{_P}pic", nsmap={"a": NSMAP["a"], "p": NSMAP["p"], "r": NSMAP["r"]})
        nv = etree.SubElement(pic, f"{_P}nvPicPr")
        c_nv_pr = etree.SubElement(
            nv, f"{_P}cNvPr", id=old.get("id", "0"), name=old.get("name", "Picture")
        )
        locks = etree.SubElement(etree.SubElement(nv, f"{_P}cNvPicPr"), f"{_A}picLocks")
        locks.set("noGrp", "1")
        locks.set("noChangeAspect", "1")
        etree.SubElement(nv, f"{_P}nvPr").append(etree.fromstring(etree.tostring(ph)))
        fill = etree.SubElement(pic, f"{_P}blipFill")
        etree.SubElement(fill, f"{_A}blip").set(f"{_R}embed", PENDING_RID)
        etree.SubElement(etree.SubElement(fill, f"{_A}stretch"), f"{_A}fillRect")
        sp_pr = etree.SubElement(pic, f"{_P}spPr")
        xfrm = etree.SubElement(sp_pr, f"{_A}xfrm")
        etree.SubElement(xfrm, f"{_A}off", x=str(box.x), y=str(box.y))
        etree.SubElement(xfrm, f"{_A}ext", cx=str(box.cx), cy=str(box.cy))
        parent = sp.getparent()
        assert parent is not None
        parent.replace(sp, pic)
        del c_nv_pr
        return pic

    # ------------------------------------------------------------------ tables
    def _table_target(self, root: etree._Element, tbl: etree._Element) -> None:
        """Remember a table with tags, its box and how low it may grow."""
        frame = _shape_of(tbl)
        if self.inheritance is None or frame is None or frame.tag != f"{_P}graphicFrame":
            return
        if not any(t.text and has_tag_opener(t.text) for t in tbl.iter(A_T)):
            return
        box = self.inheritance.box(frame)
        c_nv_pr = frame.find("./p:nvGraphicFramePr/p:cNvPr", NSMAP)
        if box is None or c_nv_pr is None:
            return
        bottom = box.y + box.cy
        below = [
            other.y
            for shape in root.iterfind("p:cSld/p:spTree/*", NSMAP)
            if shape is not frame
            and (other := self.inheritance.box(shape)) is not None
            and other.y >= bottom
        ]
        limit = (
            min(below) - TABLE_GAP if below else self.inheritance.slide_size()[1] - TABLE_GAP * 5
        )
        sid = c_nv_pr.get("id", "")
        self.table_targets[sid] = TableTarget(
            sid, shape_name(frame), box, limit, self.inheritance.table_style()
        )

    def _table(self, tbl: etree._Element) -> None:
        stack: list[tuple[str, str]] = []
        for tr in list(tbl.iterfind("a:tr", NSMAP)):
            first = tr.find("a:tc", NSMAP)
            if first is None:
                continue
            paras = list(first.iterfind("a:txBody/a:p", NSMAP))
            for p in paras:
                self._merge(p)
            text = "".join(paragraph_text(p) for p in paras).strip()
            if not text.startswith("{%"):
                continue
            tag_text = self._single_tag(text, first)
            if tag_text is None or directive_kind(tag_text) != "tr":
                continue
            location = self.location(first)
            plain = strip_directive(tag_text, "tr")
            self._check_block(stack, plain, location, tag_text, "table")
            self._replace_with_marker(tr, self.emitter.tag(plain, TagInfo(location, tag_text)))
        if stack:
            raise self.error(self.location(tbl), "row directive is never closed", stack[-1][1])

    def _single_tag(self, text: str, where: etree._Element) -> str | None:
        try:
            spans = find_tags(text)
        except TagSyntaxError as exc:
            raise self.error(self.location(where), exc.reason, exc.fragment) from None
        if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text):
            return text
        return None

    # ------------------------------------------------------------------ text bodies
    def _merge(self, p: etree._Element) -> None:
        try:
            merge_tag_runs(p)
        except TagSyntaxError as exc:
            raise self.error(self.location(p), exc.reason, exc.fragment) from None

    def _text_body(self, body: etree._Element) -> None:
        stack: list[tuple[str, str]] = []
        paras = list(body.iterfind("a:p", NSMAP))
        anchor = paras[0].getprevious() if paras else None
        # (paragraph, depth in p-blocks, removed?)
        content_at_top = False
        dynamic = False
        inside: list[etree._Element] = []
        removed = 0
        for p in paras:
            self._merge(p)
            text = paragraph_text(p)
            if not has_tag_opener(text):
                if stack:
                    inside.append(p)
                else:
                    content_at_top = True
                continue
            dynamic = True
            location = self.location(p)
            stripped = text.strip()
            only = self._single_tag(stripped, p) if stripped.startswith("{") else None
            kind = directive_kind(only) if only is not None and only.startswith("{%") else None
            if kind == "p":
                assert only is not None
                plain = strip_directive(only, "p")
                self._check_block(stack, plain, location, only, "text box")
                self._replace_with_marker(p, self.emitter.tag(plain, TagInfo(location, only)))
                removed += 1
                continue
            if self._comment_only(text):
                typed_tags = [text[s.start : s.end] for s in find_tags(text)]
                markers = "".join(
                    self.emitter.tag(typed, TagInfo(location, typed)) for typed in typed_tags
                )
                self._replace_with_marker(p, markers)
                removed += 1
                continue
            self._paragraph(p, location)
            if stack:
                inside.append(p)
            else:
                content_at_top = True
        if stack:
            raise self.error(
                self.location(body), "paragraph directive is never closed", stack[-1][1]
            )
        if removed and not content_at_top:
            self._guard_empty_body(body, anchor, inside)
        shape = _shape_of(body)
        if (
            dynamic
            and self.inheritance is not None
            and shape is not None
            and shape.tag == f"{_P}sp"
            and body.getparent() is shape
        ):
            box = self.inheritance.box(shape)
            c_nv_pr = shape.find("./p:nvSpPr/p:cNvPr", NSMAP)
            if box is not None and c_nv_pr is not None:
                style = self.inheritance.text_style(shape)
                if style.wrap:
                    sid = c_nv_pr.get("id", "")
                    allow = ALLOW_OVERFLOW in (c_nv_pr.get("descr") or "").lower()
                    self.fit_targets[sid] = FitTarget(sid, shape_name(shape), box, style, allow)

    def _guard_empty_body(
        self, body: etree._Element, anchor: etree._Element | None, inside: list[etree._Element]
    ) -> None:
        """Make sure a text body never renders without any paragraph (invalid XML)."""
        self._ns_counter += 1
        ns = f"_abm_ns{self._ns_counter}"
        info = TagInfo(self.location(body), "(paragraph directives)")
        start = self.emitter.marker(f"{{%\n set {ns} = namespace(n=0) %}}", info)
        end = self.emitter.marker(f"{{%\n if not {ns}.n %}}<a:p/>{{%\n endif %}}", info)
        if anchor is not None:
            anchor.tail = start + (anchor.tail or "")
        else:
            body.text = start + (body.text or "")
        for p in inside:
            _put_text_before(body, p, self.emitter.marker(f"{{%\n set {ns}.n = 1 %}}", info))
        _append_text(body, end)

    @staticmethod
    def _comment_only(text: str) -> bool:
        spans = find_tags(text)
        rest = text
        for s in reversed(spans):
            rest = rest[: s.start] + rest[s.end :]
        return all(s.opener == "{#" for s in spans) and not rest.strip()

    def _paragraph(self, p: etree._Element, location: str) -> None:
        stack: list[tuple[str, str]] = []
        for run in p.iterfind("a:r", NSMAP):
            t = run.find(A_T)
            if t is None or not t.text or not has_tag_opener(t.text):
                continue
            text = t.text
            try:
                spans = find_tags(text)
            except TagSyntaxError as exc:
                raise self.error(location, exc.reason, exc.fragment) from None
            out: list[str] = []
            pos = 0
            for span in spans:
                typed = text[span.start : span.end]
                if span.opener == "{%":
                    kind = directive_kind(typed)
                    if kind == "slide":
                        raise self.error(
                            location,
                            "slide directives belong in the speaker notes, alone on a line",
                            typed,
                        )
                    if kind is not None:
                        raise self.error(
                            location,
                            f"a {{%{kind} %}} directive must be alone in its "
                            + ("paragraph" if kind == "p" else "table row's first cell"),
                            typed,
                        )
                    self._check_block(stack, typed, location, typed, "paragraph")
                out.append(text[pos : span.start])
                out.append(self.emitter.tag(typed, TagInfo(location, typed)))
                pos = span.end
            out.append(text[pos:])
            t.text = "".join(out)
        if stack:
            raise self.error(
                location,
                "block is not closed in the same paragraph (use {%p ... %} paragraphs to "
                "repeat or hide whole paragraphs)",
                stack[-1][1],
            )

    def _check_block(
        self, stack: list[tuple[str, str]], plain: str, location: str, typed: str, scope: str
    ) -> None:
        word = statement_word(plain)
        if word in _BLOCK_OPEN or (word == "set" and _is_block_set(plain)):
            stack.append((word, typed))
        elif word.startswith("end"):
            if not stack or stack[-1][0] != word[3:]:
                raise self.error(
                    location, f"`{word}` without a matching opening tag in the same {scope}", typed
                )
            stack.pop()
        elif word in ("elif", "else") and (not stack or stack[-1][0] not in ("if", "for")):
            raise self.error(
                location, f"`{word}` outside an if/for block in the same {scope}", typed
            )

    @staticmethod
    def _replace_with_marker(el: etree._Element, marker: str) -> None:
        parent = el.getparent()
        assert parent is not None
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + marker + (el.tail or "")
        else:
            parent.text = (parent.text or "") + marker + (el.tail or "")
        parent.remove(el)


def _put_text_before(parent: etree._Element, el: etree._Element, text: str) -> None:
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _append_text(parent: etree._Element, text: str) -> None:
    last = parent[-1] if len(parent) else None
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def part_xml(root: etree._Element) -> str:
    """Serialize a compiled part (markers included) with an XML declaration.

    Args:
        root: the part's root element.

    Returns:
        The XML text.
    """
    body: str = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + body
