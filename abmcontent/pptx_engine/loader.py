"""Load a .pptx template: read the package, compile every slide, precompress static parts.

Everything that does not depend on the data happens here, once per template: parsing,
merging split runs, building one Jinja template per slide (slide XML + notes XML, wrapped in
the slide directives), finding which parts belong to which slide, and compressing every part
that renders copy unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jinja2
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from abmcontent.errors import TemplateError
from abmcontent.office_links import refused_links, strip_links
from abmcontent.office_zip import read_office_zip

from .compile import Emitter, MediaSlot, PartCompiler, TagInfo, part_xml
from .directives import extract_slide_directives
from .inherit import NSMAP, Inheritance
from .locate import located_error
from .model import DeckModel, SlideSpec
from .opc import (
    RT_NOTES_SLIDE,
    RT_OFFICE_DOCUMENT,
    RT_SLIDE,
    OpcPackage,
    parse_xml,
    rels_partname,
    serialize_rels,
)
from .package import ZipEntry, make_entry
from .xmltext import A_T, TagSyntaxError, has_tag_opener

_R_ID = "{" + NSMAP["r"] + "}id"
_SHARED_TYPES = (
    "slideLayout+xml",
    "slideMaster+xml",
    "notesMaster+xml",
    "handoutMaster+xml",
    "theme+xml",
    "presentation.main+xml",
    ".slide+xml",
)
_MEDIA_PREFIXES = ("image/", "video/", "audio/")


def load_deck(path: Path, name: str) -> DeckModel:
    """Read and compile a template.

    Args:
        path: the .pptx file.
        name: the name used in error messages.

    Returns:
        The model renders use.

    Raises:
        TemplateError: the file is not a readable presentation or a template problem exists.
    """
    members = read_office_zip(path, name)
    external = refused_links(members)
    try:
        pkg = OpcPackage.from_members(strip_links(members, external))
    except KeyError as exc:
        raise TemplateError(name, "", f"cannot read presentation: no part {exc}") from None
    pres = pkg.related("/", RT_OFFICE_DOCUMENT)
    if pres is None or pres not in pkg.parts:
        raise TemplateError(name, "", "not a PowerPoint presentation (no main part)")
    pres_root = parse_xml(pkg.parts[pres])
    referrers = _referrers(pkg)
    media: list[MediaSlot] = []
    cache: dict[str, etree._Element] = {}
    slides: list[SlideSpec] = []
    chart_xml: dict[str, bytes] = {}
    for number, sld_id in enumerate(pres_root.iterfind("p:sldIdLst/p:sldId", NSMAP), 1):
        rid = sld_id.get(_R_ID, "")
        partname = pkg.target_by_rid(pres, rid)
        if partname is None or partname not in pkg.parts:
            raise TemplateError(name, f"slide {number}", "slide part is missing")
        first_slot = len(media)
        spec = _compile_slide(pkg, name, number, partname, media, cache)
        spec.sld_id = int(sld_id.get("id", "0"))
        spec.pres_rid = rid
        spec.owned = _owned(pkg, partname, referrers)
        spec.duplicated = frozenset(
            p
            for p in spec.owned
            if not pkg.content_types.content_type(p).startswith(_MEDIA_PREFIXES)
        )
        slides.append(spec)
        for index in range(first_slot, len(media)):
            slot = media[index]
            if slot.kind == "chart":
                chart = pkg.target_by_rid(partname, slot.chart_rid)
                if chart is None or chart not in pkg.parts:
                    raise TemplateError(name, slot.location, "chart part is missing")
                chart_xml[chart] = pkg.parts[chart]
                media[index] = replace(slot, chart_part=chart)
    _check_uncompiled_text(pkg, name, slides)
    slide_related: set[str] = set()
    rendered: set[str] = set()
    for spec in slides:
        for part in [spec.partname, *spec.owned]:
            slide_related.add(part)
            slide_related.add(rels_partname(part))
        rendered.add(spec.partname)
        if spec.notes_partname:
            rendered.add(spec.notes_partname)
    entries: dict[str, ZipEntry] = {}
    for part, data in pkg.parts.items():
        if part not in rendered:
            entries[part] = make_entry(data)
    for source, rels in pkg.rels.items():
        entries[rels_partname(source)] = make_entry(serialize_rels(rels))
    global_parts = [
        n
        for n in pkg.order
        if n in entries and n not in slide_related and n not in (pres, rels_partname(pres))
    ]
    model = DeckModel(
        name=name,
        content_types=pkg.content_types,
        rels=pkg.rels,
        entries=entries,
        global_parts=global_parts,
        chart_xml=chart_xml,
        pres_partname=pres,
        pres_xml=pkg.parts[pres],
        slides=slides,
        media=media,
        all_names=frozenset(pkg.order),
        external_links=external,
    )
    for spec in slides:
        try:
            code = model.env.compile(spec.source, name=spec.filename, filename=spec.filename)
        except jinja2.TemplateSyntaxError as exc:
            raise located_error(
                exc,
                template=name,
                filename=spec.filename,
                lines=spec.lines,
                fallback=f"slide {spec.number}",
            ) from None
        spec.template = model.env.template_class.from_code(
            model.env, code, model.env.make_globals(None)
        )
    return model


def _compile_slide(
    pkg: OpcPackage,
    name: str,
    number: int,
    partname: str,
    media: list[MediaSlot],
    cache: dict[str, etree._Element],
) -> SlideSpec:
    emitter = Emitter(template=name)
    slide_root = parse_xml(pkg.parts[partname])
    notes_name = pkg.related(partname, RT_NOTES_SLIDE)
    notes_root = parse_xml(pkg.parts[notes_name]) if notes_name in pkg.parts else None
    notes_where = f"slide {number} notes"
    directives = []
    if notes_root is not None:
        try:
            directives = extract_slide_directives(notes_root)
        except TagSyntaxError as exc:
            raise TemplateError(name, notes_where, exc.reason, exc.fragment) from None
    inheritance = Inheritance(pkg, partname, cache)
    first_media = len(media)
    compiler = PartCompiler(
        emitter, where=f"slide {number}", notes=False, inheritance=inheritance, media=media
    )
    compiler.compile(slide_root)
    pieces: list[str] = []
    for d in directives:
        pieces.append(emitter.marker(f"{{%\n {d.body} %}}", TagInfo(notes_where, d.text)))
    pieces.append(part_xml(slide_root))
    pieces.append("\x01")
    if notes_root is not None:
        PartCompiler(emitter, where=notes_where, notes=True, inheritance=None, media=media).compile(
            notes_root
        )
        pieces.append(part_xml(notes_root))
    pieces.append("\x00")
    for d in reversed(directives):
        pieces.append(emitter.marker(f"{{%\n end{d.kind} %}}", TagInfo(notes_where, d.text)))
    lines: dict[int, TagInfo] = {}
    source = emitter.assemble(pieces, lines)
    return SlideSpec(
        number=number,
        partname=partname,
        sld_id=0,
        pres_rid="",
        notes_partname=notes_name if notes_root is not None else None,
        owned=[],
        duplicated=frozenset(),
        filename=f"<{name} slide {number}>",
        source=source,
        lines=lines,
        fit_targets=compiler.fit_targets,
        post=bool(compiler.fit_targets) or len(media) > first_media,
        table_targets=compiler.table_targets,
    )


def _referrers(pkg: OpcPackage) -> dict[str, set[str]]:
    refs: dict[str, set[str]] = {}
    for source, rels in pkg.rels.items():
        for rel in rels:
            if not rel.external:
                refs.setdefault(rel.target_partname(source), set()).add(source)
    return refs


def _owned(pkg: OpcPackage, slide: str, referrers: dict[str, set[str]]) -> list[str]:
    """Return the parts reachable from ``slide`` that nothing outside the slide refers to."""
    reachable: list[str] = []
    seen = {slide}
    queue = [slide]
    while queue:
        source = queue.pop(0)
        for rel in pkg.rels_of(source):
            if rel.external:
                continue
            target = rel.target_partname(source)
            if target in seen or target not in pkg.parts:
                continue
            seen.add(target)
            ctype = pkg.content_types.content_type(target)
            if any(ctype.endswith(t) for t in _SHARED_TYPES) or rel.reltype == RT_SLIDE:
                continue
            reachable.append(target)
            queue.append(target)
    owned = {slide}
    changed = True
    while changed:
        changed = False
        for part in reachable:
            if part not in owned and referrers.get(part, set()) <= owned:
                owned.add(part)
                changed = True
    return [p for p in reachable if p in owned]


def _check_uncompiled_text(pkg: OpcPackage, name: str, slides: list[SlideSpec]) -> None:
    """Refuse tags in text the engine does not render (charts, SmartArt, layouts, masters).

    Such tags would reach the output unrendered; better to say so when loading.
    """
    compiled = {s.partname for s in slides} | {s.notes_partname for s in slides}
    owner = {part: spec.number for spec in slides for part in spec.owned}
    for part, data in pkg.parts.items():
        if part in compiled or not part.endswith(".xml"):
            continue
        if b"{{" not in data and b"{%" not in data and b"{#" not in data:
            continue
        root = parse_xml(data)
        for t in root.iter(A_T):
            if t.text and has_tag_opener(t.text):
                where = f"slide {owner[part]} ({part})" if part in owner else part
                raise TemplateError(
                    name,
                    where,
                    "tags only work in slide and notes text, not in charts, SmartArt, "
                    "layouts or masters",
                    t.text,
                )
