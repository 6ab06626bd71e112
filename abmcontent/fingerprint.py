"""The input hash of a document: everything that shapes its bytes, and nothing else.

A document's bytes are a pure function of:

- its job (account, doc, audience, format) and the renderer that makes it;
- the workspace files its context was built from (profile, seller, personas, the case
  studies and battlecards it uses, the images it shows) and the library fields that decide
  which stories are chosen (``selection_key``);
- its template file and the shared files next to it (stylesheets, partials, fonts), in the
  workspace's ``templates/`` and in the packaged defaults;
- the engine: the abmcontent code that builds contexts and renders, and the versions of the
  rendering libraries;
- the document date and the render options.

:class:`InputHasher` memoizes file hashes for one build, so hashing thousands of jobs costs
a few dictionary look-ups each.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from abmcontent import __version__
from abmcontent.documents import DOCUMENTS, PACKAGE_TEMPLATES, template_path
from abmcontent.layout import TEMPLATES_DIR

PACKAGE_ROOT = Path(__file__).parent

#: libraries whose version changes the bytes of a document
RENDERING_DISTRIBUTIONS = (
    "python-pptx",
    "python-docx",
    "docxtpl",
    "weasyprint",
    "pydyf",
    "fonttools",
    "lxml",
    "Pillow",
    "Jinja2",
)

#: parts of the package that never shape a document (the CLI, batch orchestration, ...)
_NOT_OUTPUT_CODE = ("batch/", "cli.py", "api.py", "reporting.py", "schema.py", "sample/")


def _digest_files(files: Iterable[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def engine_fingerprint() -> str:
    """Hash of the abmcontent code that shapes documents and of the rendering libraries.

    Independent of where the package is installed, so a remote worker running the same
    code and libraries computes the same value.
    """
    code = [
        (rel, path)
        for path in PACKAGE_ROOT.rglob("*.py")
        if not (rel := path.relative_to(PACKAGE_ROOT).as_posix()).startswith(_NOT_OUTPUT_CODE)
    ]
    versions: dict[str, str] = {}
    for dist in RENDERING_DISTRIBUTIONS:
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            versions[dist] = "missing"
    payload = {"version": __version__, "code": _digest_files(code), "libraries": versions}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@functools.cache
def _template_name_pattern() -> re.Pattern[str]:
    """Matches the file name of any document template (``proposal.pptx``, ``proposal.ja.pptx``)."""
    names = []
    for spec in DOCUMENTS.values():
        for fmt in spec.formats.values():
            stem, _, suffix = fmt.template.partition(".")
            names.append(rf"{re.escape(stem)}(\.[a-z]{{2}})?\.{re.escape(suffix)}")
    return re.compile("|".join(f"(?:{n})" for n in names))


class InputHasher:
    """Hashes the inputs of jobs of one workspace, memoizing every file it reads.

    Args:
        root: the workspace folder.
        known: sha256 of files already read (``Workspace.file_hashes``).
    """

    def __init__(self, root: Path, known: Mapping[str, str] | None = None) -> None:
        self.root = root
        self._files: dict[str, str] = dict(known or {})
        self._shared: dict[Path, str] = {}
        self._templates: dict[Path, str] = {}
        self._constants: dict[tuple[dt.date, tuple[tuple[str, str], ...]], str] = {}
        self._paths: dict[tuple[str, str, str | None], tuple[Path, str]] = {}

    def file(self, relative: str) -> str:
        """sha256 of a workspace file (``"missing"`` when it cannot be read)."""
        found = self._files.get(relative)
        if found is None:
            try:
                found = hashlib.sha256((self.root / relative).read_bytes()).hexdigest()
            except OSError:
                found = "missing"
            self._files[relative] = found
        return found

    def _shared_files(self, folder: Path) -> str:
        """Hash of the files in a template folder that are not themselves document templates.

        Those are what templates include or link (partials, stylesheets, fonts, images), so
        editing ``report.css`` makes every HTML document stale, but editing
        ``competitive.docx`` leaves the decks alone.
        """
        if folder not in self._shared:
            pattern = _template_name_pattern()
            files = []
            if folder.is_dir():
                for path in folder.rglob("*"):
                    rel = path.relative_to(folder).as_posix()
                    if any(part.startswith(".") for part in path.relative_to(folder).parts):
                        continue
                    if path.is_file() and not pattern.fullmatch(rel):
                        files.append((rel, path))
            self._shared[folder] = _digest_files(files)
        return self._shared[folder]

    def template(self, template: Path) -> str:
        """Hash of one template file."""
        if template not in self._templates:
            try:
                self._templates[template] = hashlib.sha256(template.read_bytes()).hexdigest()
            except OSError:
                self._templates[template] = "missing"
        return self._templates[template]

    def job_hash(
        self,
        job_key: list[str],
        *,
        template: Path,
        template_name: str,
        today: dt.date,
        options: Mapping[str, str] | None,
        selection_key: str,
        sources: Iterable[str],
    ) -> str:
        """The input hash of one job.

        Args:
            job_key: account, doc, audience, format and renderer name.
            template: the template file used.
            template_name: how the template is named (which folder, which language).
            today: the document date.
            options: render options.
            selection_key: hash of the library fields that choose stories.
            sources: workspace-relative files the context was built from.
        """
        digest = hashlib.sha256(self._constant(today, options).encode())
        for part in (*job_key, selection_key, template_name, self.template(template)):
            digest.update(b"\0")
            digest.update(part.encode())
        for source in sorted(set(sources)):
            digest.update(f"\0{source}={self.file(source)}".encode())
        return digest.hexdigest()

    def _constant(self, today: dt.date, options: Mapping[str, str] | None) -> str:
        """The part of every job's hash that is the same for the whole build."""
        key = (today, tuple(sorted((options or {}).items())))
        found = self._constants.get(key)
        if found is None:
            parts = {
                "engine": engine_fingerprint(),
                "today": today.isoformat(),
                "options": dict(options or {}),
                "shared": [
                    self._shared_files(self.root / TEMPLATES_DIR),
                    self._shared_files(PACKAGE_TEMPLATES),
                ],
            }
            found = json.dumps(parts, sort_keys=True)
            self._constants[key] = found
        return found

    def template_for(self, doc: str, fmt: str, locale: str | None) -> tuple[Path, str]:
        """:func:`abmcontent.documents.template_path`, memoized for the build."""
        key = (doc, fmt, locale)
        found = self._paths.get(key)
        if found is None:
            found = template_path(self.root, doc, fmt, locale)
            self._paths[key] = found
        return found
