"""Colour arithmetic for brand colours: WCAG contrast and darkening for text use."""

from __future__ import annotations


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(hex_color: str) -> float:
    """Relative luminance of ``#RRGGBB`` as defined by WCAG 2."""
    r, g, b = (_channel(c) for c in _rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on_white(hex_color: str, minimum: float = 4.5) -> str:
    """Return ``hex_color`` darkened just enough to reach ``minimum`` contrast on white."""
    r, g, b = _rgb(hex_color)
    factor = 1.0
    candidate = hex_color.upper()
    while contrast(candidate, "#FFFFFF") < minimum and factor > 0:
        factor -= 0.05
        candidate = "#{:02X}{:02X}{:02X}".format(*(max(0, round(c * factor)) for c in (r, g, b)))
    return candidate


def tint(hex_color: str, amount: float) -> str:
    """Mix ``hex_color`` with white: ``amount`` 0 keeps it, 1 gives white."""
    r, g, b = _rgb(hex_color)
    mixed = (round(c + (255 - c) * amount) for c in (r, g, b))
    return "#{:02X}{:02X}{:02X}".format(*mixed)
