"""Find font files for PowerPoint font names and measure text with them.

Widths are measured with Pillow at a reference size and cached per (font file, token), so a
word is measured once per process; the width at another size is proportional. Font files are
looked up with ``fc-match`` (cached); CJK text is measured with Noto Sans CJK JP when it is
installed, and any font ``fc-match`` returns otherwise.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from pathlib import Path

from PIL import ImageFont

REFERENCE_PX = 100
#: line height in ems (ascent + descent) when no font file is found
DEFAULT_LINE_HEIGHT = 1.2
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_FALLBACKS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)


@functools.lru_cache(maxsize=256)
def font_file(pattern: str) -> tuple[str, int] | None:
    """Return ``(path, face index)`` of the installed font that best matches ``pattern``.

    Args:
        pattern: a fontconfig pattern, e.g. ``Calibri`` or ``:lang=ja``.

    Returns:
        The font file and face index, or ``None`` when nothing usable is found.
    """
    exe = shutil.which("fc-match")
    if exe is not None:
        try:
            out = subprocess.run(
                [exe, "-f", "%{file}|%{index}", pattern or "sans"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        path, _, index = out.partition("|")
        if path and Path(path).is_file() and path.lower().endswith((".ttf", ".otf", ".ttc")):
            return path, int(index or 0)
    for candidate in _FALLBACKS:
        if candidate.is_file():
            return str(candidate), 0
    return None


def cjk_font_file() -> tuple[str, int] | None:
    """Return the font used to measure CJK characters.

    Returns:
        Noto Sans CJK JP when installed, else whatever ``fc-match :lang=ja`` finds.
    """
    if CJK_FONT.is_file():
        return str(CJK_FONT), 0
    return font_file(":lang=ja")


class Measurer:
    """Token widths for one font file, in ems (width at 1 pt = value in pt).

    Attributes:
        line_height: the font's ascent plus descent in ems: the height of a line at 100%.
    """

    def __init__(self, spec: tuple[str, int] | None) -> None:
        """Open the font.

        Args:
            spec: ``(path, index)`` or ``None`` to use an average-width estimate.
        """
        self._font: ImageFont.FreeTypeFont | None = None
        if spec is not None:
            try:
                self._font = ImageFont.truetype(spec[0], REFERENCE_PX, index=spec[1])
            except OSError:
                self._font = None
        self._cache: dict[str, float] = {}
        self._lock = threading.Lock()
        self.line_height = DEFAULT_LINE_HEIGHT
        if self._font is not None:
            ascent, descent = self._font.getmetrics()
            self.line_height = (ascent + descent) / REFERENCE_PX

    def em_width(self, token: str) -> float:
        """Return the advance width of ``token`` in ems.

        Args:
            token: a word, a space run or a single character.

        Returns:
            The width divided by the font size.
        """
        width = self._cache.get(token)
        if width is None:
            if self._font is None:
                width = 0.55 * len(token)
            else:
                with self._lock:
                    try:
                        width = float(self._font.getlength(token)) / REFERENCE_PX
                    except (RuntimeError, OSError, ValueError):
                        # raqm refuses some separators (U+0085, U+2029, U+001C-U+001E, CR)
                        width = 0.55 * len(token)
            self._cache[token] = width
        return width


_measurers: dict[tuple[str, int] | None, Measurer] = {}
_measurers_lock = threading.Lock()


def measurer(spec: tuple[str, int] | None) -> Measurer:
    """Return the process-wide :class:`Measurer` for a font file.

    Args:
        spec: ``(path, index)`` from :func:`font_file`.

    Returns:
        The shared measurer.
    """
    found = _measurers.get(spec)
    if found is None:
        with _measurers_lock:
            found = _measurers.get(spec)
            if found is None:
                found = Measurer(spec)
                _measurers[spec] = found
    return found


def measurer_for_family(family: str) -> Measurer:
    """Return the measurer for a PowerPoint font family name.

    Args:
        family: e.g. ``Calibri``.

    Returns:
        The measurer of the best installed match.
    """
    return measurer(font_file(family))


def cjk_measurer() -> Measurer:
    """Return the measurer for CJK characters.

    Returns:
        The shared CJK measurer.
    """
    return measurer(cjk_font_file())
