"""Check every template of a workspace before anything is rendered."""

from __future__ import annotations

from abmcontent.documents import DOCUMENTS, template_path
from abmcontent.errors import AbmError, Problem
from abmcontent.loading.workspace import Workspace
from abmcontent.renderers.base import get_renderer

#: renderers whose template checks would import a heavy library; checked at render time
_SKIP_RENDERERS = frozenset({"office-pdf"})


def check_templates(workspace: Workspace) -> list[Problem]:
    """Return a problem for every template that is missing or does not compile."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for doc in DOCUMENTS.values():
        for fmt, spec in doc.formats.items():
            if spec.renderer in _SKIP_RENDERERS:
                continue
            path, name = template_path(workspace.root, doc.id, fmt)
            if name in seen:
                continue
            seen.add(name)
            if not path.is_file():
                problems.append(Problem(name, None, "", "template file is missing"))
                continue
            try:
                reasons = get_renderer(spec.renderer).check_template(path, name)
            except AbmError as exc:
                reasons = [str(exc)]
            except ImportError as exc:
                reasons = [f"renderer '{spec.renderer}' is not available: {exc}"]
            problems.extend(Problem(name, None, "", reason) for reason in reasons)
    return problems
