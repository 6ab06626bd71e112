"""Office documents cut down to what a first-page preview shows.

LibreOffice loads every slide of a deck even when it exports one: a deck cut down to its
first slide loads in about a third of the time. Word files are left whole (their first page
is only known once laid out) and are exported with a page range instead.
"""

from __future__ import annotations

import io


def first_slide_only(data: bytes) -> bytes:
    """The ``.pptx`` bytes with every slide but the first removed (parts they alone use too).

    Raises:
        ValueError: the bytes are not a presentation python-pptx can open.
    """
    from pptx import Presentation

    try:
        presentation = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises zip, XML and key errors alike
        raise ValueError(f"not a presentation: {exc}") from exc
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids)[1:]:
        presentation.part.drop_rel(slide_id.rId)  # unreferenced parts are not saved
        slide_ids.remove(slide_id)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
