"""Compare two Word documents as docxtpl parity is measured: text of every part, PDF pages.

Used by the compatibility test (tests/renderers/test_docxtpl_compat.py) and by the
measurement against docxtpl's own suite (benchmarks/docxtpl_parity.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image, ImageChops

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: the parts compared as text: body, headers, footers, notes, comments
TEXT_PARTS = re.compile(
    r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$"
)
PROPERTY_PARTS = ("docProps/core.xml", "docProps/custom.xml")
#: a pixel differs when a channel differs by more than this; a page by more than FRACTION
PIXEL_DELTA = 48
PAGE_FRACTION = 0.005


def _paragraph_text(paragraph: etree._Element) -> str:
    out: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.get(f"{W}type") == "page":
            out.append("\f")
        else:
            out.append("\n")
    return "".join(out)


def part_text(xml: bytes) -> list[str]:
    """The text of a WordprocessingML part, one entry per paragraph, cells marked ``|``."""
    root = etree.fromstring(xml)
    lines: list[str] = []
    for paragraph in root.iter(f"{W}p"):
        in_cell = any(a.tag == f"{W}tc" for a in paragraph.iterancestors())
        lines.append(("| " if in_cell else "") + _paragraph_text(paragraph))
    return lines


def document_text(path: Path) -> dict[str, list[str]]:
    """Every compared part of a .docx by name: paragraphs, or property values."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if TEXT_PARTS.match(name):
                found[name] = part_text(archive.read(name))
            elif name in PROPERTY_PARTS:
                root = etree.fromstring(archive.read(name))
                found[name] = [
                    f"{etree.QName(e).localname}={e.text}" for e in root.iter()
                    if e.text and e.text.strip() and len(e) == 0
                    and etree.QName(e).localname not in ("created", "modified", "revision")
                ]
    return found


def text_differences(ours: Path, reference: Path) -> list[str]:
    """The parts whose text differs between two documents, with the first differing line."""
    mine, theirs = document_text(ours), document_text(reference)
    problems: list[str] = []
    for name in sorted(set(mine) | set(theirs)):
        a, b = mine.get(name), theirs.get(name)
        if a == b:
            continue
        if a is None or b is None:
            problems.append(f"{name}: only in {'reference' if a is None else 'ours'}")
            continue
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                     min(len(a), len(b)))
        x = a[first] if first < len(a) else "<end>"
        y = b[first] if first < len(b) else "<end>"
        problems.append(f"{name}, paragraph {first + 1}: ours {x!r}, docxtpl {y!r}")
    return problems


def to_pdf(documents: list[Path], out_dir: Path) -> None:
    """Convert documents to PDF with LibreOffice, in one run, into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or "soffice"
    profile = out_dir / ".lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, documents)],
        check=True, capture_output=True, timeout=600,
    )


def page_images(pdf: Path, dpi: int = 50) -> list[Image.Image]:
    """The pages of ``pdf`` as RGB images at ``dpi``."""
    prefix = pdf.with_suffix("")
    for old in prefix.parent.glob(f"{prefix.name}-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{prefix}-page"],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(prefix.parent.glob(f"{prefix.name}-page-*.png"))
    return [Image.open(p).convert("RGB") for p in pages]


def page_differences(ours: Path, reference: Path) -> list[str]:
    """The pages of two PDFs that differ by more than the tolerance (or a page count)."""
    a, b = page_images(ours), page_images(reference)
    if len(a) != len(b):
        return [f"{len(a)} pages, docxtpl {len(b)}"]
    problems: list[str] = []
    for number, (x, y) in enumerate(zip(a, b, strict=True), start=1):
        if x.size != y.size:
            problems.append(f"page {number}: size {x.size}, docxtpl {y.size}")
            continue
        diff = ImageChops.difference(x, y).convert("L").point(
            lambda v: 255 if v > PIXEL_DELTA else 0)
        histogram = diff.histogram()
        fraction = histogram[255] / (x.size[0] * x.size[1])
        if fraction > PAGE_FRACTION:
            problems.append(f"page {number}: {fraction:.2%} of pixels differ")
    return problems
