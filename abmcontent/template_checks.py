"""Check every template of a workspace before anything is rendered.

Each template is compiled (syntax errors, missing includes), then every variable path it
uses is checked against the shape of the render context of its document (see
:mod:`abmcontent.context.schema_paths`): ``templates/proposal.pptx: slide 3, shape 'Title':
unknown variable 'account.nmae' (did you mean 'account.name'?)``. A template named after
a document (``briefing.html``, ``proposal.ja.pptx``) is checked against that document's
context; partials and other templates against what any document's context has.

``validate`` never imports WeasyPrint: HTML templates are parsed with Jinja only.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta
from jinja2 import nodes

from abmcontent.context.schema_paths import (
    Shape,
    context_shapes,
    shape_of,
    shape_of_copy,
    union,
    unknown_paths,
)
from abmcontent.documents import DOCUMENTS, PACKAGE_TEMPLATES, template_path
from abmcontent.errors import AbmError, Problem
from abmcontent.jinja_env import ConfinedLoader, TemplateOutside, make_environment
from abmcontent.layout import TEMPLATES_DIR
from abmcontent.loading.workspace import Workspace
from abmcontent.renderers.base import get_renderer

#: template file suffix -> the renderer that checks it
CHECKERS = {".pptx": "pptx", ".docx": "docx", ".html": "html-pdf"}


@dataclass(frozen=True)
class TemplateShape:
    """What a template sees, and for a customer document what it would see if internal.

    Attributes:
        shape: the shape of the context the template is rendered with.
        internal: for a customer document, the shape of the same context with the internal
            fields (a path only this one has is an internal field); else ``None``.
        doc: the document id, or ``""`` for partials.
    """

    shape: Shape
    internal: Shape | None = None
    doc: str = ""


class _Shapes:
    """The context shape of each document, per renderer, built on first use."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._base: dict[str, Shape] | None = None
        self._internal: dict[str, Shape] | None = None
        self._views: dict[tuple[str, str], TemplateShape] = {}

    def base(self) -> dict[str, Shape]:
        if self._base is None:
            self._base = context_shapes(self.workspace, DOCUMENTS)
        return self._base

    def internal(self, doc: str) -> Shape:
        """The shape of ``doc``'s context built in the internal view."""
        if self._internal is None:
            self._internal = context_shapes(self.workspace, DOCUMENTS, view="internal")
        return self._internal[doc]

    def for_template(self, file_name: str, renderer: str) -> TemplateShape:
        """The shapes a template called ``file_name`` is checked against."""
        doc = file_name.split(".", 1)[0]
        key = (doc if doc in DOCUMENTS else "", renderer)
        if key not in self._views:
            shapes = self.base()
            docs = [doc] if doc in DOCUMENTS else list(shapes)
            view = union(shapes[d] for d in docs)
            internal: Shape | None = None
            if doc in DOCUMENTS and not DOCUMENTS[doc].internal:
                internal = shape_of_copy(self.internal(doc))
            if renderer == "docx":
                extras = _docx_extras(self.workspace.root)
                view.merge(extras)
                if internal is not None:
                    internal.merge(shape_of_copy(extras))
            self._views[key] = TemplateShape(view, internal, key[0])
        return self._views[key]


def _docx_extras(root: Path) -> Shape:
    """What the Word renderer adds to the context (pictures, result charts)."""
    from abmcontent.renderers.base import RenderRequest
    from abmcontent.renderers.docx import DocxRenderer, _Media

    probe = {
        "account": {"logo": None},
        "seller": {"logo": None, "colors": {}},
        "case_studies": [
            {"id": "probe", "results": [{"metric": "m", "magnitude": 1.0, "display": "1%",
                                         "unit": "%"}]}
        ],
    }
    request = RenderRequest(Path("probe.docx"), probe, root, "probe.docx")
    extended = DocxRenderer()._context(request, _Media(), [])
    return shape_of(extended)


def _variable_problems(
    ast: nodes.Template,
    shapes: TemplateShape,
    file: str,
    where: Callable[[int], tuple[int | None, str]],
    extra_names: tuple[str, ...] = (),
) -> list[Problem]:
    """Unknown variables, and internal fields a customer template uses, with their place."""
    problems: list[Problem] = []
    unknown_anyway: set[tuple[int, str]] | None = None
    if shapes.internal is not None:
        unknown_anyway = {
            (found.line, found.path)
            for found in unknown_paths(ast, shapes.internal, extra_names=extra_names)
        }
    for found in unknown_paths(ast, shapes.shape, extra_names=extra_names):
        line, location = where(found.line)
        prefix = f"{location}: " if location else ""
        if unknown_anyway is not None and (found.line, found.path) not in unknown_anyway:
            message = (
                f"uses internal field '{found.path}': {shapes.doc} is a customer document, "
                "so its context never has it (see docs/fields.md)"
            )
        else:
            message = found.message()
        problems.append(Problem(file, line, "", prefix + message))
    return problems


# -- HTML ----------------------------------------------------------------------------------


def _html_name(name: str, main: Path, filename: str | None) -> str:
    """How to name a file found while checking ``main`` (called ``name``)."""
    if not filename or Path(filename) == main:
        return name
    found = Path(filename)
    if found.parent == PACKAGE_TEMPLATES and main.parent != PACKAGE_TEMPLATES:
        return f"(default) {found.name}"
    prefix = f"{TEMPLATES_DIR}/" if name.startswith(f"{TEMPLATES_DIR}/") else "(default) "
    return f"{prefix}{found.name}"


def _check_html(path: Path, name: str, shapes: _Shapes | None = None) -> list[Problem]:
    """Compile an HTML template and everything it includes or extends (Jinja only).

    The PDF renderer itself is not imported: ``validate`` must not load WeasyPrint. As in
    the renderer, partials missing from a workspace's folder come from the packaged ones,
    and a file that resolves outside both folders (a symlink) is reported, never read.
    """
    searchpath = [str(path.parent)]
    if path.parent.resolve() != PACKAGE_TEMPLATES.resolve():
        searchpath.append(str(PACKAGE_TEMPLATES))
    env = make_environment(autoescape=True, loader=ConfinedLoader(searchpath))
    problems: list[Problem] = []
    try:
        seen: set[str] = set()
        pending = [path.name]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            source, filename, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            ast = env.parse(source, current, filename)
            if shapes is not None:
                # a partial may serve several documents: it is checked against any of them
                shape = shapes.for_template(path.name if current == path.name else "", "html-pdf")
                file = _html_name(name, path, filename)
                problems.extend(_variable_problems(ast, shape, file, lambda n: (n, "")))
            pending.extend(
                ref for ref in jinja2.meta.find_referenced_templates(ast) if ref is not None
            )
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.name or name}, line {exc.lineno}"
        return [Problem(name, exc.lineno, "", f"{where}: {exc.message}")]
    except TemplateOutside as exc:
        return [Problem(name, None, "", f"template {exc.message}")]
    except jinja2.TemplateNotFound as exc:
        return [Problem(name, None, "", f"includes '{exc.name}', which does not exist")]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(name, None, "", f"cannot read template: {exc}")]
    return problems


# -- PowerPoint and Word -------------------------------------------------------------------


def _check_pptx(path: Path, name: str, shape: TemplateShape) -> list[Problem]:
    from abmcontent.pptx_engine import load_cached
    from abmcontent.pptx_engine.compile import COLLECT

    deck = load_cached(path, name=name)
    model = deck._model  # the compiled slides: their Jinja sources and where each line came from
    problems: list[Problem] = []
    for spec in model.slides:
        ast = model.env.parse(spec.source)

        def where(line: int, spec_lines: Mapping[int, object] = spec.lines,
                  number: int = spec.number) -> tuple[int | None, str]:
            info = spec_lines.get(line)
            location = getattr(info, "location", "") or f"slide {number}"
            return None, str(location)

        problems.extend(_variable_problems(ast, shape, name, where, (COLLECT,)))
    return problems


def _check_docx(path: Path, name: str, shape: TemplateShape) -> list[Problem]:
    from abmcontent.renderers.docx import DocxRenderer, location_in

    renderer = get_renderer("docx")
    assert isinstance(renderer, DocxRenderer)
    prepared = renderer.prepare(path, name)
    problems: list[Problem] = []
    for part in prepared.parts:
        lines = part.source.split("\n")
        body = "\n".join(lines[1:]) if lines and lines[0].startswith("<?xml") else part.source
        ast = renderer._env.parse(body)

        def where(line: int, body: str = body, label: str = part.label) -> tuple[int | None, str]:
            return None, html.unescape(location_in(body, line, label))

        problems.extend(_variable_problems(ast, shape, name, where))
    return problems


def _without_name(reason: str, name: str) -> str:
    """``templates/a.pptx, slide 2: bad`` -> ``slide 2: bad`` (the problem names the file)."""
    if reason.startswith(name) and reason[len(name) : len(name) + 1] in (":", ","):
        return reason[len(name) + 1 :].lstrip()
    return reason


@dataclass
class _Checker:
    shapes: _Shapes

    def check(self, path: Path, name: str, renderer: str) -> list[Problem]:
        if renderer == "html-pdf":
            return _check_html(path, name, self.shapes)
        try:
            reasons = get_renderer(renderer).check_template(path, name)
        except AbmError as exc:
            reasons = [str(exc)]
        except ImportError as exc:
            reasons = [f"renderer '{renderer}' is not available: {exc}"]
        if reasons:
            return [Problem(name, None, "", _without_name(reason, name)) for reason in reasons]
        shape = self.shapes.for_template(path.name, renderer)
        try:
            if renderer == "pptx":
                return _check_pptx(path, name, shape)
            if renderer == "docx":
                return _check_docx(path, name, shape)
        except AbmError as exc:
            return [Problem(name, None, "", _without_name(str(exc), name))]
        return []


def check_templates(workspace: Workspace) -> list[Problem]:
    """Return a problem for every template that is missing, broken, or uses unknown variables.

    Unknown variables are paths the render context of the template's document lacks.

    Every template file in the workspace's ``templates/`` folder is checked, and so is
    every packaged default that a document would fall back to.
    """
    checker = _Checker(_Shapes(workspace))
    problems: list[Problem] = []
    checked: set[Path] = set()
    own = workspace.root / TEMPLATES_DIR
    if own.is_dir():
        for path in sorted(own.iterdir()):
            renderer = CHECKERS.get(path.suffix)
            if renderer and path.is_file():
                checked.add(path.resolve())
                problems.extend(checker.check(path, f"{TEMPLATES_DIR}/{path.name}", renderer))
    locales: list[str | None] = [*sorted({a.locale for a in workspace.accounts.values()})]
    locales = locales or [None]
    for doc in DOCUMENTS.values():
        for fmt in doc.formats:
            for locale in locales:
                path, name = template_path(workspace.root, doc.id, fmt, locale)
                if path.resolve() in checked:
                    continue
                checked.add(path.resolve())
                if not path.is_file():
                    problems.append(Problem(name, None, "", "template file is missing"))
                    continue
                if path.parent == PACKAGE_TEMPLATES and path.suffix in CHECKERS:
                    problems.extend(checker.check(path, name, CHECKERS[path.suffix]))
    unique: list[Problem] = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    return unique
