"""Check every template of a workspace before anything is rendered."""

from __future__ import annotations

from pathlib import Path

import jinja2.meta

from abmcontent.documents import DOCUMENTS, PACKAGE_TEMPLATES, template_path
from abmcontent.errors import AbmError, Problem
from abmcontent.jinja_env import make_environment
from abmcontent.loading.workspace import TEMPLATES_DIR, Workspace
from abmcontent.renderers.base import get_renderer

#: template file suffix -> the renderer that checks it
CHECKERS = {".pptx": "pptx", ".docx": "docx", ".html": "html-pdf"}


def _check_html(path: Path, name: str) -> list[Problem]:
    """Compile an HTML template and everything it includes or extends (Jinja only).

    The PDF renderer itself is not imported: ``validate`` must not load WeasyPrint.
    """
    env = make_environment(autoescape=True, loader=jinja2.FileSystemLoader(path.parent))
    try:
        source = path.read_text(encoding="utf-8")
        env.parse(source)
        seen: set[str] = set()
        pending = [path.name]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            ast = env.parse(env.loader.get_source(env, current)[0])  # type: ignore[union-attr]
            pending.extend(
                ref for ref in jinja2.meta.find_referenced_templates(ast) if ref is not None
            )
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.name or name}, line {exc.lineno}"
        return [Problem(name, exc.lineno, "", f"{where}: {exc.message}")]
    except jinja2.TemplateNotFound as exc:
        return [Problem(name, None, "", f"includes '{exc.name}', which does not exist")]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(name, None, "", f"cannot read template: {exc}")]
    return []


def _check_file(path: Path, name: str, renderer: str) -> list[Problem]:
    if renderer == "html-pdf":
        return _check_html(path, name)
    try:
        reasons = get_renderer(renderer).check_template(path, name)
    except AbmError as exc:
        reasons = [str(exc)]
    except ImportError as exc:
        reasons = [f"renderer '{renderer}' is not available: {exc}"]
    return [Problem(name, None, "", reason) for reason in reasons]


def check_templates(workspace: Workspace) -> list[Problem]:
    """Return a problem for every template that is missing or does not compile.

    Every template file in the workspace's ``templates/`` folder is compiled, and so is
    every packaged default that a document would fall back to.
    """
    problems: list[Problem] = []
    checked: set[Path] = set()
    own = workspace.root / TEMPLATES_DIR
    if own.is_dir():
        for path in sorted(own.iterdir()):
            renderer = CHECKERS.get(path.suffix)
            if renderer and path.is_file():
                checked.add(path.resolve())
                problems.extend(_check_file(path, f"{TEMPLATES_DIR}/{path.name}", renderer))
    locales = sorted({a.locale for a in workspace.accounts.values()}) or [None]
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
                    problems.extend(_check_file(path, name, CHECKERS[path.suffix]))
    return problems
