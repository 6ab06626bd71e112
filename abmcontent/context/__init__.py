"""The render context: what a template sees for one account, audience and document."""

from abmcontent.context.audiences import Audience, audiences_for, resolve_audience
from abmcontent.context.builder import RenderContext, build_context

__all__ = ["Audience", "RenderContext", "audiences_for", "build_context", "resolve_audience"]
