"""Load a whole workspace: the library, every account profile, and what is wrong with them.

Loading never stops at the first problem: every file is read and checked, each problem is
collected with file, line, field and reason. A broken account is set aside (its documents
fail) while the others stay usable; a broken library makes every document fail.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from abmcontent.errors import InputError, Problem
from abmcontent.layout import (
    CASE_STUDIES_DIR,
    COMPETITORS_DIR,
    ICP_FILE,
    LIBRARY_DIR,
    PERSONAS_FILE,
    PROFILES_DIR,
    SELLER_FILE,
)
from abmcontent.loading.errors_format import problems_from_validation
from abmcontent.loading.library_checks import check_criteria
from abmcontent.loading.references import (
    check_account_references,
    check_image_path,
    check_translations,
    duplicate_ids,
)
from abmcontent.loading.yamlfile import YamlDocument, YamlSyntaxError, parse_yaml
from abmcontent.models import (
    AccountProfile,
    Battlecard,
    CaseStudy,
    Persona,
    PersonasFile,
    SellerFile,
)
from abmcontent.models.common import SLUG_PATTERN
from abmcontent.models.icp import IcpFile

MAX_FILE_BYTES = 2 * 1024 * 1024

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Library:
    """The content library: seller and products, personas, case studies, battlecards."""

    seller: SellerFile
    personas: dict[str, Persona]
    case_studies: dict[str, CaseStudy]
    battlecards: dict[str, Battlecard]
    icp: IcpFile | None = None


@dataclass
class Workspace:
    """Everything loaded from one workspace folder.

    Attributes:
        root: the workspace folder (resolved).
        library: the library, or ``None`` when its files have errors.
        accounts: the valid account profiles by id, in file-name order.
        failed_accounts: account ids (from file names) whose profile has errors.
        problems: every error and warning found, in file order.
        file_hashes: sha256 of every profile and library file, by workspace-relative path.
        library_docs: the parsed library files, by workspace-relative path (for checks
            that report line numbers later, such as the age of comparison claims).
    """

    root: Path
    library: Library | None
    accounts: dict[str, AccountProfile] = field(default_factory=dict)
    failed_accounts: dict[str, list[Problem]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    file_hashes: dict[str, str] = field(default_factory=dict)
    library_docs: dict[str, YamlDocument] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (not warnings)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are warnings."""
        return [p for p in self.problems if p.severity == "warning"]

    def require_library(self) -> Library:
        """Return the library, or raise ``InputError`` with its problems."""
        if self.library is None:
            raise InputError([p for p in self.errors if p.file.startswith(LIBRARY_DIR)])
        return self.library

    def account(self, account_id: str) -> AccountProfile:
        """Return a valid account, or raise ``InputError`` with its problems."""
        if account_id in self.failed_accounts:
            raise InputError(self.failed_accounts[account_id])
        return self.accounts[account_id]

    def all_account_ids(self) -> list[str]:
        """Ids of every profile file, valid or not, sorted."""
        return sorted({*self.accounts, *self.failed_accounts})


class _FileReader:
    """Reads one YAML file into a model, collecting problems instead of raising."""

    def __init__(self, root: Path, problems: list[Problem], hashes: dict[str, str]) -> None:
        self.root = root
        self.problems = problems
        self.hashes = hashes

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def read(self, path: Path) -> tuple[YamlDocument | None, list[Problem]]:
        rel = self.rel(path)
        found: list[Problem] = []
        try:
            raw = path.read_bytes()
        except OSError as exc:
            found.append(Problem(rel, None, "", f"cannot read file: {exc.strerror or exc}"))
            return None, found
        self.hashes[rel] = hashlib.sha256(raw).hexdigest()
        if len(raw) > MAX_FILE_BYTES:
            found.append(Problem(rel, None, "", f"file is larger than {MAX_FILE_BYTES} bytes"))
            return None, found
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            found.append(Problem(rel, None, "", f"not UTF-8 text (byte {exc.start})"))
            return None, found
        try:
            doc = parse_yaml(text)
        except YamlSyntaxError as exc:
            found.append(Problem(rel, exc.line, "", exc.reason))
            return None, found
        for path_, reason in doc.repairs:
            found.append(
                Problem(rel, doc.line_of(path_), ".".join(map(str, path_)), reason, "warning")
            )
        if not isinstance(doc.data, dict):
            found.append(Problem(rel, doc.line_of(()), "", "expected a mapping of fields"))
            return None, found
        return doc, found

    def load(
        self, path: Path, model: type[M]
    ) -> tuple[M | None, YamlDocument | None, list[Problem]]:
        doc, found = self.read(path)
        if doc is None:
            return None, None, found
        try:
            return model.model_validate(doc.data), doc, found
        except ValidationError as exc:
            found.extend(problems_from_validation(exc, model, doc, self.rel(path)))
            return None, doc, found


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _check_id(doc: YamlDocument, path: Path, rel: str) -> list[Problem]:
    """The ``id`` of a file must equal its file name."""
    stem = path.stem
    value = doc.data.get("id") if isinstance(doc.data, dict) else None
    if isinstance(value, str) and value != stem:
        return [
            Problem(
                rel,
                doc.line_of(("id",)),
                "id",
                f"'{value}' does not match the file name '{path.name}' (they must be equal)",
            )
        ]
    return []


def _load_collection(
    reader: _FileReader, folder: Path, model: type[M]
) -> tuple[dict[str, M], dict[str, YamlDocument], bool]:
    items: dict[str, M] = {}
    docs: dict[str, YamlDocument] = {}
    ok = True
    for path in _yaml_files(folder):
        item, doc, found = reader.load(path, model)
        if doc is not None:
            found.extend(_check_id(doc, path, reader.rel(path)))
        reader.problems.extend(found)
        if any(p.severity == "error" for p in found) or item is None or doc is None:
            ok = False
            continue
        items[path.stem] = item
        docs[reader.rel(path)] = doc
    return items, docs, ok


def _load_library(reader: _FileReader) -> tuple[Library | None, dict[str, YamlDocument]]:
    root = reader.root
    docs: dict[str, YamlDocument] = {}
    ok = True
    seller, seller_doc = None, None
    personas: dict[str, Persona] = {}
    for rel, model in ((SELLER_FILE, SellerFile), (PERSONAS_FILE, PersonasFile)):
        path = root / rel
        if not path.is_file():
            reader.problems.append(Problem(rel, None, "", "required library file is missing"))
            ok = False
            continue
        item, doc, found = reader.load(path, model)
        reader.problems.extend(found)
        if item is None or doc is None:
            ok = False
            continue
        docs[rel] = doc
        if isinstance(item, SellerFile):
            seller, seller_doc = item, doc
        elif isinstance(item, PersonasFile):
            personas = item.root
    case_studies, cs_docs, cs_ok = _load_collection(reader, root / CASE_STUDIES_DIR, CaseStudy)
    battlecards, bc_docs, bc_ok = _load_collection(reader, root / COMPETITORS_DIR, Battlecard)
    docs.update(cs_docs)
    docs.update(bc_docs)
    if seller is not None and seller_doc is not None:
        seller_problems = _check_seller(seller, seller_doc, reader)
        reader.problems.extend(seller_problems)
        ok = ok and not any(p.severity == "error" for p in seller_problems)
    icp = _load_icp(reader, docs)
    if seller is not None and bc_ok:
        criteria_problems = check_criteria(seller, personas, battlecards, docs)
        reader.problems.extend(criteria_problems)
        ok = ok and not criteria_problems
    if not (ok and cs_ok and bc_ok) or seller is None:
        return None, docs
    return Library(seller, personas, case_studies, battlecards, icp), docs


def _load_icp(reader: _FileReader, docs: dict[str, YamlDocument]) -> IcpFile | None:
    """Read the optional library/icp.yaml; its errors are reported but block no document."""
    path = reader.root / ICP_FILE
    if not path.is_file():
        return None
    icp, doc, found = reader.load(path, IcpFile)
    reader.problems.extend(found)
    if doc is not None:
        docs[ICP_FILE] = doc
    return icp


def _check_seller(seller: SellerFile, doc: YamlDocument, reader: _FileReader) -> list[Problem]:
    found = duplicate_ids(
        [p.id for p in seller.products], ("products",), doc, SELLER_FILE, "product"
    )
    if seller.company.logo is not None:
        reason = check_image_path(reader.root, seller.company.logo)
        if reason:
            found.append(
                Problem(SELLER_FILE, doc.line_of(("company", "logo")), "company.logo", reason)
            )
    return found


def load_workspace(root: Path | str) -> Workspace:
    """Read and check every file of the workspace at ``root``.

    Returns a :class:`Workspace` whatever the files contain; its ``problems`` say what is
    wrong. Raises ``InputError`` only when ``root`` is not a folder.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise InputError([Problem(str(root), None, "", "workspace folder does not exist")])
    problems: list[Problem] = []
    hashes: dict[str, str] = {}
    reader = _FileReader(root, problems, hashes)
    library, library_docs = _load_library(reader)
    workspace = Workspace(
        root=root, library=library, problems=problems, file_hashes=hashes,
        library_docs=library_docs,
    )
    profile_paths = _yaml_files(root / PROFILES_DIR)
    if not (root / PROFILES_DIR).is_dir():
        problems.append(Problem(PROFILES_DIR, None, "", "folder of account profiles is missing"))
    used_locales: set[str] = set()
    for path in profile_paths:
        rel = reader.rel(path)
        account, doc, found = reader.load(path, AccountProfile)
        if doc is not None:
            found.extend(_check_id(doc, path, rel))
        if not _valid_stem(path.stem):
            found.append(
                Problem(
                    rel,
                    None,
                    "",
                    "file name is not a valid account id (lowercase ascii "
                    "letters, digits and '-', 1 to 64 characters)",
                )
            )
        if account is not None and doc is not None and library is not None:
            found.extend(check_account_references(account, doc, rel, library, root))
        if account is not None and doc is not None:
            found.extend(check_translations(doc.data, doc, rel, {account.locale}))
        problems.extend(found)
        errors = [p for p in found if p.severity == "error"]
        if account is None or errors:
            workspace.failed_accounts[path.stem] = errors
        else:
            workspace.accounts[path.stem] = account
            used_locales.add(account.locale)
    for rel, doc in library_docs.items():
        problems.extend(check_translations(doc.data, doc, rel, used_locales))
    return workspace


def _valid_stem(stem: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, stem) is not None


def require_valid(workspace: Workspace) -> Workspace:
    """Raise ``InputError`` listing every error when the workspace has any."""
    if workspace.errors:
        raise InputError(workspace.errors)
    return workspace


def localized_keys(value: Any) -> bool:
    """True when ``value`` is a locale map (keys a non-empty subset of ja/en)."""
    return isinstance(value, dict) and bool(value) and set(value) <= {"ja", "en"}
