"""Bar charts as PNG images for Word documents, drawn with Pillow.

Flat horizontal bars, one per result, the metric above its bar and the value printed at the
end of it, the series in the brand's primary colour on a light grey track. Drawn at twice
the printed resolution; the same chart (same story, locale and colour) is drawn only once
per process.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

#: fonts tried in order (the CJK family covers Latin too); Pillow's default is the fallback
FONT_FILES = {
    "regular": [
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
    ],
    "bold": [
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ],
}
#: printed width of the chart in EMU (14 cm) and its pixel width at 2x
WIDTH_EMU = 5_040_000
WIDTH_PX = 1100
ROW_PX = 84
BAR_PX = 26
TRACK = "#EEF0F3"
LABEL = "#374151"
VALUE = "#1F2937"


@lru_cache(maxsize=8)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_FILES[weight]:
        if path.is_file():
            return ImageFont.truetype(str(path), size, index=0)
    return ImageFont.load_default()


def _hex(color: str) -> str:
    text = color if color.startswith("#") else f"#{color}"
    return text if len(text) in (4, 7) else "#333333"


@lru_cache(maxsize=64)
def bar_chart_png(
    labels: tuple[str, ...], values: tuple[float, ...], texts: tuple[str, ...], color: str
) -> tuple[bytes, int, int]:
    """Draw a horizontal bar chart.

    Args:
        labels: the metric of each bar.
        values: the bar lengths (magnitudes; the longest fills the track).
        texts: what is printed at the end of each bar (``-13.6%``).
        color: the bar colour, ``#rrggbb``.

    Returns:
        The PNG bytes and the printed width and height in EMU.
    """
    height = ROW_PX * len(labels) + 8
    image = Image.new("RGB", (WIDTH_PX, height), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    label_font = _font("regular", 26)
    value_font = _font("bold", 27)
    track = int(WIDTH_PX * 0.8)
    top = max(values) if values else 0.0
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        y = index * ROW_PX
        draw.text((0, y + 4), label, font=label_font, fill=LABEL)
        bar_y = y + 46
        draw.rectangle((0, bar_y, track, bar_y + BAR_PX), fill=TRACK)
        length = max(4, int(track * (value / top))) if top > 0 else 4
        draw.rectangle((0, bar_y, length, bar_y + BAR_PX), fill=_hex(color))
        draw.text((length + 12, bar_y - 2), text, font=value_font, fill=VALUE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue(), WIDTH_EMU, int(WIDTH_EMU * height / WIDTH_PX)
