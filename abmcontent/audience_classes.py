"""The two audience classes of documents and fields: ``customer`` and ``internal``.

A tiny module of its own, so that the list of documents can be read (CLI help, web) without
loading the models.
"""

from __future__ import annotations

from typing import Literal

AudienceClass = Literal["customer", "internal"]
AUDIENCE_CLASSES: tuple[AudienceClass, ...] = ("customer", "internal")
