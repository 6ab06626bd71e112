"""The sample workspace that ``abmcontent init`` writes, with the default templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from abmcontent.documents import PACKAGE_TEMPLATES
from abmcontent.errors import UsageError
from abmcontent.layout import TEMPLATES_DIR

SAMPLE_ROOT = Path(__file__).parent / "workspace"


def init_workspace(destination: Path | str, *, force: bool = False) -> Path:
    """Write a ready-to-build sample workspace into ``destination``.

    Args:
        destination: the folder to create (it may exist if empty).
        force: write into a non-empty folder, replacing sample files of the same name.

    Returns:
        The workspace folder.

    Raises:
        UsageError: ``destination`` is a file, or a non-empty folder without ``force``.
    """
    target = Path(destination)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(f"{target} is not empty (use --force to write into it anyway)")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(
        SAMPLE_ROOT,
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    templates = target / TEMPLATES_DIR
    templates.mkdir(exist_ok=True)
    for source in sorted(PACKAGE_TEMPLATES.iterdir()):
        if source.is_file() and not source.name.startswith("."):
            shutil.copy2(source, templates / source.name)
    return target
