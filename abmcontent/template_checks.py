"""Check every template of a workspace before anything is rendered."""

from __future__ import annotations

from pathlib import Path

from abmcontent.documents import DOCUMENTS, PACKAGE_TEMPLATES, template_path
from abmcontent.errors import AbmError, Problem
from abmcontent.loading.workspace import TEMPLATES_DIR, Workspace
from abmcontent.renderers.base import get_renderer

#: template file suffix -> the renderer that checks it
CHECKERS = {".pptx": "pptx", ".docx": "docx", ".html": "html-pdf"}


def _check_file(path: Path, name: str, renderer: str) -> list[Problem]:
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
