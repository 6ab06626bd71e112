"""Replace template pictures by image files named in the data.

A picture (or picture placeholder) whose alt text or name is ``image: account.logo`` gets the
image file at that context value: a path string, relative paths resolved against the render's
``assets_root`` (and required to stay inside it when one is given). The image is fitted inside
the original box, keeping its aspect ratio, and centered. ``None`` or a missing key removes the
picture shape.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped,unused-ignore]
from PIL import Image, UnidentifiedImageError

from .inherit import NSMAP, Box

_A = "{" + NSMAP["a"] + "}"
_R = "{" + NSMAP["r"] + "}"
_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpeg", "image/jpeg"),
    "GIF": ("gif", "image/gif"),
    "BMP": ("bmp", "image/bmp"),
    "TIFF": ("tiff", "image/tiff"),
}


class ImageProblem(ValueError):
    """The image value cannot be used; the message says why."""


@dataclass(frozen=True)
class ImageFile:
    """An image read from disk.

    Attributes:
        path: the resolved path.
        data: the file's bytes.
        ext: the part name extension (``png``).
        content_type: its MIME type.
        width: width in pixels.
        height: height in pixels.
    """

    path: Path
    data: bytes
    ext: str
    content_type: str
    width: int
    height: int


_cache: dict[tuple[str, int, int], ImageFile] = {}
_cache_lock = threading.Lock()


def resolve_image_path(value: object, assets_root: Path | None) -> Path:
    """Resolve an image value to an absolute path.

    Args:
        value: the context value (a path string or :class:`~pathlib.Path`).
        assets_root: where relative paths start; when given, the result must lie inside it.

    Returns:
        The resolved path.

    Raises:
        ImageProblem: the value is not a path, or escapes ``assets_root``.
    """
    if not isinstance(value, str | Path) or not str(value).strip():
        raise ImageProblem(f"image value must be a file path, got {type(value).__name__}")
    path = Path(value)
    if assets_root is not None:
        root = assets_root.resolve()
        resolved = (root / path).resolve()
        if not resolved.is_relative_to(root):
            raise ImageProblem(f"image path {str(value)!r} is outside the assets folder")
        return resolved
    return path.resolve()


def load_image(path: Path) -> ImageFile:
    """Read an image file (cached by path, size and modification time).

    Args:
        path: an absolute path.

    Returns:
        The image.

    Raises:
        ImageProblem: the file is missing or not a supported image.
    """
    try:
        stat = path.stat()
    except OSError:
        raise ImageProblem(f"image file not found: {path}") from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _cache.get(key)
    if found is not None:
        return found
    data = path.read_bytes()
    try:
        with Image.open(BytesIO(data)) as img:
            fmt = img.format or ""
            width, height = img.size
    except (UnidentifiedImageError, OSError):
        raise ImageProblem(f"not a readable image: {path}") from None
    if fmt not in _FORMATS:
        raise ImageProblem(f"unsupported image format {fmt or '?'}: {path}")
    ext, content_type = _FORMATS[fmt]
    image = ImageFile(path, data, ext, content_type, width, height)
    with _cache_lock:
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = image
    return image


def fit_inside(box: Box, width: int, height: int) -> Box:
    """Return the largest box with the image's aspect ratio inside ``box``, centered.

    Args:
        box: the available box (EMU).
        width: image width in pixels.
        height: image height in pixels.

    Returns:
        The fitted box.
    """
    if width <= 0 or height <= 0 or box.cx <= 0 or box.cy <= 0:
        return box
    scale = min(box.cx / width, box.cy / height)
    cx, cy = round(width * scale), round(height * scale)
    return Box(box.x + (box.cx - cx) // 2, box.y + (box.cy - cy) // 2, cx, cy)


def picture_box(pic: etree._Element) -> Box | None:
    """Return the box of a ``p:pic`` from its ``a:xfrm``.

    Args:
        pic: the picture element.

    Returns:
        The box, or ``None`` when it has no transform.
    """
    off = pic.find("p:spPr/a:xfrm/a:off", NSMAP)
    ext = pic.find("p:spPr/a:xfrm/a:ext", NSMAP)
    if off is None or ext is None:
        return None
    return Box(
        int(off.get("x", "0")),
        int(off.get("y", "0")),
        int(ext.get("cx", "0")),
        int(ext.get("cy", "0")),
    )


def place_picture(pic: etree._Element, rid: str, image: ImageFile) -> None:
    """Point a picture at a new image relationship and fit it inside its box.

    Args:
        pic: the ``p:pic`` element, changed in place.
        rid: the slide relationship id of the new image part.
        image: the image.
    """
    blip_fill = pic.find("p:blipFill", NSMAP)
    assert blip_fill is not None
    blip = blip_fill.find("a:blip", NSMAP)
    if blip is None:
        blip = etree.Element(_A + "blip")
        blip_fill.insert(0, blip)
    blip.set(_R + "embed", rid)
    src_rect = blip_fill.find("a:srcRect", NSMAP)
    if src_rect is not None:
        blip_fill.remove(src_rect)
    if blip_fill.find("a:stretch", NSMAP) is None and blip_fill.find("a:tile", NSMAP) is None:
        etree.SubElement(etree.SubElement(blip_fill, _A + "stretch"), _A + "fillRect")
    box = picture_box(pic)
    if box is None:
        return
    fitted = fit_inside(box, image.width, image.height)
    off = pic.find("p:spPr/a:xfrm/a:off", NSMAP)
    ext = pic.find("p:spPr/a:xfrm/a:ext", NSMAP)
    assert off is not None and ext is not None
    off.set("x", str(fitted.x))
    off.set("y", str(fitted.y))
    ext.set("cx", str(fitted.cx))
    ext.set("cy", str(fitted.cy))
