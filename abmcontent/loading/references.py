"""Cross-file checks: every reference resolves, ids are unique, images stay in the workspace."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from abmcontent.errors import Problem
from abmcontent.loading.yamlfile import Path_, YamlDocument
from abmcontent.models import AccountProfile

if TYPE_CHECKING:
    from abmcontent.loading.workspace import Library

_IMAGE_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def check_image_path(root: Path, value: str) -> str | None:
    """Return why ``value`` is not a readable image inside ``root``, or ``None`` if it is."""
    if "\x00" in value:
        return "image path contains a NUL character"
    parsed = urlparse(value)
    if parsed.scheme and len(parsed.scheme) > 1:
        return f"'{value}' is a URL; images must be files inside the workspace (never fetched)"
    posix = PurePosixPath(value.replace("\\", "/"))
    if posix.is_absolute() or Path(value).is_absolute() or (len(value) > 1 and value[1] == ":"):
        return f"'{value}' is an absolute path; give a path relative to the workspace root"
    if ".." in posix.parts:
        return f"'{value}' leaves the workspace ('..' is not allowed)"
    target = (root / Path(*posix.parts)).resolve()
    if not target.is_relative_to(root):
        return f"'{value}' points outside the workspace"
    if not target.is_file():
        return f"image file '{value}' does not exist"
    try:
        with target.open("rb") as handle:
            head = handle.read(16)
        size = target.stat().st_size
    except OSError as exc:
        return f"image file '{value}' cannot be read: {exc.strerror or exc}"
    if size > MAX_IMAGE_BYTES:
        return f"image file '{value}' is larger than 20 MiB"
    if not head.startswith(_IMAGE_MAGIC):
        return f"'{value}' is not a PNG, JPEG, GIF, BMP or TIFF image"
    return None


def duplicate_ids(
    ids: list[str], base: Path_, doc: YamlDocument, file: str, what: str
) -> list[Problem]:
    """One problem for every id that repeats an earlier one in the same list."""
    seen: set[str] = set()
    found: list[Problem] = []
    for position, value in enumerate(ids):
        if value in seen:
            path = (*base, position, "id")
            found.append(
                Problem(
                    file,
                    doc.line_of(path),
                    ".".join(map(str, path)),
                    f"duplicate {what} id '{value}'",
                )
            )
        seen.add(value)
    return found


def check_account_references(
    account: AccountProfile, doc: YamlDocument, file: str, library: Library, root: Path
) -> list[Problem]:
    """Check that every reference of ``account`` resolves against ``library`` and files."""
    found: list[Problem] = []

    def add(path: Path_, reason: str, severity: str = "error") -> None:
        found.append(Problem(file, doc.line_of(path), ".".join(map(str, path)), reason, severity))

    personas = library.personas
    products = {p.id for p in library.seller.products}
    stakeholder_ids = {s.id for s in account.stakeholders}
    found.extend(
        duplicate_ids(
            [s.id for s in account.stakeholders], ("stakeholders",), doc, file, "stakeholder"
        )
    )
    found.extend(
        duplicate_ids([c.id for c in account.challenges], ("challenges",), doc, file, "challenge")
    )
    found.extend(
        duplicate_ids(
            [c.id for c in account.competitors], ("competitors",), doc, file, "competitor"
        )
    )
    for i, person in enumerate(account.stakeholders):
        if person.role not in personas:
            add(
                ("stakeholders", i, "role"),
                f"unknown role '{person.role}'; roles are the keys of library/personas.yaml "
                f"({', '.join(sorted(personas)) or 'none defined'})",
            )

    def unknown_product(path: Path_, product: str) -> None:
        add(
            path,
            f"unknown product '{product}'; products are listed in "
            f"library/seller.yaml ({', '.join(sorted(products)) or 'none defined'})",
        )

    for i, challenge in enumerate(account.challenges):
        for j, owner in enumerate(challenge.owners):
            if owner not in personas:
                add(
                    ("challenges", i, "owners", j),
                    f"'{owner}' is not a role in library/personas.yaml",
                    "warning",
                )
        for j, product in enumerate(challenge.solved_by):
            if product not in products:
                unknown_product(("challenges", i, "solved_by", j), product)
    for i, competitor in enumerate(account.competitors):
        if competitor.id not in library.battlecards:
            add(
                ("competitors", i, "id"),
                f"no battlecard '{competitor.id}' (expected library/competitors/"
                f"{competitor.id}.yaml)",
            )
    for i, opportunity in enumerate(account.opportunities):
        if opportunity.product is not None and opportunity.product not in products:
            unknown_product(("opportunities", i, "product"), opportunity.product)
    for i, event in enumerate(account.engagement):
        if event.stakeholder is not None and event.stakeholder not in stakeholder_ids:
            add(
                ("engagement", i, "stakeholder"),
                f"'{event.stakeholder}' is not a stakeholder of this account",
            )
    if account.logo is not None:
        reason = check_image_path(root, account.logo)
        if reason:
            add(("logo",), reason)
    return found


def check_translations(data: Any, doc: YamlDocument, file: str, locales: set[str]) -> list[Problem]:
    """Warn for every locale map that lacks one of ``locales`` (it falls back to the other)."""
    found: list[Problem] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            keys = set(value)
            if keys and keys <= {"ja", "en"}:
                for missing in sorted(locales - keys):
                    other = next(iter(keys))
                    found.append(
                        Problem(
                            file,
                            doc.line_of(path),
                            ".".join(map(str, path)),
                            f"no '{missing}' translation; '{other}' text is used instead",
                            "warning",
                        )
                    )
                return
            for key, child in value.items():
                walk(child, (*path, str(key)))
        elif isinstance(value, list):
            for position, child in enumerate(value):
                walk(child, (*path, position))

    walk(data, ())
    return found
