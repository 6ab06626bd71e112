"""The PowerPoint renderer: fills a .pptx template with the deck engine."""

from __future__ import annotations

from abmcontent.renderers.base import RenderedDocument, Renderer, RenderRequest


class PptxRenderer(Renderer):
    """Renders proposal decks from PowerPoint templates (compiled once per process)."""

    format = "pptx"
    template_suffix = ".pptx"

    def render(self, request: RenderRequest) -> RenderedDocument:
        """Render one deck."""
        from abmcontent.pptx_engine import load_cached
        from abmcontent.renderers.doc_properties import CORE_PART, core_properties_xml
        from abmcontent.renderers.pptx_theme import theme_overrides

        template = load_cached(request.template, name=request.template_name)
        colors = request.context.get("seller", {}).get("colors", {})
        overrides = dict(theme_overrides(request.template, colors)) if colors else {}
        if CORE_PART in template._model.entries:
            today = str(request.context.get("today") or "2026-01-01")
            overrides[CORE_PART] = core_properties_xml(request.context, today)
        deck = template.render(
            request.context,
            assets_root=request.workspace_root,
            part_overrides=overrides or None,
            notes_mark=request.context.get("strings", {}).get("more_in_notes"),
        )
        removed = [
            link.message(template.name) for link in template.external_links
        ]
        return RenderedDocument(deck.data, [*deck.warnings, *removed])

    def check_template(self, template: object, template_name: str) -> list[str]:
        """Compile the template; a syntax error or a refused external link is a problem."""
        from pathlib import Path

        from abmcontent.errors import TemplateError
        from abmcontent.pptx_engine import load_cached

        try:
            deck = load_cached(Path(str(template)), name=template_name)
        except TemplateError as exc:
            return [str(exc)]
        return [
            link.message(template_name)
            for link in deck.external_links
        ]
