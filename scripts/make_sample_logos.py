#!/usr/bin/env python3
"""Generate the fictional customer logos of the sample workspace.

Each logo is a simple wordmark: a coloured geometric mark on the left and the
company's short name (plus a small letter-spaced descriptor) on the right, on a
transparent 400x160 canvas, like the contract's logos. The output is
deterministic: same fonts and Pillow version, same bytes.

Japanese companies are written in Japanese when Noto Sans CJK is installed
(``apt-get install fonts-noto-cjk``); otherwise their English short name is set
in DejaVu Sans, so the script always produces a complete set.

Usage:
    python scripts/make_sample_logos.py [--out DIR] [--wait SECONDS]

The sample's ``hokuto-logistics.png`` and brand logo are generated too: the contract's copies
stay in the contract folder, the sample shows what a real logo looks like in documents.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "abmcontent" / "sample" / "workspace" / "assets" / "logos"

WIDTH, HEIGHT = 400, 160
SCALE = 4  # supersampling factor; shapes are drawn large and scaled down
TEXT_COLOUR = (31, 41, 55, 255)  # slate, same as the seller's text colour

CJK_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
CJK_REGULAR = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
DEJAVU_REGULAR = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

RGBA = tuple[int, int, int, int]
Box = tuple[float, float, float, float]


def rgba(hex_colour: str, alpha: int = 255) -> RGBA:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)


def mix(a: RGBA, b: RGBA, t: float) -> RGBA:
    """Blend colour a towards b by t (0..1)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


WHITE: RGBA = (255, 255, 255, 255)


# --------------------------------------------------------------------------- marks
# Every mark draws into a square box (x0, y0, x1, y1) on a supersampled RGBA layer.


def _circle(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: RGBA) -> None:
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)


def _clip_to_circle(layer: Image.Image, box: Box) -> Image.Image:
    mask = Image.new("L", layer.size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    out = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    out.paste(layer, (0, 0), ImageChops.multiply(mask, layer.getchannel("A")))
    return out


def mark_blossom(img: Image.Image, box: Box, colour: RGBA) -> None:
    """Five overlapping petals around a white centre (a cherry blossom)."""
    x0, y0, x1, y1 = box
    cx, cy, size = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
    d = ImageDraw.Draw(img)
    for i in range(5):
        a = math.radians(-90 + i * 72)
        px, py = cx + math.cos(a) * size * 0.26, cy + math.sin(a) * size * 0.26
        _circle(d, px, py, size * 0.225, colour)
    # white veins from the centre to each notch between petals
    for i in range(5):
        a = math.radians(-90 + 36 + i * 72)
        d.line(
            (cx, cy, cx + math.cos(a) * size * 0.3, cy + math.sin(a) * size * 0.3),
            fill=WHITE,
            width=round(size * 0.03),
        )
    _circle(d, cx, cy, size * 0.11, WHITE)
    _circle(d, cx, cy, size * 0.05, mix(colour, (250, 204, 21, 255), 0.6))


def mark_star(img: Image.Image, box: Box, colour: RGBA) -> None:
    """A rounded square with a four-pointed star (hoshi)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    d = ImageDraw.Draw(img)
    d.rounded_rectangle(box, radius=size * 0.22, fill=colour)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    outer, inner = size * 0.34, size * 0.085
    pts = []
    for i in range(8):
        r = outer if i % 2 == 0 else inner
        a = math.radians(-90 + i * 45)
        pts.append((cx + math.cos(a) * r, cy + math.sin(a) * r))
    d.polygon(pts, fill=WHITE)
    # a small companion star
    sx, sy, so, si = cx + size * 0.24, cy - size * 0.24, size * 0.09, size * 0.025
    pts = []
    for i in range(8):
        r = so if i % 2 == 0 else si
        a = math.radians(-90 + i * 45)
        pts.append((sx + math.cos(a) * r, sy + math.sin(a) * r))
    d.polygon(pts, fill=mix(colour, WHITE, 0.55))


def _leaf(
    cx: float, cy: float, length: float, width: float, angle: float
) -> list[tuple[float, float]]:
    """Polygon of a pointed leaf (two circular arcs) centred at (cx, cy)."""
    half = length / 2
    # radius of the arcs through both tips and the widest point
    r = (half**2 + (width / 2) ** 2) / width
    off = r - width / 2
    pts: list[tuple[float, float]] = []
    steps = 40
    span = math.asin(half / r)
    for side in (1, -1):
        for i in range(steps + 1):
            t = -span + 2 * span * i / steps
            x = r * math.sin(t) * side
            y = (r * math.cos(t) - off) * side
            pts.append((x, y))
    ca, sa = math.cos(angle), math.sin(angle)
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in pts]


def mark_sprout(img: Image.Image, box: Box, colour: RGBA) -> None:
    """Two young leaves on a stem (wakaba)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    d = ImageDraw.Draw(img)
    cx, base = (x0 + x1) / 2, y1 - size * 0.06
    light = mix(colour, (250, 204, 21, 255), 0.45)
    d.line((cx, base, cx, y0 + size * 0.48), fill=colour, width=round(size * 0.07))
    d.polygon(
        _leaf(cx - size * 0.2, y0 + size * 0.42, size * 0.52, size * 0.27, math.radians(-35)),
        fill=light,
    )
    d.polygon(
        _leaf(cx + size * 0.2, y0 + size * 0.32, size * 0.62, size * 0.32, math.radians(35 + 180)),
        fill=colour,
    )


def mark_peaks(img: Image.Image, box: Box, colour: RGBA) -> None:
    """A circle with two snow-capped peaks (shiramine: white peak)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    d.ellipse(box, fill=colour)
    back = mix(colour, WHITE, 0.45)
    d.polygon(
        [(x0 + size * 0.45, y1), (x0 + size * 0.72, y0 + size * 0.36), (x1 + size * 0.1, y1)],
        fill=back,
    )
    d.polygon(
        [(x0 - size * 0.05, y1), (x0 + size * 0.38, y0 + size * 0.22), (x0 + size * 0.86, y1)],
        fill=WHITE,
    )
    # a line of water under the mountains
    d.rectangle((x0, y0 + size * 0.8, x1, y1), fill=mix(colour, (0, 0, 0, 255), 0.15))
    img.alpha_composite(_clip_to_circle(layer, box))


def mark_threads(img: Image.Image, box: Box, colour: RGBA) -> None:
    """Three interlaced rings (tsumugi: spun thread)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2 + size * 0.03
    r, dist, w = size * 0.25, size * 0.2, round(size * 0.075)
    shades = [colour, mix(colour, WHITE, 0.3), mix(colour, (0, 0, 0, 255), 0.2)]
    d = ImageDraw.Draw(img)
    for i, shade in enumerate(shades):
        a = math.radians(-90 + i * 120)
        px, py = cx + math.cos(a) * dist, cy + math.sin(a) * dist
        d.ellipse((px - r, py - r, px + r, py + r), outline=shade, width=w)


def mark_sun_waves(img: Image.Image, box: Box, colour: RGBA) -> None:
    """A sun over two waves (bright water)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    d.ellipse(box, fill=colour)
    water = rgba("#1D6FA3")
    for k, (yy, shade) in enumerate(((0.58, water), (0.76, mix(water, (0, 0, 0, 255), 0.25)))):
        top = y0 + size * yy
        pts = [
            (x0 + size * i / 60, top + math.sin(i / 60 * 2 * math.pi * 1.5 + k) * size * 0.04)
            for i in range(61)
        ]
        d.polygon([*pts, (x1, y1 + 2), (x0, y1 + 2)], fill=shade)
        d.line(pts, fill=WHITE, width=round(size * 0.035), joint="curve")
    img.alpha_composite(_clip_to_circle(layer, box))


def mark_globe(img: Image.Image, box: Box, colour: RGBA) -> None:
    """A globe with meridians (meridian)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    cx = (x0 + x1) / 2
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    d.ellipse(box, fill=colour)
    w = round(size * 0.035)
    line = mix(colour, WHITE, 0.75)
    for half_width in (0.16, 0.34):
        d.ellipse(
            (cx - size * half_width, y0 + w, cx + size * half_width, y1 - w), outline=line, width=w
        )
    d.line((cx, y0, cx, y1), fill=line, width=w)
    for yy in (0.3, 0.5, 0.7):
        d.line((x0, y0 + size * yy, x1, y0 + size * yy), fill=line, width=w)
    # a cross: the pharmacy sign, sitting on the globe
    c, arm, t = (x1 - size * 0.2, y1 - size * 0.2), size * 0.16, size * 0.065
    layer2 = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d2 = ImageDraw.Draw(layer2)
    _circle(d2, c[0], c[1], size * 0.22, WHITE)
    _circle(d2, c[0], c[1], size * 0.18, rgba("#E4572E"))
    d2.rectangle((c[0] - t, c[1] - arm * 0.75, c[0] + t, c[1] + arm * 0.75), fill=WHITE)
    d2.rectangle((c[0] - arm * 0.75, c[1] - t, c[0] + arm * 0.75, c[1] + t), fill=WHITE)
    img.alpha_composite(_clip_to_circle(layer, box))
    img.alpha_composite(layer2)


def mark_wings(img: Image.Image, box: Box, colour: RGBA) -> None:
    """Three rising chevrons (a kestrel in flight, or a ridge line)."""
    x0, y0, x1, _y1 = box
    size = x1 - x0
    d = ImageDraw.Draw(img)
    shades = [colour, mix(colour, WHITE, 0.3), mix(colour, WHITE, 0.55)]
    for i, shade in enumerate(shades):
        top = y0 + size * (0.1 + i * 0.25)
        t = size * 0.17
        d.polygon(
            [
                (x0, top + size * 0.42),
                (x0 + size / 2, top),
                (x1, top + size * 0.42),
                (x1, top + size * 0.42 + t),
                (x0 + size / 2, top + t),
                (x0, top + size * 0.42 + t),
            ],
            fill=shade,
        )


def mark_snow_hex(img: Image.Image, box: Box, colour: RGBA) -> None:
    """A hexagon with a snowflake (cold storage)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, size / 2
    d = ImageDraw.Draw(img)
    hexagon = [
        (cx + r * math.cos(math.radians(90 + 60 * i)), cy + r * math.sin(math.radians(90 + 60 * i)))
        for i in range(6)
    ]
    d.polygon(hexagon, fill=colour)
    w = round(size * 0.06)
    arm = r * 0.62
    for i in range(3):
        a = math.radians(90 + 60 * i)
        dx, dy = math.cos(a) * arm, math.sin(a) * arm
        d.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=WHITE, width=w)
        for s in (1, -1):  # small branches near each tip
            bx, by = cx + s * dx * 0.62, cy + s * dy * 0.62
            for turn in (40, -40):
                b = a + math.radians(turn) + (0 if s == 1 else math.pi)
                d.line(
                    (bx, by, bx + math.cos(b) * r * 0.22, by + math.sin(b) * r * 0.22),
                    fill=WHITE,
                    width=w,
                )
    _circle(d, cx, cy, w * 0.9, WHITE)


# --------------------------------------------------------------------------- logos


@dataclass(frozen=True)
class Logo:
    id: str
    colour: str
    mark: Callable[[Image.Image, Box, RGBA], None]
    name_en: str
    descriptor: str
    name_ja: str | None = None


LOGOS = [
    Logo("sakura-mart", "#D6457A", mark_blossom, "Sakura Mart", "SUPERMARKET", "さくらマート"),
    Logo(
        "hoshikawa-precision",
        "#1E3A6E",
        mark_star,
        "Hoshikawa",
        "PRECISION INDUSTRIES",
        "星川精密工業",
    ),
    Logo("wakaba-pharma", "#2E8B57", mark_sprout, "Wakaba", "PHARMACEUTICAL", "若葉製薬"),
    Logo("shiramine-beverage", "#2B6CB0", mark_peaks, "Shiramine", "BEVERAGE", "白峰飲料"),
    Logo("tsumugi-online", "#7B4FA0", mark_threads, "Tsumugi", "ONLINE STORE", "つむぎオンライン"),
    Logo("brightwater-foods", "#F08A24", mark_sun_waves, "Brightwater", "FOODS"),
    Logo("meridian-pharma", "#0F766E", mark_globe, "Meridian", "PHARMA DISTRIBUTION"),
    Logo("kestrel-outfitters", "#2F5D50", mark_wings, "Kestrel", "OUTFITTERS"),
    Logo("alder-creek-cold-storage", "#2F6DA8", mark_snow_hex, "Alder Creek", "COLD STORAGE"),
    Logo("hokuto-logistics", "#0B3D6E", mark_star, "Hokuto", "LOGISTICS", "北斗ロジスティクス"),
]

#: the seller's own logo, written to assets/brand/ (English wordmark in both languages)
BRAND_LOGOS = [Logo("sorami", "#0B4F8A", mark_sun_waves, "Sorami", "SYSTEMS")]


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # index 0 of the Noto CJK collections is the Japanese (JP) face
    return (
        ImageFont.truetype(str(path), size, index=0)
        if path.suffix == ".ttc"
        else ImageFont.truetype(str(path), size)
    )


def _fit(
    path: Path, text: str, max_width: float, start: int, tracking: float = 0.0
) -> ImageFont.FreeTypeFont:
    size = start
    while size > 8:
        f = _font(path, size)
        if _tracked_width(f, text, tracking * size) <= max_width:
            return f
        size -= 2
    return _font(path, size)


def _tracked_width(font: ImageFont.FreeTypeFont, text: str, spacing: float) -> float:
    return sum(font.getlength(ch) for ch in text) + spacing * max(len(text) - 1, 0)


def _draw_tracked(
    d: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: RGBA,
    spacing: float,
) -> None:
    x, y = xy
    for ch in text:
        d.text((x, y), ch, font=font, fill=fill, anchor="ls")
        x += font.getlength(ch) + spacing


def render(logo: Logo, use_cjk: bool) -> Image.Image:
    s = SCALE
    img = Image.new("RGBA", (WIDTH * s, HEIGHT * s), (0, 0, 0, 0))
    colour = rgba(logo.colour)

    mark_size = 96 * s
    margin = 22 * s
    top = (HEIGHT * s - mark_size) / 2
    logo.mark(img, (margin, top, margin + mark_size, top + mark_size), colour)

    text_x = margin + mark_size + 20 * s
    max_w = WIDTH * s - text_x - 16 * s
    japanese = use_cjk and logo.name_ja is not None
    name = logo.name_ja if japanese else logo.name_en
    assert name is not None
    bold = CJK_BOLD if use_cjk else DEJAVU_BOLD
    regular = CJK_REGULAR if use_cjk else DEJAVU_REGULAR

    name_font = _fit(bold, name, max_w, 44 * s)
    tracking = 0.22
    desc_font = _fit(regular, logo.descriptor, max_w, 13 * s, tracking)
    desc_spacing = desc_font.size * tracking

    # vertically centre the two lines on the mark, using real ink extents
    name_box = name_font.getbbox(name, anchor="ls")
    name_h = -name_box[1]  # ascent of the ink above the baseline
    gap = 19 * s
    desc_box = desc_font.getbbox(logo.descriptor, anchor="ls")
    desc_h = -desc_box[1]
    block = name_h + gap + desc_h
    baseline1 = HEIGHT * s / 2 - block / 2 + name_h
    baseline2 = baseline1 + gap + desc_h

    d = ImageDraw.Draw(img)
    d.text((text_x, baseline1), name, font=name_font, fill=TEXT_COLOUR, anchor="ls")
    _draw_tracked(
        d,
        (text_x, baseline2),
        logo.descriptor,
        desc_font,
        mix(colour, TEXT_COLOUR, 0.25),
        desc_spacing,
    )

    return img.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder (default: the sample workspace)",
    )
    ap.add_argument(
        "--wait",
        type=float,
        default=0.0,
        help="seconds to wait for Noto Sans CJK to appear (e.g. while apt installs it)",
    )
    args = ap.parse_args(argv)

    deadline = time.monotonic() + args.wait
    while not (CJK_BOLD.exists() and CJK_REGULAR.exists()) and time.monotonic() < deadline:
        time.sleep(2)
    use_cjk = CJK_BOLD.exists() and CJK_REGULAR.exists()
    if not use_cjk:
        print(
            "Noto Sans CJK not found: Japanese names fall back to English (DejaVu Sans)",
            file=sys.stderr,
        )

    args.out.mkdir(parents=True, exist_ok=True)
    brand = args.out.parent / "brand"
    brand.mkdir(parents=True, exist_ok=True)
    targets = [(logo, args.out) for logo in LOGOS] + [(logo, brand) for logo in BRAND_LOGOS]
    for logo, folder in targets:
        path = folder / f"{logo.id}.png"
        render(logo, use_cjk).save(path, format="PNG", optimize=True)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
