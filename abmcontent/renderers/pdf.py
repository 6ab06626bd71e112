"""PDF documents from Jinja HTML and CSS templates, laid out by WeasyPrint.

Templates live in one folder (the workspace's ``templates/`` or the packaged defaults) and
may ``{% include %}``/``{% extends %}`` siblings and link stylesheets and images relatively.
Per process, each template folder gets one sandboxed, autoescaping Jinja environment whose
compiled templates are kept until a file in the folder changes; linked stylesheets are
parsed once and handed to WeasyPrint as ready ``CSS`` objects; one font configuration and
one image cache serve every document. WeasyPrint reads files only through
:class:`~abmcontent.renderers.pdf_fetch.WorkspaceUrlFetcher`.
"""

from __future__ import annotations

import html as html_lib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from abmcontent.errors import RenderError, TemplateError
from abmcontent.jinja_env import ConfinedLoader, TemplateOutside, make_environment
from abmcontent.layout import ASSETS_DIR, TEMPLATES_DIR
from abmcontent.renderers.base import RenderedDocument, Renderer, RenderRequest
from abmcontent.renderers.html_jinja import clean_context, describe, error_expression, error_line

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REL_STYLESHEET = re.compile(r"""\brel\s*=\s*["']?stylesheet\b""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_IMAGE_CACHE_MAX = 256


def css_color(value: Any, default: str = "#333333") -> str:
    """A CSS hex colour from the context, or ``default`` when ``value`` is not one.

    Colours end up inside ``<style>`` and SVG attributes, where HTML escaping does not
    protect; only ``#rgb``/``#rrggbb`` pass.
    """
    text = str(value or "")
    return text if _HEX_COLOR.match(text) else default


def file_url(value: Any) -> str:
    """The ``file:`` URL of an absolute path from the context (a logo), ``""`` for none."""
    if not value:
        return ""
    path = Path(str(value))
    return path.as_uri() if path.is_absolute() else str(value)


def _fraction(value: Any, maximum: Any) -> float:
    """``value / maximum`` clamped to 0..1, for chart bar lengths."""
    try:
        top = float(maximum)
        return max(0.0, min(1.0, float(value) / top)) if top > 0 else 0.0
    except (TypeError, ValueError):
        return 0.0


HTML_FILTERS: dict[str, Callable[..., Any]] = {
    "css_color": css_color, "file_url": file_url, "fraction": _fraction,
}


def _packaged(href: str) -> Path | None:
    """The packaged default file ``href`` names, when it is one."""
    candidate = (PACKAGE_TEMPLATES / href).resolve()
    if candidate.is_relative_to(PACKAGE_TEMPLATES) and candidate.is_file():
        return candidate
    return None


def _folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, mtimes and sizes of the files in ``folder``: changes when a template does."""
    entries = []
    with os.scandir(folder) as it:
        for entry in it:
            if entry.is_file():
                st = entry.stat()
                entries.append((entry.name, st.st_mtime_ns, st.st_size))
    return tuple(sorted(entries))


@dataclass
class _Folder:
    """A template folder's environment and the stylesheets parsed from it."""

    signature: tuple[tuple[str, int, int], ...]
    env: jinja2.Environment
    stylesheets: dict[str, Any] = field(default_factory=dict)


class _CaptureWeasyWarnings(logging.Handler):
    """Collect WeasyPrint's warnings (bad CSS, unreadable images) for one document."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages and len(self.messages) < 20:
            self.messages.append(message)


def _template_name_for(request_name: str, main: Path, filename: str | None) -> str:
    """How to name the file an error happened in: the main template or a sibling partial."""
    if not filename or filename == "<template>" or Path(filename) == main:
        return request_name
    sibling = Path(filename).name
    prefix, _, rest = request_name.rpartition(main.name)
    return f"{prefix}{sibling}{rest}" if prefix or rest else sibling


class HtmlPdfRenderer(Renderer):
    """Renders ``.html`` Jinja templates to PDF with WeasyPrint."""

    format = "pdf"
    template_suffix = ".html"

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self._folders: dict[Path, _Folder] = {}
        self._font_config = FontConfiguration()
        self._image_cache: dict[str, Any] = {}

    # -- templates ---------------------------------------------------------------------

    def _folder(self, folder: Path) -> _Folder:
        signature = _folder_signature(folder)
        cached = self._folders.get(folder)
        if cached is None or cached.signature != signature:
            # partials missing from a workspace's folder come from the packaged defaults
            searchpath = [str(folder)]
            if folder != PACKAGE_TEMPLATES and PACKAGE_TEMPLATES.is_dir():
                searchpath.append(str(PACKAGE_TEMPLATES))
            env = make_environment(
                autoescape=True,
                loader=ConfinedLoader(searchpath),
                extra_filters=HTML_FILTERS,
            )
            cached = _Folder(signature, env)
            self._folders[folder] = cached
        return cached

    def _error(
        self, exc: BaseException, template: Path, template_name: str
    ) -> TemplateError:
        line, filename = error_line(exc)
        source_file = Path(filename) if filename and filename != "<template>" else template
        expression = ""
        if line is not None:
            try:
                lines = source_file.read_text(encoding="utf-8").splitlines()
                expression = error_expression(exc, lines[line - 1]) if line <= len(lines) else ""
            except OSError:
                expression = ""
        return TemplateError(
            template=_template_name_for(template_name, template, filename),
            location=f"line {line}" if line else "",
            reason=describe(exc),
            expression=expression,
        )

    def _compile(self, template: Path, template_name: str) -> tuple[_Folder, jinja2.Template]:
        if not template.is_file():
            raise RenderError(f"{template_name}: template not found")
        folder = self._folder(template.parent.resolve())
        try:
            return folder, folder.env.get_template(template.name)
        except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as exc:
            raise self._error(exc, template.resolve(), template_name) from exc

    def check_template(self, template: Path, template_name: str) -> list[str]:
        """Compile ``template`` and every template it includes or extends; list the errors."""
        problems: list[str] = []
        try:
            folder, _ = self._compile(template, template_name)
        except (TemplateError, RenderError) as exc:
            return [str(exc)]
        seen: set[str] = set()
        pending = [template.name]
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            try:
                source, path, _ = folder.env.loader.get_source(  # type: ignore[union-attr]
                    folder.env, name
                )
                ast = folder.env.parse(source, name, path)
                folder.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(str(self._error(exc, template.resolve(), template_name)))
                continue
            except TemplateOutside as exc:
                problems.append(f"{template_name}: {describe(exc)}")
                continue
            except (OSError, UnicodeDecodeError, jinja2.TemplateNotFound) as exc:
                problems.append(f"{template_name}: cannot read {name}: {exc}")
                continue
            pending.extend(n for n in jinja2.meta.find_referenced_templates(ast) if n)
        return problems

    # -- stylesheets -------------------------------------------------------------------

    def _stylesheets(
        self, html: str, folder: _Folder, base: Path, fetcher: Any
    ) -> tuple[str, list[Any]]:
        """Take the stylesheet links out of ``html`` and return their parsed ``CSS``.

        Linked stylesheets are parsed once per folder version and given to WeasyPrint
        ready-made; only allowed files are read (a refused link is left in the HTML so
        the fetcher refuses and reports it as for any other URL).
        """
        from weasyprint import CSS

        sheets: list[Any] = []

        def take(match: re.Match[str]) -> str:
            tag = match.group(0)
            if not _REL_STYLESHEET.search(tag):
                return tag
            href_match = _HREF.search(tag)
            if not href_match:
                return tag
            href = html_lib.unescape(next(g for g in href_match.groups() if g is not None))
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
                return tag
            path = fetcher.allowed_path((base / href).as_uri())
            if path is None and not (base / href).exists():
                # a workspace template linking a stylesheet it did not copy: the default one
                path = _packaged(href)
            if path is None:
                return tag
            key = str(path)
            sheet = folder.stylesheets.get(key)
            if sheet is None:
                sheet = CSS(
                    url=path.as_uri(), url_fetcher=fetcher, font_config=self._font_config
                )
                folder.stylesheets[key] = sheet
            sheets.append(sheet)
            return ""

        return _LINK.sub(take, html), sheets

    # -- rendering ---------------------------------------------------------------------

    def _roots(self, request: RenderRequest) -> list[Path]:
        roots = [request.workspace_root / TEMPLATES_DIR, request.workspace_root / ASSETS_DIR]
        template_dir = request.template.parent.resolve()
        if template_dir.is_relative_to(PACKAGE_TEMPLATES):
            roots.append(template_dir)
        return roots

    def render_html(self, request: RenderRequest) -> str:
        """Render the Jinja template of ``request`` to an HTML string (no PDF)."""
        _, template = self._compile(request.template, request.template_name)
        context = clean_context(request.context)
        try:
            return template.render(context)
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
            raise self._error(exc, request.template.resolve(), request.template_name) from exc

    def render(self, request: RenderRequest) -> RenderedDocument:
        """Render one PDF; raise ``TemplateError`` for template faults, else ``RenderError``."""
        from weasyprint import HTML

        from abmcontent.renderers.pdf_fetch import WorkspaceUrlFetcher

        folder_path = request.template.parent.resolve()
        html = self.render_html(request)
        folder = self._folder(folder_path)
        fetcher = WorkspaceUrlFetcher(self._roots(request))
        html, sheets = self._stylesheets(html, folder, folder_path, fetcher)
        if len(self._image_cache) > _IMAGE_CACHE_MAX:
            self._image_cache.clear()
        capture = _CaptureWeasyWarnings()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(capture)
        try:
            document = HTML(
                string=html, base_url=folder_path.as_uri() + "/", url_fetcher=fetcher
            )
            data = document.write_pdf(
                stylesheets=sheets, font_config=self._font_config, cache=self._image_cache
            )
        except Exception as exc:
            raise RenderError(
                f"{request.template_name}: WeasyPrint failed: {type(exc).__name__}: {exc}"
            ) from exc
        finally:
            logger.removeHandler(capture)
        if not isinstance(data, bytes):
            raise RenderError(f"{request.template_name}: WeasyPrint produced no PDF")
        warnings = [f"{request.template_name}: {m}" for m in capture.messages]
        return RenderedDocument(data=data, warnings=warnings)
