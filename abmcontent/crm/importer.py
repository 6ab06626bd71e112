"""Import CRM exports into account profiles: read, recognise, merge, check, write.

Accounts files are applied first, then contacts, then deals, whatever the order given.
The rows of several exports and CRMs that are the same company (same CRM id, else same
domain, else same name) go into one profile, which keeps every CRM id.

Every row is handled on its own: a bad row or cell is reported (file, row, column,
reason) and the others are still imported. Written profiles are checked with the
workspace loader's steps first and written atomically; ``dry_run`` writes nothing and
keeps a unified diff per file instead.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from abmcontent.crm.checkprofile import check_profile_data, check_profile_text
from abmcontent.crm.csvfile import CsvTable, read_table
from abmcontent.crm.detect import Detected, detect
from abmcontent.crm.fastyaml import dump_new, to_plain
from abmcontent.crm.ids import IdAllocator, account_id_candidates
from abmcontent.crm.issues import RowIssue
from abmcontent.crm.mapping import Mapping, load_mapping, merge
from abmcontent.crm.merge import (
    add_stakeholder,
    create_profile,
    find_stakeholder,
    hand_fields,
    new_profile_header,
    note_activity,
    update_profile,
    update_stakeholder,
)
from abmcontent.crm.opportunities import apply_deal
from abmcontent.crm.presets import PRESETS, preset
from abmcontent.crm.profileset import ProfileSet, ProfileState
from abmcontent.crm.records import (
    AccountRecord,
    ContactRecord,
    DealRecord,
    read_account,
    read_contact,
    read_deal,
)
from abmcontent.crm.roles import RoleMatcher
from abmcontent.crm.textenc import check_encoding, decode
from abmcontent.crm.xlsxfile import WorkbookError, is_workbook, read_workbook
from abmcontent.crm.yamlio import atomic_write
from abmcontent.errors import UsageError
from abmcontent.loading.workspace import Library, load_workspace

FALLBACK_INDUSTRY = "other"


@dataclass(frozen=True)
class InputFile:
    """An export file as it was read."""

    file: str
    crm: str
    kind: str
    encoding: str
    rows: int


@dataclass
class ProfileOutcome:
    """What the import did to one profile.

    Attributes:
        status: ``created``, ``updated``, ``unchanged`` or ``failed`` (not written).
        changes: the fields and stakeholders that changed.
        kept: hand-written fields the import left as they were.
        diff: unified diff of the file (old -> new).
    """

    account_id: str
    path: str
    status: str
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    diff: str = ""


@dataclass
class ImportReport:
    """The outcome of an import."""

    dry_run: bool
    inputs: list[InputFile] = field(default_factory=list)
    outcomes: list[ProfileOutcome] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    unmapped_titles: list[str] = field(default_factory=list)
    """Job titles of contacts skipped because no persona's pattern matches them."""

    @property
    def errors(self) -> list[RowIssue]:
        """Issues that kept a row, a cell or a profile out."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when every row was imported in full."""
        return not self.errors

    def with_status(self, status: str) -> list[ProfileOutcome]:
        """The outcomes with ``status``."""
        return [o for o in self.outcomes if o.status == status]


def candidate_mappings(preset_name: str | None, mapping_path: Path | None) -> list[Mapping]:
    """The mappings a file may be read with, from ``--preset`` and ``--mapping``.

    A mapping file whose ``source`` is a preset's name (``source: salesforce``) adds to
    that preset without ``--preset``; the other presets are still tried.

    Raises:
        UsageError: unknown preset, or an unreadable or invalid mapping file.
    """
    base = preset(preset_name) if preset_name else None
    if mapping_path is not None:
        custom = load_mapping(mapping_path)
        if base is None and custom.source in PRESETS:
            own = merge(PRESETS[custom.source], custom)
            return [own, *(m for m in PRESETS.values() if m.source != custom.source)]
        return [merge(base, custom) if base is not None else custom]
    return [base] if base is not None else list(PRESETS.values())


class Importer:
    """One import run into one workspace."""

    def __init__(
        self,
        root: Path,
        mappings: list[Mapping],
        *,
        encoding: str | None,
        dry_run: bool,
        link: bool = False,
    ) -> None:
        """Load the workspace (its library must be valid) and its profiles.

        Raises:
            InputError: the library has errors (roles cannot be checked without it).
            UsageError: a mapping's ``fallback_role`` is not a persona.
        """
        workspace = load_workspace(root)
        self.root = workspace.root
        self.library: Library = workspace.require_library()
        self.mappings = mappings
        self.link = link
        self.encoding = check_encoding(encoding) if encoding else None
        for mapping in mappings:
            role = mapping.fallback_role
            if role is not None and role not in self.library.personas:
                raise UsageError(
                    f"fallback_role '{role}' is not a persona in library/personas.yaml "
                    f"(known: {', '.join(self.library.personas)})"
                )
        self.matcher = RoleMatcher(self.library.personas)
        self.profiles = ProfileSet(self.root)
        self.report = ImportReport(dry_run=dry_run, issues=list(self.profiles.issues))
        self._seen_accounts: dict[tuple[str, str], tuple[str, int]] = {}
        self.ids = IdAllocator(self.profiles.taken)

    def run(self, files: list[Path]) -> ImportReport:
        """Import ``files`` (accounts, then contacts, then deals, whatever the order given)."""
        tables: list[tuple[str, Detected, CsvTable]] = []
        for path in files:
            loaded = self._read(path)
            if loaded is not None:
                tables.append(loaded)
        for label, detected, table in tables:
            if detected.kind == "accounts":
                self._import_accounts(label, detected, table)
        for label, detected, table in tables:
            if detected.kind == "contacts":
                self._import_contacts(label, detected, table)
        for label, detected, table in tables:
            if detected.kind == "deals":
                self._import_deals(label, detected, table)
        self._finish()
        return self.report

    def _read(self, path: Path) -> tuple[str, Detected, CsvTable] | None:
        label = str(path)
        issues = self.report.issues
        try:
            raw = path.read_bytes()
        except OSError as exc:
            issues.append(RowIssue(label, None, None, "", f"cannot read: {exc.strerror or exc}"))
            return None
        if is_workbook(raw, label):
            try:
                table, used = read_workbook(raw, label), "xlsx"
            except WorkbookError as exc:
                issues.append(RowIssue(label, None, None, "", str(exc)))
                return None
            return self._recognise(label, table, used)
        try:
            text, used = decode(raw, self.encoding)
        except UnicodeDecodeError as exc:
            wanted = self.encoding or "UTF-8 or CP932"
            issues.append(
                RowIssue(
                    label,
                    None,
                    None,
                    "",
                    f"not {wanted} text (byte {exc.start}); give the file's encoding "
                    "with --encoding",
                )
            )
            return None
        return self._recognise(label, read_table(text, label), used)

    def _recognise(
        self, label: str, table: CsvTable, used: str
    ) -> tuple[str, Detected, CsvTable] | None:
        """Detect which export ``table`` is; report it when no mapping fits."""
        issues = self.report.issues
        issues.extend(table.issues)
        if not table.header:
            issues.append(RowIssue(label, None, None, "", "the file is empty"))
            return None
        detected = detect(table.header, self.mappings)
        if detected is None:
            names = " or ".join(m.display for m in self.mappings)
            issues.append(
                RowIssue(
                    label,
                    1,
                    1,
                    "",
                    f"not recognised as a {names} accounts, contacts or deals export (header: "
                    f"{', '.join(table.header[:6])}...); give --preset or a --mapping file",
                )
            )
            return None
        self.report.inputs.append(
            InputFile(label, detected.mapping.display, detected.kind, used, len(table.records))
        )
        return label, detected, table

    def _import_accounts(self, label: str, detected: Detected, table: CsvTable) -> None:
        for record in table.records:
            account = read_account(record, detected, label)
            if account is None:
                self.report.issues.append(
                    RowIssue(
                        label,
                        record.row,
                        record.line,
                        detected.column("name") or "",
                        "the account has no name; row skipped",
                    )
                )
                continue
            self.report.issues.extend(account.issues)
            self._upsert_account(account)

    def _upsert_account(self, account: AccountRecord) -> None:
        key = (account.source, account.crm_id)
        if account.crm_id:
            if key in self._seen_accounts:
                first_file, first_row = self._seen_accounts[key]
                self._report(
                    account,
                    f"{account.name}: record id {account.crm_id} was already imported "
                    f"from {first_file} row {first_row}; row skipped",
                )
                return
            self._seen_accounts[key] = (account.file, account.row)
        state = self.profiles.by_crm(*key) if account.crm_id else None
        if state is None:
            state = self._same_company(account)
            if state is not None and not self._may_link(state, account):
                return
        if state is not None:
            state.touched = True
            state.changes.extend(
                c for c in update_profile(state.data, account) if c not in state.changes
            )
            self.profiles.reindex(state)
            return
        account_id = self.ids.allocate(
            account_id_candidates(
                account.name, account.name_en, account.source, account.crm_id, account.website
            )
        )
        industry = account.industry
        if industry is None:
            industry = FALLBACK_INDUSTRY
            self._report(
                account,
                f"{account.name}: no industry; set to '{FALLBACK_INDUSTRY}' (edit the "
                "profile or map the CRM value in a mapping file)",
                "warning",
            )
        state = self.profiles.add(account_id, create_profile(account, account_id, industry))
        state.header = new_profile_header(account.source)

    def _may_link(self, state: ProfileState, account: AccountRecord) -> bool:
        """Whether a name match may be merged into ``state`` (else the row is reported).

        A profile that exists, has no CRM link and was not created by an import was made
        by hand: its first merge needs ``--link``.
        """
        if self.link or state.original is None or state.crm_key is not None:
            return True
        if state.original.lstrip().startswith("# Imported from "):
            return True
        self._report(
            account,
            f"{account.name}: same name as the hand-made profile {state.rel}, which has "
            "no CRM link yet; it was left as it is (run again with --link to link it to "
            "this record and let the CRM update its CRM-owned fields)",
        )
        return False

    def _report(self, account: AccountRecord, reason: str, severity: str = "error") -> None:
        """Report a problem with the row an account came from (no particular column)."""
        self.report.issues.append(
            RowIssue(account.file, account.row, account.line, "", reason, severity)
        )

    def _same_company(self, account: AccountRecord) -> ProfileState | None:
        """The one profile of the same company that is free to link to ``account``.

        The same domain counts first, then the same name or English name (compared by
        :func:`~abmcontent.crm.values.name_key`). A profile already linked to another record
        of the account's CRM is not the same company.
        """
        source = account.source if account.crm_id else None
        for website in (account.domain, account.website):
            by_domain = self.profiles.by_domain(website, source) if website else []
            if len(by_domain) == 1:
                return by_domain[0]
        named: list[ProfileState] = []
        for name in (account.name, account.name_en):
            for state in self.profiles.by_name(name, source) if name else []:
                if state not in named:
                    named.append(state)
        return named[0] if len(named) == 1 else None

    def _account_of(self, row: ContactRecord | DealRecord) -> ProfileState | str:
        """The profile a contact or deal belongs to, or why there is none.

        A contact associated with several companies goes to the first one that is known.
        """
        others = row.other_account_ids if isinstance(row, ContactRecord) else ()
        for crm_id in (row.account_crm_id, *others):
            state = self.profiles.by_crm(row.source, crm_id) if crm_id else None
            if state is not None:
                return state
        if row.account_name:
            named = self.profiles.by_name(row.account_name)
            if len(named) == 1:
                return named[0]
            if len(named) > 1:
                ids = ", ".join(s.account_id for s in named)
                return f"account name '{row.account_name}' matches several profiles ({ids})"
        wanted = " / ".join(p for p in (row.account_crm_id, row.account_name) if p)
        return (
            f"account {wanted} is neither in the workspace nor in the accounts files of this import"
        )

    def _note_activity(self, state: ProfileState, row: ContactRecord | DealRecord) -> None:
        """Keep the row's last activity date on the account's CRM record, if later."""
        if row.account_crm_id and note_activity(
            state.data, row.source, row.account_crm_id, row.last_activity
        ):
            change = f"crm.last_activity ({row.source})"
            if change not in state.changes:
                state.changes.append(change)

    def _several_companies(self, contact: ContactRecord, state: ProfileState, column: str) -> None:
        """Report a contact associated with more than one company (kept on the first)."""
        if not contact.other_account_ids:
            return
        others = ", ".join(contact.other_account_ids)
        self.report.issues.append(
            RowIssue(
                contact.file,
                contact.row,
                contact.line,
                column,
                f"{contact.name}: associated with several companies ({contact.account_crm_id}, "
                f"{others}); added to {state.account_id} only",
                "warning",
            )
        )

    def _import_deals(self, label: str, detected: Detected, table: CsvTable) -> None:
        products = {p.id for p in self.library.seller.products}
        for record in table.records:
            deal, issues = read_deal(record, detected, label, products)
            self.report.issues.extend(issues)
            account = self._owner(deal, detected, deal.name or deal.crm_id) if deal else None
            if deal is not None and account is not None:
                account.changes.extend(apply_deal(account.data, deal))

    def _owner(
        self, row: ContactRecord | DealRecord, detected: Detected, what: str
    ) -> ProfileState | None:
        """The profile a contact or deal goes to (its activity noted), else ``None`` reported."""
        account = self._account_of(row)
        if isinstance(account, str):
            kind = "contact" if isinstance(row, ContactRecord) else "deal"
            self.report.issues.append(
                RowIssue(
                    row.file,
                    row.row,
                    row.line,
                    detected.column("account_crm_id") or detected.column("account_name") or "",
                    f"{what}: {account}; {kind} skipped",
                )
            )
            return None
        account.touched = True
        self._note_activity(account, row)
        return account

    def _import_contacts(self, label: str, detected: Detected, table: CsvTable) -> None:
        for record in table.records:
            contact, issues = read_contact(record, detected, label)
            self.report.issues.extend(issues)
            account = self._owner(contact, detected, contact.name) if contact else None
            if contact is None or account is None:
                continue
            self._several_companies(contact, account, detected.column("account_crm_id") or "")
            person = find_stakeholder(account.data, contact)
            if person is not None:
                for change in update_stakeholder(person, contact):
                    account.changes.append(f"stakeholder {person.get('id')}.{change}")
                continue
            role = self._role(contact, detected, label, record.row, record.line)
            if role is None:
                continue
            person_id = add_stakeholder(account.data, contact, role)
            account.changes.append(f"+ stakeholder {person_id} ({role})")

    def _role(
        self, contact: ContactRecord, detected: Detected, label: str, row: int, line: int
    ) -> str | None:
        found = self.matcher.match(contact.title) if contact.title else None
        if found is not None:
            return found.role
        column = detected.column("title") or ""
        what = f"title '{contact.title}'" if contact.title else "no job title"
        fallback = detected.mapping.fallback_role
        if fallback is not None:
            self.report.issues.append(
                RowIssue(
                    label,
                    row,
                    line,
                    column,
                    f"{contact.name}: {what} matches no persona's title_patterns; "
                    f"imported with the fallback role '{fallback}'",
                    "warning",
                )
            )
            return fallback
        if contact.title and contact.title not in self.report.unmapped_titles:
            self.report.unmapped_titles.append(contact.title)
        self.report.issues.append(
            RowIssue(
                label,
                row,
                line,
                column,
                f"{contact.name}: {what} matches no persona's title_patterns; contact skipped "
                "(add a pattern to library/personas.yaml, or set fallback_role in a mapping "
                "file)",
            )
        )
        return None

    def _finish(self) -> None:
        for account_id in sorted(self.profiles.states):
            state = self.profiles.states[account_id]
            if not state.touched:
                self.report.left_alone.append(account_id)
                continue
            self.report.outcomes.append(self._write(state))

    def _write(self, state: ProfileState) -> ProfileOutcome:
        created = state.original is None
        data = to_plain(state.data) if created else None
        text = dump_new(data, state.header) if created else state.doc.dump()
        kept = [] if created else hand_fields(state.data)
        if not created and text == state.original:
            return ProfileOutcome(state.account_id, state.rel, "unchanged", kept=kept)
        diff = "".join(
            difflib.unified_diff(
                (state.original or "").splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile="/dev/null" if created else f"a/{state.rel}",
                tofile=f"b/{state.rel}",
            )
        )
        if data is not None:
            problems = check_profile_data(data, text, state.rel, self.library, self.root)
        else:
            problems = check_profile_text(text, state.rel, self.library, self.root)
        if problems:
            for problem in problems:
                self.report.issues.append(
                    RowIssue(
                        state.rel,
                        None,
                        problem.line,
                        problem.field,
                        f"{problem.reason} (profile not written)",
                    )
                )
            return ProfileOutcome(state.account_id, state.rel, "failed", state.changes, kept, diff)
        if not self.report.dry_run:
            try:
                atomic_write(self.root / state.rel, text)
            except OSError as exc:
                reason = f"cannot write the profile: {exc.strerror or exc}"
                self.report.issues.append(RowIssue(state.rel, None, None, "", reason))
                return ProfileOutcome(
                    state.account_id, state.rel, "failed", state.changes, kept, diff
                )
        status = "created" if created else "updated"
        return ProfileOutcome(state.account_id, state.rel, status, state.changes, kept, diff)


def run_import(
    root: Path,
    files: list[Path],
    *,
    preset_name: str | None = None,
    mapping_path: Path | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    link: bool = False,
) -> ImportReport:
    """Import CRM export files into the workspace at ``root``.

    Args:
        root: the workspace folder.
        files: account, contact and deal exports (CSV or XLSX), in any order.
        preset_name: ``salesforce`` or ``hubspot``; detected per file when left out.
        mapping_path: a mapping YAML for other exports (on top of ``preset_name``).
        encoding: the files' encoding; detected when left out.
        dry_run: compute the changes and diffs, write nothing.
        link: let a name match merge into a hand-made profile that has no CRM link yet
            (without it such a row is reported and the profile left alone).

    Raises:
        UsageError: bad preset, mapping file or encoding.
        InputError: the workspace or its library cannot be used.
    """
    mappings = candidate_mappings(preset_name, mapping_path)
    importer = Importer(root, mappings, encoding=encoding, dry_run=dry_run, link=link)
    return importer.run(files)
