"""The account profiles of a workspace as editable YAML, indexed by CRM id and by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from abmcontent.crm.issues import RowIssue
from abmcontent.crm.values import name_key
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
    def crm_key(self) -> tuple[str, str] | None:
        """``(source, id)`` of the profile's CRM record, if it has one."""
        crm = self.data.get("crm")
        if isinstance(crm, dict) and crm.get("source") and crm.get("id"):
            return str(crm["source"]), str(crm["id"])
        return None

    def name_keys(self) -> set[str]:
        """Comparison keys of the profile's name and English name."""
        names = (self.data.get("name"), self.data.get("name_en"))
        return {name_key(str(n)) for n in names if n}


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
        self._keys: dict[str, tuple[tuple[str, str] | None, set[str]]] = {}
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
        """Index ``state`` again by its CRM key and names (call after changing them)."""
        old_crm, old_names = self._keys.get(state.account_id, (None, set()))
        if old_crm is not None and self._by_crm.get(old_crm) is state:
            del self._by_crm[old_crm]
        for key in old_names:
            self._by_name[key].remove(state)
        crm, names = state.crm_key, state.name_keys()
        if crm is not None:
            self._by_crm.setdefault(crm, state)
        for key in names:
            self._by_name.setdefault(key, []).append(state)
        self._keys[state.account_id] = (crm, names)

    def by_crm(self, source: str, crm_id: str) -> ProfileState | None:
        """The profile linked to CRM record ``(source, crm_id)``."""
        return self._by_crm.get((source, crm_id))

    def by_name(self, name: str, source: str | None = None) -> list[ProfileState]:
        """Profiles whose name or English name is ``name``.

        With ``source``, only profiles not linked to a CRM record or linked to that CRM.
        """
        found = []
        for state in self._by_name.get(name_key(name), []):
            crm = state.crm_key
            if source is not None and crm is not None and crm[0] != source:
                continue
            found.append(state)
        return found
