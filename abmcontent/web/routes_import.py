"""CRM import in the web: upload exports, preview the changes (a dry run), then apply.

A job title that matches no persona can be given one from the preview (a pattern added to
``library/personas.yaml``); the preview is then made again.

The uploaded files are kept in a private temporary folder between the preview and the
apply, named by a random token; applying runs the very import the preview showed, with
the same options, and removes the folder.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData, UploadFile

from abmcontent.context.localize import text
from abmcontent.crm.importer import ImportReport, run_import
from abmcontent.crm.personas_edit import assign_title
from abmcontent.crm.presets import PRESETS
from abmcontent.errors import AbmError, UsageError
from abmcontent.web.pages import render
from abmcontent.web.security import require_csrf
from abmcontent.web.state import WebState, text_fields, web

router = APIRouter()
CSRF = [Depends(require_csrf)]
MAX_UPLOAD = 50 * 1024 * 1024
"""The largest export file accepted, in bytes."""
_SAFE_NAME = "".join(chr(c) for c in range(32, 127) if chr(c) not in '/\\:*?"<>|')


def _safe_name(name: str, index: int) -> str:
    """A file name to store an upload under (its own name, without any folder part)."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".")
    cleaned = "".join(c for c in base if c in _SAFE_NAME or ord(c) > 127)
    return cleaned or f"export-{index}.csv"


def _options(fields: dict[str, str]) -> dict[str, Any]:
    preset = fields.get("preset", "")
    if preset and preset not in PRESETS:
        raise HTTPException(400, "no such preset")
    return {"preset_name": preset or None, "link": fields.get("link") == "1"}


def _run(state: WebState, folder: Path, options: dict[str, Any], dry_run: bool) -> ImportReport:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "mapping.yaml")
    mapping = folder / "mapping.yaml"
    return run_import(
        state.settings.workspace,
        files,
        mapping_path=mapping if mapping.is_file() else None,
        dry_run=dry_run,
        **options,
    )


def _page(
    request: Request,
    report: ImportReport | None,
    folder: Path | None,
    token: str = "",
    fields: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    prefix = f"{folder}/" if folder is not None else "\0"

    def shown(text: str) -> str:
        return text.replace(prefix, "")

    ws = web(request).cache.get()
    personas = ws.library.personas if ws.library else {}
    return render(
        request,
        "import.html",
        roles=[(key, text(p.title, request.state.lang)) for key, p in personas.items()],
        status=status,
        report=report,
        shown=shown,
        token=token,
        fields=fields or {},
        presets=list(PRESETS),
        error=error,
    )


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request) -> HTMLResponse:
    """The upload form."""
    return _page(request, None, None)


@router.post("/import/preview", dependencies=CSRF, response_class=HTMLResponse)
async def preview(request: Request) -> HTMLResponse:
    """Store the uploaded exports and show what importing them would change."""
    form = await request.form()
    try:
        return await _preview(request, form)
    finally:
        await form.close()


async def _preview(request: Request, form: FormData) -> HTMLResponse:
    state = web(request)
    fields = text_fields(form)
    options = _options(fields)
    uploads = [v for k, v in form.multi_items() if k == "file" and isinstance(v, UploadFile)]
    mapping = form.get("mapping")
    uploads = [u for u in uploads if u.filename]
    if not uploads:
        return _page(request, None, None, fields=fields, error="import_no_file", status=400)
    folder = Path(tempfile.mkdtemp(prefix="abm-import-"))
    try:
        for index, upload in enumerate(uploads):
            data = await upload.read(MAX_UPLOAD + 1)
            if len(data) > MAX_UPLOAD:
                raise HTTPException(413, "an export file is larger than 50 MB")
            name = _safe_name(upload.filename or "", index)
            (folder / (f"{index}-{name}" if (folder / name).exists() else name)).write_bytes(data)
        if isinstance(mapping, UploadFile) and mapping.filename:
            (folder / "mapping.yaml").write_bytes(await mapping.read(MAX_UPLOAD))
        report = _run(state, folder, options, dry_run=True)
    except AbmError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return _page(request, None, None, fields=fields, error=str(exc), status=422)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    token = secrets.token_hex(16)
    state.staged_imports[token] = folder
    return _page(request, report, folder, token=token, fields=fields)


@router.post("/import/assign-title", dependencies=CSRF, response_class=HTMLResponse)
async def assign(request: Request) -> HTMLResponse:
    """Give an unmapped job title a persona (a pattern in personas.yaml); preview again."""
    state = web(request)
    fields = text_fields(await request.form())
    token = fields.get("token", "")
    folder = state.staged_imports.get(token)
    if folder is None or not folder.is_dir():
        raise HTTPException(404, "no such preview (it was applied already or has expired)")
    error = ""
    try:
        assign_title(state.settings.workspace, fields.get("title", ""), fields.get("role", ""))
    except UsageError as exc:
        error = str(exc)
    report = _run(state, folder, _options(fields), dry_run=True)
    return _page(request, report, folder, token=token, fields=fields, error=error)


@router.post("/import/apply", dependencies=CSRF, response_class=HTMLResponse)
async def apply(request: Request) -> HTMLResponse:
    """Import the exports of a preview, with the options it was made with."""
    state = web(request)
    fields = text_fields(await request.form())
    folder = state.staged_imports.pop(fields.get("token", ""), None)
    if folder is None or not folder.is_dir():
        raise HTTPException(404, "no such preview (it was applied already or has expired)")
    try:
        report = _run(state, folder, _options(fields), dry_run=False)
    except AbmError as exc:
        return _page(request, None, None, fields=fields, error=str(exc), status=422)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return _page(request, report, folder, fields=fields)
