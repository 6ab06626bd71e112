"""Build small templates with python-pptx, render them, and check the output package."""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.util import Inches, Pt

from abmcontent.pptx_engine import DeckTemplate, RenderedDeck

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID_ATTRS = tuple(f"{{{NS['r']}}}{name}" for name in ("id", "embed", "link"))


def new_prs() -> Any:
    return Presentation()


def blank_slide(prs: Any) -> Any:
    return prs.slides.add_slide(prs.slide_layouts[6])


def add_box(
    slide: Any,
    text: str = "",
    *,
    name: str | None = None,
    left: float = 1,
    top: float = 1,
    width: float = 6,
    height: float = 1,
    size: int | None = None,
) -> Any:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    box.text_frame.word_wrap = True
    if name:
        box.name = name
    tf = box.text_frame
    if text:
        tf.text = text
    if size:
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)
    return box


def set_runs(paragraph: Any, pieces: list[tuple[str, dict[str, Any]]]) -> None:
    """Replace a paragraph's runs by runs with given text and font attributes."""
    for r in list(paragraph.runs):
        paragraph._p.remove(r._r)
    for text, fmt in pieces:
        run = paragraph.add_run()
        run.text = text
        for key, value in fmt.items():
            setattr(run.font, key, value)


def save(prs: Any, folder: Path, name: str = "template.pptx") -> Path:
    path = folder / name
    prs.save(str(path))
    return path


def render(
    prs: Any, folder: Path, context: dict[str, Any], **kwargs: Any
) -> tuple[RenderedDeck, Any]:
    deck = DeckTemplate.load(save(prs, folder))
    out = deck.render(context, **kwargs)
    check_package(out.data)
    return out, reopen(out.data)


def reopen(data: bytes) -> Any:
    return Presentation(BytesIO(data))


def shape_texts(slide: Any) -> dict[str, str]:
    return {sh.name: sh.text_frame.text for sh in slide.shapes if sh.has_text_frame}


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def check_package(data: bytes) -> None:
    """Assert the package is internally consistent (what PowerPoint checks before repairing)."""
    zf = zipfile.ZipFile(BytesIO(data))
    assert zf.testzip() is None
    names = ["/" + n for n in zf.namelist()]
    assert len(names) == len(set(names)), "duplicate zip members"
    assert names[0] == "/[Content_Types].xml"
    ct = etree.fromstring(zf.read("[Content_Types].xml"))
    defaults = {
        d.get("Extension").lower(): d.get("ContentType") for d in ct.iterfind("ct:Default", NS)
    }
    overrides = {o.get("PartName"): o.get("ContentType") for o in ct.iterfind("ct:Override", NS)}
    for part in overrides:
        assert part in names, f"override for missing part {part}"
    parsed: dict[str, Any] = {}
    for name in names[1:]:
        ext = name.rsplit(".", 1)[-1].lower()
        assert name in overrides or ext in defaults, f"no content type for {name}"
        if ext in ("xml", "rels"):
            parsed[name] = etree.fromstring(zf.read(name[1:]))
    rels: dict[str, dict[str, str]] = {}
    for name, root in parsed.items():
        if not name.endswith(".rels"):
            continue
        head, tail = posixpath.split(name)
        source = posixpath.join(posixpath.dirname(head), tail[: -len(".rels")])
        if tail == ".rels":
            source = "/"
        else:
            assert source in names, f"rels for missing part {source}"
        rels[source] = {}
        for rel in root.iterfind("rel:Relationship", NS):
            rid = rel.get("Id")
            assert rid not in rels[source], f"duplicate {rid} in {name}"
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve(source, rel.get("Target"))
            assert target in names, f"{name} {rid} -> missing {target}"
            rels[source][rid] = target
    # Every r:id / r:embed used in XML resolves.
    for name, root in parsed.items():
        if name.endswith(".rels"):
            continue
        for el in root.iter():
            for attr in R_ID_ATTRS:
                rid = el.get(attr)
                if rid:
                    assert rid in rels.get(name, {}), f"{name}: dangling {attr}={rid}"
        for body in root.iter(f"{{{NS['p']}}}txBody", f"{{{NS['a']}}}txBody"):
            assert body.find("a:p", NS) is not None, f"{name}: text body without paragraph"
    pres = "/ppt/presentation.xml"
    ids = []
    slide_parts = []
    for sld in parsed[pres].iterfind("p:sldIdLst/p:sldId", NS):
        ids.append(int(sld.get("id")))
        slide_parts.append(rels[pres][sld.get(f"{{{NS['r']}}}id")])
    assert len(ids) == len(set(ids)) and all(256 <= i < 2**31 for i in ids)
    assert len(slide_parts) == len(set(slide_parts))
    chart_users: dict[str, str] = {}
    for slide in slide_parts:
        for target in rels.get(slide, {}).values():
            if "/notesSlides/" in target:
                back = [t for t in rels[target].values() if "/slides/" in t]
                assert back == [slide], f"{target} points back to {back}, not {slide}"
            if "/charts/" in target:
                assert target not in chart_users, f"chart {target} shared by two slides"
                chart_users[target] = slide
