"""``output/index.html``: every account with its documents, audiences, thumbnails and flags.

One self-contained page (inline CSS, no script, no external resource); every value from
the workspace is escaped. Links and thumbnails are relative to ``output/``, so the folder
can be moved or served as is. The page is only rewritten when its content changes.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from abmcontent.batch.thumbnails import existing_thumbnails, make_thumbnails
from abmcontent.documents import DOCUMENTS
from abmcontent.layout import PROFILES_DIR
from abmcontent.loading.workspace import Workspace
from abmcontent.notices import split_level
from abmcontent.outputs import Manifest, ManifestEntry, output_root, read_regular, write_atomic

INDEX_NAME = "index.html"


CSS = """
:root{--ink:#1d2433;--muted:#5b6478;--line:#e3e7ef;--bg:#f5f7fb;--card:#fff;
--accent:#2456d6;--warn:#a15c00;--warn-bg:#fff4e0;--bad:#b42318;--bad-bg:#fde8e7}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Hiragino Sans",
"Noto Sans JP",sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#162447;color:#fff;padding:24px 40px}
header.top h1{margin:0 0 4px;font-size:22px;font-weight:600}
header.top p{margin:0;color:#c9d3ea}
nav.toc{padding:12px 40px;background:#fff;border-bottom:1px solid var(--line);
display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px}
nav.toc a{color:var(--accent);text-decoration:none}
main{padding:24px 40px;max-width:1400px}
section.account{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:20px 24px;margin:0 0 24px}
section.account h2{margin:0;font-size:18px}
.meta{color:var(--muted);margin:2px 0 12px;font-size:13px}
.tier{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;
background:#e8eefc;color:#1e3f9a;margin-left:8px;vertical-align:2px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:14px}
.card{border:1px solid var(--line);border-radius:8px;overflow:hidden;background:#fff;
display:flex;flex-direction:column}
.card.flagged{border-color:#f0b458}
.thumb{aspect-ratio:4/3;background:#eef1f6;display:flex;align-items:center;
justify-content:center;border-bottom:1px solid var(--line)}
.thumb img{max-width:100%;max-height:100%;display:block}
.thumb span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.08em}
.body{padding:10px 12px;display:flex;flex-direction:column;gap:4px}
.doc{font-weight:600}
.class{display:inline-block;margin-left:6px;padding:0 6px;border-radius:999px;font-size:11px;
font-weight:600;vertical-align:1px}
.class.customer{background:#e3f4ea;color:#17603a}
.class.internal{background:var(--bad-bg);color:var(--bad)}
.internal-note{color:var(--bad);font-size:12px}
.aud{color:var(--muted);font-size:13px}
.formats a{display:inline-block;margin-right:6px;font-size:12px;color:var(--accent);
text-decoration:none;border:1px solid #c8d5f5;border-radius:4px;padding:0 6px}
.flag{color:var(--warn);background:var(--warn-bg);border-radius:4px;padding:2px 6px;
font-size:12px}
details{font-size:12px;color:var(--warn)}
details.info{color:var(--muted)}
details ul{margin:4px 0 0;padding-left:18px}
.notes{background:var(--warn-bg);color:var(--warn);border-radius:6px;padding:8px 12px;
margin:0 0 12px;font-size:13px}
.notes.bad{background:var(--bad-bg);color:var(--bad)}
.notes ul{margin:4px 0 0;padding-left:18px}
footer{color:var(--muted);padding:0 40px 32px;font-size:12px}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _href(relative: str) -> str:
    return _e(quote(relative, safe="/._-"))


def _audience_label(workspace: Workspace, account: str, audience: str) -> str:
    profile = workspace.accounts.get(account)
    if audience == "account":
        return "Whole account"
    if profile is not None:
        for person in profile.stakeholders:
            if person.id == audience:
                suffix = f", {person.title}" if person.title else ""
                return f"{person.name}{suffix}"
    library = workspace.library
    if library is not None and audience in library.personas:
        title = library.personas[audience].title
        locale = profile.locale if profile is not None else "en"
        name = title if isinstance(title, str) else title.get(locale) or audience
        return f"Role: {name}"
    return audience


def _notes(items: list[str], css: str, title: str) -> str:
    if not items:
        return ""
    rows = "".join(f"<li>{_e(item)}</li>" for item in items)
    return f'<div class="notes {css}"><strong>{_e(title)}</strong><ul>{rows}</ul></div>'


def _card(
    workspace: Workspace,
    account: str,
    doc: str,
    audience: str,
    entries: list[ManifestEntry],
    thumb: str | None,
) -> str:
    notices = sorted({w for entry in entries for w in entry.warnings})
    # info notices (text shrunk within the design guide's sizes) are no warning: listed apart
    warnings = [w for w in notices if split_level(w)[0] != "info"]
    infos = [split_level(w)[1] for w in notices if split_level(w)[0] == "info"]
    spec = DOCUMENTS.get(doc)
    label = spec.name("en") if spec else doc
    internal = spec is not None and spec.internal
    badge = (
        f'<span class="class {"internal" if internal else "customer"}">'
        f'{"Internal" if internal else "Customer-facing"}</span>'
        if spec
        else ""
    )
    note = (
        '<div class="internal-note">Internal &mdash; do not forward to the customer</div>'
        if internal
        else ""
    )
    if thumb:
        picture = f'<img src="{_href(thumb)}" alt="{_e(label)}: first page" loading="lazy">'
    else:
        picture = f"<span>{_e(' / '.join(e.format for e in entries))}</span>"
    links = "".join(
        f'<a href="{_href(e.path.partition("/")[2])}">{_e(e.format.upper())}</a>'
        for e in sorted(entries, key=lambda e: e.format)
    )
    flag = ""
    if warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
        flag = (
            f'<span class="flag">&#9888; {len(warnings)} warning(s)</span>'
            f"<details><summary>Show warnings</summary><ul>{items}</ul></details>"
        )
    if infos:
        items = "".join(f"<li>{_e(w)}</li>" for w in infos)
        flag += (
            f'<details class="info"><summary>{len(infos)} note(s)</summary>'
            f"<ul>{items}</ul></details>"
        )
    css = "card flagged" if warnings else "card"
    return (
        f'<article class="{css}"><div class="thumb">{picture}</div><div class="body">'
        f'<div class="doc">{_e(label)}{badge}</div>'
        f'<div class="aud">{_e(_audience_label(workspace, account, audience))}</div>'
        f'<div class="formats">{links}</div>{note}{flag}</div></article>'
    )


def render_index(
    workspace: Workspace,
    entries: list[ManifestEntry],
    thumbnails: Mapping[tuple[str, str, str], str],
    failed: Mapping[str, str] | None = None,
) -> str:
    """The HTML of the index page."""
    by_account: dict[str, dict[tuple[str, str], list[ManifestEntry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for entry in entries:
        by_account[entry.account][(entry.doc, entry.audience)].append(entry)
    failed_by_account: dict[str, list[str]] = defaultdict(list)
    for path, reason in (failed or {}).items():
        parts = path.split("/")
        account = parts[1] if len(parts) > 1 else path
        failed_by_account[account].append(f"{'/'.join(parts[2:])}: {reason.splitlines()[0]}")
    accounts = sorted({*by_account, *failed_by_account, *workspace.failed_accounts})
    doc_order = list(DOCUMENTS)
    sections = []
    flagged = 0
    for account in accounts:
        profile = workspace.accounts.get(account)
        name = (profile.name_en or profile.name) if profile else account
        tier = f'<span class="tier">{_e(profile.tier)}</span>' if profile else ""
        meta = (
            f"{_e(account)} &middot; {_e(profile.industry)} &middot; {_e(profile.locale)}"
            if profile
            else _e(account)
        )
        profile_file = f"{PROFILES_DIR}/{account}.yaml"
        problems = [p for p in workspace.problems if p.file == profile_file]
        validation = [str(p) for p in problems if p.severity == "warning"]
        errors = [str(p) for p in problems if p.severity == "error"]
        groups = by_account.get(account, {})
        keys = sorted(
            groups,
            key=lambda k: (doc_order.index(k[0]) if k[0] in doc_order else 99, k[0], k[1]),
        )
        cards = "".join(
            _card(
                workspace,
                account,
                doc,
                aud,
                groups[(doc, aud)],
                thumbnails.get((account, doc, aud)),
            )
            for doc, aud in keys
        )
        flagged += sum(
            1
            for k in keys
            if any(split_level(w)[0] != "info" for e in groups[k] for w in e.warnings)
        )
        sections.append(
            f'<section class="account" id="{_e(account)}"><h2>{_e(name)}{tier}</h2>'
            f'<p class="meta">{meta}</p>'
            + _notes(errors, "bad", "Invalid profile: its documents were not built")
            + _notes(failed_by_account.get(account, []), "bad", "Failed in the last build")
            + _notes(validation, "", "Validation warnings")
            + (f'<div class="grid">{cards}</div>' if cards else "")
            + "</section>"
        )
    toc = "".join(f'<a href="#{_e(a)}">{_e(a)}</a>' for a in accounts)
    summary = (
        f"{len(accounts)} accounts &middot; {len(entries)} documents &middot; "
        f"{flagged} with warnings"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>ABM documents</title><style>{CSS}</style></head><body>"
        f'<header class="top"><h1>ABM documents</h1><p>{summary}</p></header>'
        f'<nav class="toc">{toc}</nav><main>{"".join(sections)}</main>'
        "<footer>Generated by abmcontent build. Thumbnails show the first page or slide."
        "</footer></body></html>\n"
    )


def publish_index(
    workspace: Workspace,
    manifest: Manifest,
    *,
    thumbnails: bool = True,
    workers: int = 1,
    failed: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Make missing thumbnails (when asked) and write ``output/index.html`` if it changed.

    ``progress`` is told (previews made, previews to make) as thumbnails are made.
    """
    entries = [manifest.entries[key] for key in sorted(manifest.entries)]
    if thumbnails:
        thumbs = make_thumbnails(workspace.root, entries, workers=workers, progress=progress)
    else:
        thumbs = existing_thumbnails(workspace.root, entries)
    target = output_root(workspace.root) / INDEX_NAME
    page = render_index(workspace, entries, thumbs, failed).encode("utf-8")
    try:
        unchanged = read_regular(target) == page  # a link planted there is replaced, unread
    except OSError:
        unchanged = False
    if not unchanged:
        write_atomic(target, page)
    return target
