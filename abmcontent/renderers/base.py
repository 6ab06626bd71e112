"""The renderer interface and the registry that finds renderers by name.

A renderer turns (template file, context) into the bytes of one document. Renderers are
created once per process and reused, so they may cache compiled templates. Third parties
add renderers through the ``abmcontent.renderers`` entry-point group.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from abmcontent.errors import RenderError


@dataclass
class RenderedDocument:
    """The bytes of one document and what a reader should be warned about."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RenderRequest:
    """Everything a renderer needs for one document.

    Attributes:
        template: the template file (``.pptx``, ``.docx`` or ``.html``).
        context: the render context (see :func:`abmcontent.context.build_context`).
        workspace_root: the workspace folder; renderers read files only under its
            ``templates/`` and ``assets/`` folders.
        template_name: how errors name the template (workspace-relative path).
    """

    template: Path
    context: dict[str, Any]
    workspace_root: Path
    template_name: str


class Renderer(ABC):
    """Turns a template and a context into one document of ``format``."""

    #: the output file extension, e.g. ``pptx``
    format: str = ""
    #: the template file extension this renderer reads
    template_suffix: str = ""

    @abstractmethod
    def render(self, request: RenderRequest) -> RenderedDocument:
        """Render one document; raise ``TemplateError`` or ``RenderError`` on failure."""

    def check_template(self, template: Path, template_name: str) -> list[str]:
        """Return problems found in ``template`` without rendering it (syntax errors...)."""
        del template, template_name
        return []


#: name -> "module:Class"; imported on first use
BUILTIN_RENDERERS: dict[str, str] = {
    "pptx": "abmcontent.renderers.pptx:PptxRenderer",
    "docx": "abmcontent.renderers.docx:DocxRenderer",
    "html-pdf": "abmcontent.renderers.pdf:HtmlPdfRenderer",
    "office-pdf": "abmcontent.renderers.office_pdf:OfficePdfRenderer",
}

_INSTANCES: dict[str, Renderer] = {}


def _locate(name: str) -> str:
    if name in BUILTIN_RENDERERS:
        return BUILTIN_RENDERERS[name]
    for ep in entry_points(group="abmcontent.renderers"):
        if ep.name == name:
            return str(ep.value)
    raise RenderError(f"no renderer named '{name}'")


def get_renderer(name: str) -> Renderer:
    """Return the process-wide instance of the renderer called ``name``."""
    if name not in _INSTANCES:
        module_name, _, class_name = _locate(name).partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        _INSTANCES[name] = cls()
    return _INSTANCES[name]
