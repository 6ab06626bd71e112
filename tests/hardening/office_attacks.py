"""Hostile Office templates for the hardening tests: external links, entities, zip bombs.

Each helper writes a copy of a packaged default template (or a tiny deck) with one attack
added, so a test can put it in a workspace's ``templates/`` and check what happens.
"""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from abmcontent.documents import PACKAGE_TEMPLATES
from abmcontent.pptx_engine.package import ZipEntry, make_entry
from abmcontent.pptx_engine.package import write_zip as package_zip

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def add_rels(data: bytes, rels: list[tuple[str, str, str]]) -> bytes:
    """Add external relationships ``(id, type, target)`` to a ``.rels`` part."""
    extra = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}" TargetMode="External"/>'
        for rid, kind, target in rels
    )
    return data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")


def linked_picture(link_rid: str, click_rid: str, hover_rid: str) -> str:
    """A slide picture that shows a linked image and carries two hyperlinks."""
    return (
        f'<p:pic xmlns:p="{P_NS}" xmlns:a="{A_NS}" xmlns:r="{REL}"><p:nvPicPr>'
        f'<p:cNvPr id="900" name="Linked"><a:hlinkClick r:id="{click_rid}"/>'
        f'<a:hlinkHover r:id="{hover_rid}"/></p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:link="{link_rid}"/><a:stretch><a:fillRect/></a:stretch>'
        '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3000000" cy="3000000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def deck_with_external_links(target: Path, image_url: str) -> Path:
    """The default deck with, on slide 1, a linked picture, a file: and an http hyperlink."""
    members = read_zip(PACKAGE_TEMPLATES / "proposal.pptx")
    rels = "ppt/slides/_rels/slide1.xml.rels"
    members[rels] = add_rels(members[rels], [
        ("rIdEvil1", "image", image_url),
        ("rIdEvil2", "hyperlink", "file:///etc/passwd"),
        ("rIdGood", "hyperlink", "https://example.com/pricing"),
    ])
    slide = members["ppt/slides/slide1.xml"].decode("utf-8")
    slide = slide.replace("</p:spTree>", linked_picture("rIdEvil1", "rIdEvil2", "rIdGood")
                          + "</p:spTree>", 1)
    members["ppt/slides/slide1.xml"] = slide.encode("utf-8")
    return write_zip(target, members)


def docx_with_external_links(target: Path, image_url: str) -> Path:
    """The default briefing with an attached template, a linked image and a file: link."""
    members = read_zip(PACKAGE_TEMPLATES / "briefing.docx")
    members["word/_rels/settings.xml.rels"] = add_rels(
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
        "</Relationships>".encode(),
        [("rIdTpl", "attachedTemplate", "file:///tmp/evil.dotm")],
    )
    settings = members["word/settings.xml"].decode("utf-8")
    head, sep, rest = settings.partition("<w:zoom")
    members["word/settings.xml"] = (
        head + '<w:attachedTemplate r:id="rIdTpl"/>' + sep + rest
    ).encode("utf-8")
    rels = "word/_rels/document.xml.rels"
    members[rels] = add_rels(members[rels], [
        ("rIdEvilImg", "image", image_url),
        ("rIdEvilLink", "hyperlink", "file:///etc/passwd"),
        ("rIdGood", "hyperlink", "http://example.com/"),
    ])
    return write_zip(target, members)


def png(color: tuple[int, int, int] = (255, 0, 0)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), color).save(buffer, "PNG")
    return buffer.getvalue()


def tiny_linked_deck(image_urls: list[str]) -> bytes:
    """A one-slide deck (python-pptx) whose pictures are only linked, never embedded."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for index, url in enumerate(image_urls):
        pic = slide.shapes.add_picture(
            io.BytesIO(png()), Inches(1 + 4 * index), Inches(1), Inches(3), Inches(3)
        )
        rid = slide.part.relate_to(url, RELATIONSHIP_TYPE.IMAGE, is_external=True)
        blip = pic._element.blipFill.blip
        del blip.attrib[f"{{{REL}}}embed"]
        blip.set(f"{{{REL}}}link", rid)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def tiny_linked_docx(image_urls: list[str]) -> bytes:
    """A one-page Word file (python-docx) whose pictures are only linked."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    document.add_paragraph("Linked pictures below")
    for url in image_urls:
        shape = document.add_picture(io.BytesIO(png()))
        rid = document.part.relate_to(url, RELATIONSHIP_TYPE.IMAGE, is_external=True)
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        del blip.attrib[f"{{{REL}}}embed"]
        blip.set(f"{{{REL}}}link", rid)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that serves a PNG and records every request path."""
    hits: list[str] = []
    body = png((0, 0, 255))

    class Handler(http.server.BaseHTTPRequestHandler):
        def _serve(self) -> None:
            hits.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = _serve

        def log_message(self, format: str, *args: object) -> None:
            del format, args

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def bomb_entry(size: int = 1 << 30, *, declared: int | None = None) -> ZipEntry:
    """A deflated member of ``size`` zero bytes (about 1 MB compressed for 1 GiB).

    ``declared`` makes the zip directory lie about the uncompressed size.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    pieces = []
    crc = 0
    for _ in range(size // len(chunk)):
        pieces.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    pieces.append(compressor.flush())
    return ZipEntry(8, crc, size if declared is None else declared, b"".join(pieces))


def with_member(source: Path, target: Path, name: str, entry: ZipEntry) -> Path:
    """Copy ``source`` with one more member ``name`` written from a ready ``entry``."""
    members = [(n, make_entry(data)) for n, data in read_zip(source).items()]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(package_zip([*members, (name, entry)]))
    return target


def with_part(source: Path, target: Path, name: str, edit: Callable[[str], str]) -> Path:
    """Copy ``source`` with the XML part ``name`` changed by ``edit``."""
    members = read_zip(source)
    members[name] = edit(members[name].decode("utf-8")).encode("utf-8")
    return write_zip(target, members)


def after_declaration(doctype: str) -> Callable[[str], str]:
    """An edit that puts ``doctype`` right after the XML declaration."""

    def edit(xml: str) -> str:
        head, sep, rest = xml.partition("?>")
        return head + sep + doctype + rest

    return edit


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
