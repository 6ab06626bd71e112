"""The sample workspace that ``abmcontent init`` writes, with the default templates.

Writing into a folder that already has files (``--force``) only adds the sample files it
lacks: a file of the same name is never replaced or deleted, and one that differs from the
sample is reported as kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from abmcontent.documents import PACKAGE_TEMPLATES
from abmcontent.errors import UsageError
from abmcontent.layout import TEMPLATES_DIR
from abmcontent.outputs import write_atomic

SAMPLE_ROOT = Path(__file__).parent / "workspace"


@dataclass
class SampleWritten:
    """What :func:`write_sample` did; paths are relative to ``root``, with ``/``.

    Attributes:
        root: the workspace folder.
        written: sample files that were missing and are now written.
        unchanged: files already there with the sample's content.
        kept: files already there that differ from the sample (yours): left as they are.
    """

    root: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _sample_files() -> Iterator[tuple[Path, str]]:
    """Every file of the sample: its source and its path in the workspace."""
    for source in sorted(SAMPLE_ROOT.rglob("*")):
        relative = source.relative_to(SAMPLE_ROOT)
        if source.is_file() and "__pycache__" not in relative.parts and source.suffix != ".pyc":
            yield source, relative.as_posix()
    for source in sorted(PACKAGE_TEMPLATES.iterdir()):
        if source.is_file() and not source.name.startswith("."):
            yield source, f"{TEMPLATES_DIR}/{source.name}"


def _same_content(target: Path, data: bytes) -> bool:
    try:
        return target.read_bytes() == data
    except OSError:
        return False


def write_sample(destination: Path | str, *, force: bool = False) -> SampleWritten:
    """Write the sample workspace into ``destination``; never replace a file that is there.

    Files are created as a plain ``open()`` would (the umask decides their permissions).

    Args:
        destination: the folder to create (it may exist if empty).
        force: write into a non-empty folder: the sample files it lacks, nothing else.

    Raises:
        UsageError: ``destination`` is a file, or a non-empty folder without ``force``.
    """
    target = Path(destination)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(
            f"{target} is not empty (use --force to add the sample files it lacks; "
            "files already there are never replaced)"
        )
    target.mkdir(parents=True, exist_ok=True)
    result = SampleWritten(target)
    for source, relative in _sample_files():
        path = target / relative
        data = source.read_bytes()
        if path.is_symlink() or path.exists():
            same = not path.is_symlink() and _same_content(path, data)
            (result.unchanged if same else result.kept).append(relative)
            continue
        write_atomic(path, data)
        result.written.append(relative)
    return result


def init_workspace(destination: Path | str, *, force: bool = False) -> Path:
    """Write a ready-to-build sample workspace into ``destination``.

    Args:
        destination: the folder to create (it may exist if empty).
        force: write into a non-empty folder: only the sample files it lacks (see
            :func:`write_sample`, which also says what was kept).

    Returns:
        The workspace folder.

    Raises:
        UsageError: ``destination`` is a file, or a non-empty folder without ``force``.
    """
    return write_sample(destination, force=force).root
