"""The account profiles of a workspace as editable YAML, indexed by CRM id, name and domain."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from abmcontent.crm.issues import RowIssue
from abmcontent.crm.merge import crm_entries
from abmcontent.crm.romanize import company_key
from abmcontent.crm.values import domain_key
from abmcontent.crm.yamlio import RoundTrip, load_roundtrip, new_roundtrip
from abmcontent.layout import PROFILES_DIR


@dataclass
class ProfileState:
    """One profile being imported into.

    Attributes:
        account_id: the profile's id (its file name without ``.yaml``).
        rel: path relative to the workspace.
        original: the file's text before the import, or ``None`` for a new profile.
        doc: the editable mapping.
        changes: what the import changed, in words (``employees``, ``+ stakeholder x``).
        touched: True when a row of the import refers to this profile.
        header: the comment written at the top of a new profile.
    """

    account_id: str
    rel: str
    original: str | None
    doc: RoundTrip
    changes: list[str] = field(default_factory=list)
    touched: bool = False
    header: str = ""

    @property
    def data(self) -> CommentedMap:
        """The profile mapping."""
        return self.doc.data

    @property
    def crm_keys(self) -> list[tuple[str, str]]:
        """``(source, id)`` of every CRM record of the profile (``crm`` may list several)."""
        return [(str(r["source"]), str(r["id"])) for r in crm_entries(self.data)]

    @property
    def crm_key(self) -> tuple[str, str] | None:
        """The first CRM record of the profile, if it has one."""
        keys = self.crm_keys
        return keys[0] if keys else None

    def sources(self) -> set[str]:
        """The CRMs the profile is linked to."""
        return {source for source, _ in self.crm_keys}

    def name_keys(self) -> set[str]:
        """Company keys (:func:`company_key`) of the profile's name and English name."""
        names = (self.data.get("name"), self.data.get("name_en"))
        return {company_key(str(n)) for n in names if n}

    def domain(self) -> str:
        """The matching key of the profile's website (``""`` without one)."""
        return domain_key(str(self.data.get("website") or ""))


class ProfileSet:
    """Every profile of a workspace, plus the ones an import creates."""

    def __init__(self, root: Path) -> None:
        """Read every ``account_profiles/*.yaml`` of ``root`` for editing."""
        self.root = root
        self.states: dict[str, ProfileState] = {}
        self.taken: set[str] = set()
        self.issues: list[RowIssue] = []
        self._by_crm: dict[tuple[str, str], ProfileState] = {}
        self._by_name: dict[str, list[ProfileState]] = {}
        self._by_domain: dict[str, list[ProfileState]] = {}
        self._keys: dict[str, tuple[list[tuple[str, str]], set[str], str]] = {}
        folder = root / PROFILES_DIR
        paths = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
        for path in paths:
            if path.suffix not in (".yaml", ".yml"):
                continue
            self.taken.add(path.stem)
            rel = path.relative_to(root).as_posix()
            try:
                text = path.read_bytes().decode("utf-8-sig")
                doc = load_roundtrip(text)
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                self.issues.append(
                    RowIssue(
                        rel, None, None, "", f"cannot be read, so not matched: {exc}", "warning"
                    )
                )
                continue
            self.states[path.stem] = ProfileState(path.stem, rel, text, doc)
            self.reindex(self.states[path.stem])

    def add(self, account_id: str, data: CommentedMap) -> ProfileState:
        """Register a new profile (``account_profiles/<id>.yaml``)."""
        state = ProfileState(
            account_id, f"{PROFILES_DIR}/{account_id}.yaml", None, new_roundtrip(data)
        )
        state.touched = True
        self.states[account_id] = state
        self.taken.add(account_id)
        self.reindex(state)
        return state

    def reindex(self, state: ProfileState) -> None:
        """Index ``state`` again by its CRM keys, names and domain (call after changes)."""
        old_crm, old_names, old_domain = self._keys.get(state.account_id, ([], set(), ""))
        for crm_key in old_crm:
            if self._by_crm.get(crm_key) is state:
                del self._by_crm[crm_key]
        for key in old_names:
            self._by_name[key].remove(state)
        if old_domain:
            self._by_domain[old_domain].remove(state)
        crm, names, domain = state.crm_keys, state.name_keys(), state.domain()
        for crm_key in crm:
            self._by_crm.setdefault(crm_key, state)
        for key in names:
            self._by_name.setdefault(key, []).append(state)
        if domain:
            self._by_domain.setdefault(domain, []).append(state)
        self._keys[state.account_id] = (crm, names, domain)

    def by_crm(self, source: str, crm_id: str) -> ProfileState | None:
        """The profile linked to CRM record ``(source, crm_id)``."""
        return self._by_crm.get((source, crm_id))

    def by_name(self, name: str, source: str | None = None) -> list[ProfileState]:
        """Profiles whose name or English name is ``name`` (compared by :func:`company_key`).

        With ``source``, only profiles not linked to a record of that CRM yet.
        """
        return _free(self._by_name.get(company_key(name), []), source)

    def by_domain(self, website: str, source: str | None = None) -> list[ProfileState]:
        """Profiles whose website has the domain of ``website``.

        With ``source``, only profiles not linked to a record of that CRM yet.
        """
        key = domain_key(website)
        return _free(self._by_domain.get(key, []), source) if key else []


def _free(states: list[ProfileState], source: str | None) -> list[ProfileState]:
    if source is None:
        return list(states)
    return [state for state in states if source not in state.sources()]
