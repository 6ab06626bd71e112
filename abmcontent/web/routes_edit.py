"""Editing a profile and adding an account, with the CLI's validation, written back as YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from ruamel.yaml.comments import CommentedMap

from abmcontent.crm.checkprofile import check_profile_text
from abmcontent.crm.ids import suggest_account_id
from abmcontent.crm.yamlio import atomic_write, load_roundtrip, new_roundtrip
from abmcontent.layout import PROFILES_DIR
from abmcontent.loading.workspace import Workspace
from abmcontent.models.profile import (
    TIERS,
    CompetitorStatus,
    EngagementKind,
    OpportunityKind,
    Stage,
)
from abmcontent.web.accounts_view import account_page, profile_rel
from abmcontent.web.i18n import Lang, t
from abmcontent.web.pages import render
from abmcontent.web.profile_form import (
    ProfileForm,
    Row,
    apply_form,
    file_hash,
    form_from_data,
    form_from_submission,
    place_errors,
)
from abmcontent.web.security import require_csrf
from abmcontent.web.slugs import is_slug, require_slug
from abmcontent.web.state import text_fields, web

router = APIRouter()
CSRF = [Depends(require_csrf)]
INFLUENCES = ("decision_maker", "champion", "influencer", "blocker", "user")
IMPACTS = ("high", "medium", "low")
SEGMENTS = ("enterprise", "mid_market", "smb")


def _choices(ws: Workspace, lang: Lang) -> dict[str, Any]:
    from abmcontent.context.localize import text

    personas = ws.library.personas if ws.library else {}
    industries = {a.industry for a in ws.accounts.values()}
    seller = ws.library.seller if ws.library else None
    battlecards = ws.library.battlecards if ws.library else {}
    return {
        "roles": [(key, text(p.title, lang)) for key, p in personas.items()],
        "influences": INFLUENCES,
        "impacts": IMPACTS,
        "tiers": TIERS,
        "segments": SEGMENTS,
        "industries": sorted(industries),
        "products": [(p.id, p.name) for p in seller.products] if seller else [],
        "battlecards": [(key, key) for key in battlecards],
        "stages": get_args(Stage),
        "opportunity_kinds": get_args(OpportunityKind),
        "competitor_statuses": get_args(CompetitorStatus),
        "engagement_kinds": get_args(EngagementKind),
    }


def _profile_path(ws: Workspace, account_id: str) -> Path:
    require_slug(account_id)
    path = ws.root / PROFILES_DIR / f"{account_id}.yaml"
    if not path.is_file():
        raise HTTPException(404, "no such account")
    return path


def _show(
    request: Request, ws: Workspace, form: ProfileForm, account_id: str | None, status: int = 200
) -> HTMLResponse:
    lang: Lang = request.state.lang
    return render(
        request,
        "edit.html",
        status=status,
        form=form,
        new=account_id is None,
        a=account_page(ws, account_id, lang) if account_id else None,
        tab="edit",
        library_errors=ws.library is None,
        **_choices(ws, lang),
    )


def _added_row(form: ProfileForm, fields: dict[str, str]) -> bool:
    """Handle the 'add a stakeholder / challenge' buttons: one more blank row, no save."""
    action = fields.get("action", "")
    if action == "add-person":
        form.people.append(Row(form.next_key(), None))
    elif action == "add-challenge":
        form.challenges.append(Row(form.next_key(), None))
    elif action.removeprefix("add-") in form.sections:
        form.sections[action.removeprefix("add-")].append(Row(form.next_key(), None))
    else:
        return False
    return True


@router.get("/accounts/{account_id}/edit", response_class=HTMLResponse)
def edit(request: Request, account_id: str) -> HTMLResponse:
    """The form of an existing profile."""
    ws = web(request).cache.get()
    path = _profile_path(ws, account_id)
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    try:
        data: Any = load_roundtrip(text).data
    except ValueError:
        data = {}
    form = form_from_data(data, text)
    return _show(request, ws, form, account_id)


@router.post("/accounts/{account_id}/edit", dependencies=CSRF)
async def save(request: Request, account_id: str) -> Response:
    """Validate the form like ``abmcontent validate``; write the YAML only when it is valid."""
    ws = web(request).cache.get()
    path = _profile_path(ws, account_id)
    lang: Lang = request.state.lang
    fields = text_fields(await request.form())
    form = form_from_submission(fields)
    if _added_row(form, fields):
        return _show(request, ws, form, account_id)
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if file_hash(text) != form.sha:
        form.general.append(t("file_changed", lang))
        return _show(request, ws, form, account_id, 409)
    if ws.library is None:
        form.general.append(t("library_broken", lang))
        return _show(request, ws, form, account_id, 422)
    try:
        doc = load_roundtrip(text)
    except ValueError as exc:
        form.general.append(str(exc))
        return _show(request, ws, form, account_id, 422)
    apply_form(doc.data, form, new=False)
    new_text = doc.dump()
    problems = check_profile_text(new_text, profile_rel(account_id), ws.library, ws.root)
    if problems:
        place_errors(form, problems)
        form.general.insert(0, t("form_invalid", lang))
        return _show(request, ws, form, account_id, 422)
    if new_text != text:
        atomic_write(path, new_text)
    return RedirectResponse(f"/accounts/{account_id}?msg=saved", status_code=303)


@router.get("/new-account", response_class=HTMLResponse)
def new(request: Request) -> HTMLResponse:
    """An empty form for a new account."""
    ws = web(request).cache.get()
    form = ProfileForm(values={"locale": request.state.lang, "tier": "programmatic"})
    form.people.append(Row(0, None))
    return _show(request, ws, form, None)


def _taken(ws: Workspace) -> set[str]:
    folder = ws.root / PROFILES_DIR
    return {p.stem for p in folder.glob("*.y*ml")} if folder.is_dir() else set()


@router.get("/new-account/suggest-id")
def suggest_id(request: Request, name: str = "", name_en: str = "", website: str = "") -> Any:
    """The id the import would give an account with these values, as ``{"id": ...}``."""
    ws = web(request).cache.get()
    return {"id": suggest_account_id(name[:500], name_en[:500], website[:500], _taken(ws))}


@router.post("/new-account", dependencies=CSRF)
async def create(request: Request) -> Response:
    """Create ``account_profiles/<id>.yaml`` from the form, when it is valid."""
    ws = web(request).cache.get()
    lang: Lang = request.state.lang
    fields = text_fields(await request.form())
    form = form_from_submission(fields)
    if _added_row(form, fields):
        return _show(request, ws, form, None)
    account_id = form.get("id")
    if account_id in (None, ""):  # left empty: the id an import would give it
        texts = [form.get(k) for k in ("name", "name_en", "website")]
        name, name_en, website = (v if isinstance(v, str) else "" for v in texts)
        account_id = suggest_account_id(name, name_en, website, _taken(ws))
        form.values["id"] = account_id
    if not isinstance(account_id, str) or not is_slug(account_id):
        form.errors["id"] = [t("f_id_help", lang)]
    elif (ws.root / PROFILES_DIR / f"{account_id}.yaml").exists():
        form.errors["id"] = [t("already_exists", lang)]
    if ws.library is None:
        form.general.append(t("library_broken", lang))
    if form.has_errors or not isinstance(account_id, str) or ws.library is None:
        form.general.insert(0, t("form_invalid", lang))
        return _show(request, ws, form, None, 422)
    data = CommentedMap()
    apply_form(data, form, new=True)
    new_text = new_roundtrip(data).dump()
    problems = check_profile_text(new_text, profile_rel(account_id), ws.library, ws.root)
    if problems:
        place_errors(form, problems)
        form.general.insert(0, t("form_invalid", lang))
        return _show(request, ws, form, None, 422)
    atomic_write(ws.root / PROFILES_DIR / f"{account_id}.yaml", new_text)
    return RedirectResponse(f"/accounts/{account_id}?msg=created", status_code=303)
