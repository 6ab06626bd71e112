"""Brand colours for decks: the template's theme recoloured with the seller's colours.

Default decks colour titles, rules, tables and charts with theme colours (accent 1 = primary,
accent 2 = accent, dark 1 = text), so one template serves every seller. The recoloured theme
parts are computed once per template and colour set.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

from abmcontent.office_zip import read_office_zip

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_THEME_NAME = re.compile(r"^ppt/theme/theme\d+\.xml$")
_SLOTS = {"accent1": "primary", "accent2": "accent", "dk1": "text"}


def _recolour(xml: bytes, colors: dict[str, str]) -> bytes:
    root = etree.fromstring(xml)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    if scheme is None:
        return xml
    for slot, key in _SLOTS.items():
        value = colors.get(key)
        node = scheme.find(f"{{{_A}}}{slot}")
        if not value or node is None:
            continue
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{_A}}}srgbClr").set("val", value.lstrip("#").upper())
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@functools.lru_cache(maxsize=64)
def _themes(path: str, mtime_ns: int, colors: tuple[tuple[str, str], ...]) -> dict[str, bytes]:
    del mtime_ns  # part of the cache key only
    wanted = dict(colors)
    members = read_office_zip(Path(path), Path(path).name)
    return {
        f"/{name}": _recolour(data, wanted)
        for name, data in members.items()
        if _THEME_NAME.match(name)
    }


def theme_overrides(template: Path, colors: dict[str, str]) -> dict[str, bytes]:
    """Theme parts of ``template`` recoloured with ``colors`` (primary, accent, text)."""
    key = tuple(sorted((k, v) for k, v in colors.items() if k in _SLOTS.values()))
    return _themes(str(template), template.stat().st_mtime_ns, key)
