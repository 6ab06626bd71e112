"""Internal data never reaches a customer document: a marker planted in every internal field.

Every internal text field of two accounts (a Japanese and an English strategic account) and
of the whole library gets a unique marker. Every document of both accounts is then built,
and the files reopened: pptx (slides, notes, charts, properties), docx (every part), pdf
(text and metadata). No marker may appear in a customer document; the internal documents
(briefing, battlecard) carry them. A second test removes the classification of one field at
a time and shows that its marker then reaches the customer view: the classification, and
nothing else, is what keeps it out.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import typing
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from abmcontent.context.customer import customer_account, customer_library
from abmcontent.documents import DOCUMENTS
from abmcontent.loading.workspace import Library, Workspace, load_workspace
from abmcontent.models.audience import Internal
from abmcontent.models.profile import CrmRef
from abmcontent.pipeline import plan_jobs, prepare_job, render_prepared
from abmcontent.sample import init_workspace

ACCOUNTS = ("hokuto-logistics", "brightwater-foods")
TODAY = dt.date(2026, 11, 25)
_counter = itertools.count(1)


@dataclass(frozen=True)
class Planted:
    """One marker and where it was planted (``Stakeholder.notes``, ``Battlecard.landmines``)."""

    marker: str
    model: type[BaseModel]
    field: str


def _new_marker() -> str:
    # lowercase letters and digits: valid even in a slug field (crm.source)
    return f"zqmk{next(_counter):04d}q"


def _strings_in(annotation: Any) -> bool:
    """Whether a field holds text (str, localized text or lists of them)."""
    if annotation is str:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(_strings_in(f.annotation) for f in annotation.model_fields.values())
    if typing.get_origin(annotation) is typing.Literal:
        return False
    return any(_strings_in(arg) for arg in typing.get_args(annotation))


def _fill(value: Any, marker: str) -> Any:
    """``value`` with every string replaced by ``marker`` (models, lists, maps)."""
    if isinstance(value, str):
        return marker
    if isinstance(value, list):
        return [_fill(item, marker) for item in value] or [marker]
    if isinstance(value, dict):
        return {key: _fill(item, marker) for key, item in value.items()}
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={name: _fill(getattr(value, name), marker) for name in type(value).model_fields}
        )
    return value


def _plant(value: Any, planted: list[Planted]) -> Any:
    """A copy of ``value`` with a fresh marker in every internal text field, at any depth."""
    if isinstance(value, list):
        return [_plant(item, planted) for item in value]
    if isinstance(value, dict):
        return {key: _plant(item, planted) for key, item in value.items()}
    if not isinstance(value, BaseModel):
        return value
    update: dict[str, Any] = {}
    for name, info in type(value).model_fields.items():
        current = getattr(value, name)
        internal = any(isinstance(m, Internal) for m in info.metadata)
        if internal and _strings_in(info.annotation):
            marker = _new_marker()
            filled = _fill(current, marker) if current is not None else marker
            if filled is not current:
                update[name] = filled
                planted.append(Planted(marker, type(value), name))
        elif not internal:
            update[name] = _plant(current, planted)
    return value.model_copy(update=update)


@dataclass
class PlantedWorkspace:
    workspace: Workspace
    planted: list[Planted]


def _planted_workspace(root: Path) -> PlantedWorkspace:
    workspace = load_workspace(init_workspace(root))
    assert workspace.library is not None and not workspace.errors
    planted: list[Planted] = []
    for account_id in ACCOUNTS:
        account = workspace.accounts[account_id]
        # the sample's accounts were not imported: give one a CRM link to plant into
        account = account.model_copy(update={"crm": CrmRef(source="salesforce", id="001")})
        workspace.accounts[account_id] = _plant(account, planted)
    library = workspace.library
    workspace.library = replace(
        library,
        seller=_plant(library.seller, planted),
        personas=_plant(library.personas, planted),
        case_studies=_plant(library.case_studies, planted),
        battlecards=_plant(library.battlecards, planted),
    )
    workspace.accounts = {k: v for k, v in workspace.accounts.items() if k in ACCOUNTS}
    return PlantedWorkspace(workspace, planted)


def _office_text(data: bytes) -> str:
    """Every XML part of an Office file (slides, notes, charts, properties...), as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(
            package.read(name).decode("utf-8", "replace")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        )


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    pages = "\n".join(page.extract_text() or "" for page in reader.pages)
    return pages + "\n" + " ".join(str(v) for v in (reader.metadata or {}).values())


@dataclass
class Built:
    planted: list[Planted]
    texts: dict[str, str]  # output path -> every text of the file


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    found = _planted_workspace(tmp_path_factory.mktemp("markers") / "ws")
    texts: dict[str, str] = {}
    for job in plan_jobs(found.workspace, accounts=ACCOUNTS):
        prepared = prepare_job(found.workspace, job, today=TODAY)
        data = render_prepared(found.workspace, prepared).data
        texts[job.output] = _pdf_text(data) if job.format == "pdf" else _office_text(data)
    return Built(found.planted, texts)


def _doc_of(path: str) -> str:
    return path.split("/")[2]


def test_every_internal_field_got_a_marker(built: Built) -> None:
    from abmcontent.models.field_table import all_rows

    planted = {(p.model.__name__, p.field) for p in built.planted}
    # the internal fields holding text, by their model's name (enum fields hold no marker)
    for model, name in (
        ("Stakeholder", "notes"),
        ("Stakeholder", "crm_id"),
        ("CompetitorRef", "notes"),
        ("Opportunity", "notes"),
        ("AccountProfile", "engagement"),
        ("AccountProfile", "owners"),
        ("AccountProfile", "crm"),
        ("Persona", "tone"),
        ("Persona", "title_patterns"),
        ("Battlecard", "strengths"),
        ("Battlecard", "weaknesses"),
        ("Battlecard", "landmines"),
        ("Battlecard", "objections"),
    ):
        assert (model, name) in planted
    internal_rows = [r for r in all_rows() if r.audience == "internal"]
    assert len(internal_rows) > 20


def test_no_marker_reaches_a_customer_document(built: Built) -> None:
    customer = {p: t for p, t in built.texts.items() if not DOCUMENTS[_doc_of(p)].internal}
    assert {_doc_of(p) for p in customer} == {"proposal", "competitive", "case-study"}
    assert len(customer) >= 20
    for path, text in customer.items():
        leaked = [p for p in built.planted if p.marker in text]
        assert not leaked, (path, [(p.model.__name__, p.field) for p in leaked])


def test_the_internal_documents_carry_the_internal_data(built: Built) -> None:
    internal = "\n".join(t for p, t in built.texts.items() if DOCUMENTS[_doc_of(p)].internal)
    assert {_doc_of(p) for p in built.texts if DOCUMENTS[_doc_of(p)].internal} == {
        "briefing",
        "battlecard",
    }
    printed = {
        ("Stakeholder", "notes"),
        ("CompetitorRef", "notes"),
        ("Opportunity", "notes"),
        ("AccountProfile", "engagement"),
        ("AccountProfile", "owners"),
        ("Persona", "tone"),
        ("Battlecard", "strengths"),
        ("Battlecard", "weaknesses"),
        ("Battlecard", "landmines"),
        ("Battlecard", "objections"),
    }
    seen = {(p.model.__name__, p.field) for p in built.planted if p.marker in internal}
    assert printed <= seen, printed - seen


def _internal_fields() -> Iterator[tuple[type[BaseModel], str]]:
    from abmcontent.models import library as library_models
    from abmcontent.models import profile as profile_models

    for module in (profile_models, library_models):
        for item in vars(module).values():
            if isinstance(item, type) and issubclass(item, BaseModel) and item.__module__ in (
                profile_models.__name__,
                library_models.__name__,
            ):
                for name, info in item.model_fields.items():
                    if any(isinstance(m, Internal) for m in info.metadata) and _strings_in(
                        info.annotation
                    ):
                        yield item, name


def _customer_dump(workspace: Workspace) -> str:
    library = customer_library(typing.cast(Library, workspace.library))
    parts = [customer_account(a).model_dump_json() for a in workspace.accounts.values()]
    parts.append(library.seller.model_dump_json())
    parts += [p.model_dump_json() for p in library.personas.values()]
    parts += [b.model_dump_json() for b in library.battlecards.values()]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("model", "name"), list(_internal_fields()), ids=lambda v: getattr(v, "__name__", v)
)
def test_removing_the_classification_of_a_field_lets_its_marker_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: type[BaseModel], name: str
) -> None:
    found = _planted_workspace(tmp_path / "ws")
    markers = [p.marker for p in found.planted if p.model is model and p.field == name]
    assert markers, f"no marker planted in {model.__name__}.{name}"
    assert not any(m in _customer_dump(found.workspace) for m in markers)
    info = model.model_fields[name]
    monkeypatch.setattr(
        info, "metadata", [m for m in info.metadata if not isinstance(m, Internal)]
    )
    assert any(m in _customer_dump(found.workspace) for m in markers)


def test_the_customer_context_has_no_internal_keys(built: Built, tmp_path: Path) -> None:
    from abmcontent.context import audiences_for, build_context

    found = _planted_workspace(tmp_path / "ws")
    assert found.workspace.library is not None
    internal_keys = {
        "influence", "influence_label", "stance", "stance_label", "status", "status_label",
        "stage", "stage_label", "kind_label", "close_date", "tier", "tier_label",
        "segment_label", "tone", "landmines", "objections", "strengths", "weaknesses",
        "engagement", "last_engagement", "notes",
    }
    # names that are customer-safe elsewhere (a challenge's owners, a story's segment)
    account_keys = {"owners", "segment", "crm"}

    def keys(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "strings":  # the words around the data, keyed by name
                    continue
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    for account in found.workspace.accounts.values():
        for doc in ("proposal", "competitive", "case-study"):
            for audience in audiences_for(account, doc):
                data = build_context(
                    found.workspace.library, account, audience, doc=doc,
                    root=found.workspace.root, today=TODAY,
                ).data
                present = internal_keys & set(keys(data))
                present |= account_keys & set(data["account"])
                assert not present, (account.id, doc, audience.id, present)
                assert not any(p.marker in str(data) for p in found.planted)
