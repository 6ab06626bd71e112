"""Render a loaded template with data and assemble the output package.

A render runs each slide's compiled template once (slide directives make it emit zero or more
copies), post-processes only the slides that have pictures, charts or text to fit, and writes
the zip: static parts are copied as precompressed bytes, repeated slides get new part names
(with their own notes and charts), and ``presentation.xml``, its relationships and
``[Content_Types].xml`` are rebuilt to list exactly the output slides.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from abmcontent.errors import TemplateError
from abmcontent.notices import error, info

from .charts import ChartProblem, chart_data_from, rewrite_chart_xml, workbook_for
from .compile import COLLECT, MEDIA_PREFIX, MediaSlot
from .fit import fit_shape, text_fits
from .inherit import NSMAP
from .locate import located_error
from .model import DeckModel, RenderedDeck, SlideSpec
from .opc import (
    CONTENT_TYPES_NAME,
    RT_IMAGE,
    RT_PACKAGE,
    RT_SLIDE,
    Rel,
    relative_target,
    rels_partname,
    serialize_rels,
)
from .package import ZipEntry, make_entry, write_zip
from .pictures import ImageProblem, load_image, place_picture, resolve_image_path
from .spill import append_to_notes, clear_marks, spill
from .table_fit import fit_table, keep_rows

_P = "{" + NSMAP["p"] + "}"
_R_ID = "{" + NSMAP["r"] + "}id"
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_DIGITS = re.compile(r"^(.*?)(\d*)$")
_LEVEL = 1


class _Render:
    """State of one render; never shared between renders."""

    def __init__(
        self,
        model: DeckModel,
        assets_root: Path | None,
        min_font_pt: float,
        part_overrides: Mapping[str, bytes] | None = None,
        notes_mark: str | None = None,
    ) -> None:
        self.model = model
        self.notes_mark = notes_mark
        self.part_overrides = dict(part_overrides or {})
        self.assets_root = assets_root
        self.min_font_pt = min_font_pt
        self.members: dict[str, ZipEntry] = {}
        self.overrides: dict[str, str] = {}
        self.defaults = dict(model.content_types.defaults)
        self.used: set[str] = set(model.all_names)
        self.counters: dict[tuple[str, str, str], int] = {}
        self.collected: list[tuple[int, Any]] = []
        self.warnings: list[str] = []
        self.images: dict[Path, str] = {}

    # ------------------------------------------------------------------ helpers
    def collect(self, slot: int, value: Any) -> str:
        """Receive an ``image:``/``chart:`` value from a template; return its token."""
        self.collected.append((slot, value))
        return str(len(self.collected) - 1)

    def alloc(self, like: str) -> str:
        """Return an unused part name shaped like ``like`` (``/ppt/slides/slide7.xml``)."""
        head, tail = posixpath.split(like)
        stem, ext = posixpath.splitext(tail)
        m = _DIGITS.match(stem)
        base = m.group(1) if m else stem
        key = (head, base, ext)
        n = self.counters.get(key, 1)
        while True:
            candidate = f"{head}/{base}{n}{ext}"
            if candidate not in self.used and rels_partname(candidate) not in self.used:
                break
            n += 1
        self.counters[key] = n + 1
        self.used.add(candidate)
        return candidate

    def add(self, name: str, entry: ZipEntry, origin: str | None = None) -> None:
        """Add a member, giving it the content type override of ``origin``."""
        self.members[name] = entry
        override = self.model.content_types.overrides.get(origin or name)
        if override is not None:
            self.overrides[name] = override

    def rels(
        self, origin: str, name: str, name_map: Mapping[str, str], extra: list[Rel] | None = None
    ) -> None:
        """Write the relationships of part ``name`` (a copy of ``origin``)."""
        rels = self.model.rels.get(origin, [])
        if not rels and not extra:
            return
        out: list[Rel] = []
        changed = bool(extra)
        for rel in rels:
            if not rel.external:
                target = rel.target_partname(origin)
                new_target = name_map.get(target, target)
                if new_target != target:
                    rel = Rel(rel.rid, rel.reltype, relative_target(name, new_target))
                    changed = True
            out.append(rel)
        if extra:
            out.extend(extra)
        if not changed:
            self.members[rels_partname(name)] = self.model.entries[rels_partname(origin)]
        else:
            self.members[rels_partname(name)] = make_entry(serialize_rels(out), level=_LEVEL)

    def error(self, slot: MediaSlot, reason: str) -> TemplateError:
        """Build an error about an ``image:``/``chart:`` shape."""
        return TemplateError(
            self.model.name, slot.location, reason, f"{slot.kind}: {slot.expression}"
        )

    # ------------------------------------------------------------------ render
    def run(self, context: Mapping[str, Any]) -> RenderedDeck:
        """Render every slide and assemble the package."""
        ctx = dict(context)
        ctx[COLLECT] = self.collect
        instances: list[tuple[SlideSpec, int, str]] = []
        for spec in self.model.slides:
            assert spec.template is not None
            try:
                out = spec.template.render(ctx)
            except TemplateError:
                raise
            except Exception as exc:
                raise located_error(
                    exc,
                    template=self.model.name,
                    filename=spec.filename,
                    lines=spec.lines,
                    fallback=f"slide {spec.number}",
                ) from None
            chunks = out.split("\x00")
            chunks.pop()
            instances.extend((spec, i, chunk) for i, chunk in enumerate(chunks))
        for name in self.model.global_parts:
            payload = self.part_overrides.get(name)
            entry = self.model.entries[name] if payload is None else make_entry(payload)
            self.add(name, entry)
        instances = self.split_tables(instances)
        out_slides: list[tuple[SlideSpec, int, str]] = []
        for number, (spec, i, chunk) in enumerate(instances, 1):
            out_slides.append((spec, i, self.instance(spec, i, chunk, number)))
        self.presentation(out_slides)
        members: list[tuple[str, ZipEntry]] = [
            (
                CONTENT_TYPES_NAME,
                make_entry(
                    self.model.content_types.serialize(self.defaults, self.overrides), level=_LEVEL
                ),
            )
        ]
        members.extend((name.lstrip("/"), entry) for name, entry in self.members.items())
        return RenderedDeck(write_zip(members), self.warnings, len(instances))

    def split_tables(
        self, instances: list[tuple[SlideSpec, int, str]]
    ) -> list[tuple[SlideSpec, int, str]]:
        """Fit the tables of every slide; a table too long continues on copies of its slide.

        Notices are collected per output slide and given their slide numbers at the end, as
        copies shift the numbers of the slides after them.
        """
        out: list[tuple[SlideSpec, int, str]] = []
        counts: dict[int, int] = {}
        pending: list[list[str]] = []
        for spec, _, chunk in instances:
            chunks: list[str] = [chunk]
            notes: list[str] = []
            if spec.table_targets:
                chunks, notes = self.fit_tables(spec, chunk)
            for index, piece in enumerate(chunks):
                n = counts.get(spec.sld_id, 0)
                counts[spec.sld_id] = n + 1
                out.append((spec, n, piece))
                pending.append(notes if index == 0 else [])
        for number, notes in enumerate(pending, 1):
            self.warnings.extend(note.replace("\x02", str(number)) for note in notes)
        return out

    def fit_tables(self, spec: SlideSpec, chunk: str) -> tuple[list[str], list[str]]:
        """Fit the tables of one rendered slide; return its chunks (one per piece) and notices.

        Only the first table that needs more than one slide is cut (a slide with two long
        tables continues the first one; the second is reported when it does not fit).
        """
        slide_xml, _, notes_xml = chunk.partition("\x01")
        root = etree.fromstring(slide_xml.encode("utf-8"))
        frames = {
            el.get("id", ""): el.getparent().getparent()
            for el in root.iterfind(".//p:graphicFrame/p:nvGraphicFramePr/p:cNvPr", NSMAP)
        }
        notices: list[str] = []
        cut: tuple[str, list[list[int]]] | None = None
        for shape_id, target in spec.table_targets.items():
            frame = frames.get(shape_id)
            if frame is None:
                continue
            result = fit_table(frame, target, min_pt=self.min_font_pt)
            where = f"slide \x02, table '{target.name}'"
            if result.size_pt is not None:
                notices.append(info(f"{where}: text shrunk to {result.size_pt:g} pt to fit"))
            if not result.fits:
                notices.append(
                    error(
                        f"{where}: a row does not fit on the slide even at {self.min_font_pt:g} pt"
                    )
                )
            if len(result.pieces) > 1:
                if cut is None:
                    cut = (shape_id, result.pieces)
                    notices.append(
                        info(f"{where}: continued on {len(result.pieces) - 1} more slide(s)")
                    )
                else:
                    notices.append(error(f"{where}: runs past the slide"))

        def chunk_of(tree: etree._Element) -> str:
            data: bytes = etree.tostring(
                tree, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            return data.decode("utf-8") + "\x01" + notes_xml

        if cut is None:
            return [chunk_of(root)], notices
        cut_id, pieces = cut
        chunks: list[str] = []
        for rows in pieces:
            tree = copy.deepcopy(root)
            c_nv_pr = tree.find(
                f".//p:graphicFrame/p:nvGraphicFramePr/p:cNvPr[@id='{cut_id}']", NSMAP
            )
            frame = c_nv_pr.getparent().getparent()
            frame.getparent().replace(frame, keep_rows(frame, rows))
            chunks.append(chunk_of(tree))
        return chunks, notices

    def instance(self, spec: SlideSpec, index: int, chunk: str, number: int) -> str:
        """Add one output slide (and its notes, charts ...); return its part name."""
        slide_xml, _, notes_xml = chunk.partition("\x01")
        if index == 0:
            name_map = {p: p for p in [spec.partname, *spec.owned]}
        else:
            name_map = {spec.partname: self.alloc(spec.partname)}
            for part in spec.owned:
                name_map[part] = self.alloc(part) if part in spec.duplicated else part
        slide_name = name_map[spec.partname]
        extra: list[Rel] = []
        replaced: dict[str, bytes] = {}
        data = slide_xml.encode("utf-8")
        if spec.post:
            root = etree.fromstring(data)
            spilled = self.post(root, spec, slide_name, number, extra, replaced)
            if spilled:
                notes_xml = append_to_notes(notes_xml, spilled)
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.add(slide_name, make_entry(data, level=_LEVEL), spec.partname)
        self.rels(spec.partname, slide_name, name_map, extra)
        for part in spec.owned:
            new = name_map[part]
            if new in self.members:
                continue
            if part == spec.notes_partname:
                entry = make_entry(notes_xml.encode("utf-8"), level=_LEVEL)
            elif part in replaced:
                entry = make_entry(replaced[part], level=_LEVEL)
            else:
                entry = self.model.entries[part]
            self.add(new, entry, part)
            self.rels(part, new, name_map)
        return slide_name

    # ------------------------------------------------------------------ post-processing
    def post(
        self,
        root: etree._Element,
        spec: SlideSpec,
        slide_name: str,
        number: int,
        extra: list[Rel],
        replaced: dict[str, bytes],
    ) -> list[str]:
        """Fill pictures and charts, then fit text, in a rendered slide.

        Returns:
            Text moved out of the slide, for its speaker notes.
        """
        spilled: list[str] = []
        taken = {r.rid for r in self.model.rels.get(spec.partname, [])}
        for c_nv_pr in list(root.iter(f"{_P}cNvPr")):
            descr = c_nv_pr.get("descr", "")
            if not descr.startswith(MEDIA_PREFIX):
                continue
            slot_index, value = self.collected[int(descr[len(MEDIA_PREFIX) :])]
            slot = self.model.media[slot_index]
            del c_nv_pr.attrib["descr"]
            parent = c_nv_pr.getparent()
            shape = parent.getparent() if parent is not None else None
            assert shape is not None
            if _is_missing(value):
                container = shape.getparent()
                assert container is not None
                container.remove(shape)
                continue
            if slot.kind == "image":
                self.picture(shape, slot, value, slide_name, taken, extra)
            else:
                self.chart(slot, value, replaced)
        if spec.fit_targets:
            shapes = {
                el.get("id", ""): el.getparent().getparent()
                for el in root.iterfind(".//p:sp/p:nvSpPr/p:cNvPr", NSMAP)
            }
            for shape_id, target in spec.fit_targets.items():
                shape = shapes.get(shape_id)
                if shape is None:
                    continue
                result = fit_shape(shape, target, min_pt=self.min_font_pt)
                if result is None:
                    continue
                where = f"slide {number}, shape '{target.name}'"
                if result.fits:
                    self.warnings.append(
                        info(f"{where}: text shrunk to {result.size_pt:g} pt to fit")
                    )
                    continue
                body = shape.find("p:txBody", NSMAP)
                moved = None
                if self.notes_mark is not None and spec.notes_partname and body is not None:
                    moved = spill(body, partial(text_fits, body, target), self.notes_mark)
                    clear_marks(body)
                if moved:
                    spilled.extend(moved)
                    self.warnings.append(
                        info(
                            f"{where}: text shrunk to {result.size_pt:g} pt and "
                            f"{len(moved)} passage(s) moved to the speaker notes"
                        )
                    )
                    continue
                message = f"{where}: text does not fit even at {result.size_pt:g} pt"
                self.warnings.append(message if target.allow_overflow else error(message))
        return spilled

    def picture(
        self,
        shape: etree._Element,
        slot: MediaSlot,
        value: Any,
        slide_name: str,
        taken: set[str],
        extra: list[Rel],
    ) -> None:
        """Put the image file named by ``value`` into picture ``shape``."""
        try:
            path = resolve_image_path(value, self.assets_root)
            image = load_image(path)
        except ImageProblem as exc:
            raise self.error(slot, str(exc)) from None
        part = self.images.get(path)
        if part is None:
            part = self.alloc(f"/ppt/media/image.{image.ext}")
            self.images[path] = part
            self.members[part] = make_entry(image.data, level=_LEVEL)
            self.defaults.setdefault(image.ext, image.content_type)
        n = len(taken) + 1
        while f"rId{n}" in taken:
            n += 1
        rid = f"rId{n}"
        taken.add(rid)
        extra.append(Rel(rid, RT_IMAGE, relative_target(slide_name, part)))
        place_picture(shape, rid, image)

    def chart(self, slot: MediaSlot, value: Any, replaced: dict[str, bytes]) -> None:
        """Replace the data of the chart part behind ``slot``."""
        try:
            data = chart_data_from(value)
            replaced[slot.chart_part] = rewrite_chart_xml(
                self.model.chart_xml[slot.chart_part], data
            )
        except ChartProblem as exc:
            raise self.error(slot, str(exc)) from None
        for rel in self.model.rels.get(slot.chart_part, []):
            if rel.reltype == RT_PACKAGE and not rel.external:
                replaced[rel.target_partname(slot.chart_part)] = workbook_for(value)

    # ------------------------------------------------------------------ presentation part
    def presentation(self, out_slides: list[tuple[SlideSpec, int, str]]) -> None:
        """Rebuild ``presentation.xml`` and its relationships for the output slides."""
        model = self.model
        pres = model.pres_partname
        pres_rels = [r for r in model.rels.get(pres, []) if r.reltype != RT_SLIDE]
        taken = {r.rid for r in model.rels.get(pres, [])}
        next_id = max([s.sld_id for s in model.slides] + [255]) + 1
        n = len(taken) + 1
        ids_by_template: dict[int, list[int]] = {}
        rids_by_template: dict[str, list[str]] = {}
        entries: list[tuple[int, str]] = []
        for spec, index, name in out_slides:
            if index == 0:
                sld_id, rid = spec.sld_id, spec.pres_rid
            else:
                sld_id = next_id
                next_id += 1
                while f"rId{n}" in taken:
                    n += 1
                rid = f"rId{n}"
                taken.add(rid)
            entries.append((sld_id, rid))
            ids_by_template.setdefault(spec.sld_id, []).append(sld_id)
            rids_by_template.setdefault(spec.pres_rid, []).append(rid)
            pres_rels.append(Rel(rid, RT_SLIDE, relative_target(pres, name)))
        if entries == [(s.sld_id, s.pres_rid) for s in model.slides]:
            self.add(pres, model.entries[pres])
            self.members[rels_partname(pres)] = model.entries[rels_partname(pres)]
            return
        root = etree.fromstring(model.pres_xml)
        lst = root.find("p:sldIdLst", NSMAP)
        if lst is not None:
            for child in list(lst):
                lst.remove(child)
            for sld_id, rid in entries:
                el = etree.SubElement(lst, f"{_P}sldId", id=str(sld_id))
                el.set(_R_ID, rid)
            if not entries:
                root.remove(lst)
        for section_ids in root.iter(f"{{{_P14}}}sldIdLst"):
            for el in list(section_ids):
                for new_id in ids_by_template.get(int(el.get("id", "0")), []):
                    el.addprevious(etree.Element(f"{{{_P14}}}sldId", id=str(new_id)))
                section_ids.remove(el)
        for sld in list(root.iterfind("p:custShowLst/p:custShow/p:sldLst/p:sld", NSMAP)):
            for new_rid in rids_by_template.get(sld.get(_R_ID, ""), []):
                copy = etree.Element(f"{_P}sld")
                copy.set(_R_ID, new_rid)
                sld.addprevious(copy)
            parent = sld.getparent()
            assert parent is not None
            parent.remove(sld)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.add(pres, make_entry(data, level=_LEVEL))
        self.members[rels_partname(pres)] = make_entry(serialize_rels(pres_rels), level=_LEVEL)


def _is_missing(value: Any) -> bool:
    if value is None or isinstance(value, jinja2.Undefined):
        return True
    return isinstance(value, str) and not value.strip()


def render_deck(
    model: DeckModel,
    context: Mapping[str, Any],
    *,
    assets_root: Path | None,
    min_font_pt: float,
    part_overrides: Mapping[str, bytes] | None = None,
    notes_mark: str | None = None,
) -> RenderedDeck:
    """Render a loaded template.

    Args:
        model: the loaded template.
        context: the data.
        assets_root: where relative image paths start (and must stay inside).
        min_font_pt: smallest font size text is shrunk to.
        part_overrides: replacement bytes for static parts, by part name
            (``/ppt/theme/theme1.xml``), e.g. a theme with the seller's colours.
        notes_mark: when given, text too long for its box even at ``min_font_pt`` moves
            to the speaker notes, sentence by sentence, and this mark ends what remains.

    Returns:
        The rendered deck.

    Raises:
        TemplateError: the template cannot be rendered with this data.
    """
    return _Render(model, assets_root, min_font_pt, part_overrides, notes_mark).run(context)
