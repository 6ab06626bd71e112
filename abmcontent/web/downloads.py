"""Files served to the browser come from ``output/`` only: resolved, then checked."""

from __future__ import annotations

from pathlib import Path

from fastapi import HTTPException

from abmcontent.outputs import output_root

MEDIA_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "png": "image/png",
}


def output_file(workspace_root: Path, relative: str) -> Path:
    """The file at ``relative`` under ``output/``, after resolving links and ``..``.

    Raises:
        HTTPException: 404 when it leaves ``output/``, is not a regular file, or has a
            type that is never served.
    """
    out = output_root(workspace_root).resolve()
    if "\x00" in relative or relative.startswith(("/", "\\")):
        raise HTTPException(404, "not found")
    target = (out / relative).resolve()
    if not target.is_relative_to(out) or target == out:
        raise HTTPException(404, "not found")
    if target.suffix.lstrip(".") not in MEDIA_TYPES or not target.is_file():
        raise HTTPException(404, "not found")
    return target
