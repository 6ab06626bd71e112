"""The data a loaded deck template keeps between renders, and the render result.

A :class:`DeckModel` is built once per template file by :mod:`.loader` and only read by
:mod:`.render`, so one model can serve many renders, in many threads at once. It pickles (the
compiled Jinja templates are rebuilt from their sources on unpickling), so it can be sent to
worker processes too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from abmcontent.jinja_env import make_environment
from abmcontent.office_links import ExternalLink

from .compile import MediaSlot, TagInfo
from .fit import FitTarget
from .opc import ContentTypes, Rel
from .package import ZipEntry
from .table_fit import TableTarget

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class RenderedDeck:
    """A rendered presentation.

    Attributes:
        data: the .pptx file's bytes.
        warnings: things worth telling the user, e.g. text shrunk to fit.
        slide_count: number of slides in the output.
    """

    data: bytes
    warnings: list[str]
    slide_count: int


def strip_illegal(text: str) -> str:
    """Remove characters that XML 1.0 forbids (most C0 controls).

    Args:
        text: any text.

    Returns:
        The text without them.
    """
    return _XML_ILLEGAL.sub("", text)


def _finalize(value: Any) -> Any:
    """Prepare a printed value: ``None`` prints nothing, illegal XML characters are dropped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return Markup(strip_illegal(str(value)))
    if isinstance(value, str):
        return strip_illegal(value)
    return value


def new_environment() -> ImmutableSandboxedEnvironment:
    """Create the Jinja environment for deck templates (sandboxed, strict, XML-escaping).

    Dotted names look up mapping keys before attributes, so data such as ``account.items`` or
    ``series.values`` means the key, not the ``dict`` method of that name.

    Returns:
        The environment.
    """
    env = make_environment(autoescape=True)
    env.finalize = _finalize
    sandbox_getattr = env.getattr

    def getattr_keys_first(obj: Any, attribute: str) -> Any:
        if isinstance(obj, Mapping):
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                pass
        return sandbox_getattr(obj, attribute)

    env.getattr = getattr_keys_first  # type: ignore[method-assign]
    return env


@dataclass
class SlideSpec:
    """One template slide.

    Attributes:
        number: 1-based position in the template.
        partname: the slide part.
        sld_id: its id in ``presentation.xml``.
        pres_rid: the presentation's relationship id to it.
        notes_partname: its notes slide, if any.
        owned: parts only this slide uses (notes, charts, their workbooks, its own media).
        duplicated: the owned parts that each extra copy of the slide gets its own copy of.
        filename: name of its compiled Jinja template (appears in tracebacks).
        source: the Jinja source.
        lines: line number in ``source`` to the tag it came from.
        fit_targets: text shapes to check for overflow, by shape id.
        table_targets: tables to fit (rows grown, text shrunk, rows moved), by frame id.
        post: whether rendered XML needs post-processing (pictures, charts, fitting).
        template: the compiled template.
    """

    number: int
    partname: str
    sld_id: int
    pres_rid: str
    notes_partname: str | None
    owned: list[str]
    duplicated: frozenset[str]
    filename: str
    source: str
    lines: dict[int, TagInfo]
    fit_targets: dict[str, FitTarget]
    post: bool
    table_targets: dict[str, TableTarget] = field(default_factory=dict)
    template: jinja2.Template | None = None


@dataclass
class DeckModel:
    """Everything a render needs, prepared at load time.

    Attributes:
        name: the template name used in errors.
        content_types: the template's content types.
        rels: every relationship list, by source part.
        entries: precompressed parts and rels parts, by part name.
        global_parts: names (parts and rels parts) copied into every output unchanged.
        chart_xml: original XML of charts filled from data, by part name.
        pres_partname: the presentation part.
        pres_xml: its XML.
        slides: the template slides in order.
        media: ``image:``/``chart:`` slots, indexed by the collector calls in the templates.
        all_names: every part and rels part name of the template.
        external_links: the external relationships removed from the template (reported by
            ``validate``, never in a rendered deck).
        env: the Jinja environment.
    """

    name: str
    content_types: ContentTypes
    rels: dict[str, list[Rel]]
    entries: dict[str, ZipEntry]
    global_parts: list[str]
    chart_xml: dict[str, bytes]
    pres_partname: str
    pres_xml: bytes
    slides: list[SlideSpec]
    media: list[MediaSlot]
    all_names: frozenset[str]
    external_links: list[ExternalLink] = field(default_factory=list)
    env: ImmutableSandboxedEnvironment = field(default_factory=new_environment)

    def compile_templates(self) -> None:
        """Compile every slide's Jinja source (done at load and after unpickling).

        Raises:
            jinja2.TemplateSyntaxError: a slide's source does not compile; the loader turns
                it into a :class:`~abmcontent.errors.TemplateError`.
        """
        for spec in self.slides:
            code = self.env.compile(spec.source, name=spec.filename, filename=spec.filename)
            spec.template = self.env.template_class.from_code(
                self.env, code, self.env.make_globals(None)
            )

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("env", None)
        state["slides"] = [SlideSpec(**{**s.__dict__, "template": None}) for s in self.slides]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.env = new_environment()
        self.compile_templates()
