"""Screenshots of every page in Japanese and English, for docs/img (run by hand).

    python3 tests/web/screenshots.py [OUT_DIR]

Builds a sample workspace in a temporary folder, generates two documents (with previews),
runs a small batch, breaks one profile, and saves one PNG per page and language.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import CHROMIUM, CHROMIUM_ARGS, running_server

from abmcontent.api import build, render
from abmcontent.sample import init_workspace

PAGES = {
    "accounts": "/accounts",
    "account": "/accounts/hokuto-logistics",
    "documents": "/accounts/hokuto-logistics/documents",
    "edit": "/accounts/hokuto-logistics/edit",
    "broken": "/accounts/kestrel-outfitters",
    "batch": "/batch",
}


def prepare(root: Path) -> None:
    init_workspace(root)
    render(root, "hokuto-logistics", doc="proposal", audience="takahashi-yumi")
    render(root, "hokuto-logistics", doc="briefing")
    build(root, accounts=["hokuto-logistics"], docs=["proposal", "briefing"], jobs=1)
    profile = root / "account_profiles" / "kestrel-outfitters.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("role: cfo", "role: treasurer", 1), encoding="utf-8")


def shoot(page: Page, base: str, out: Path, lang: str, only: list[str]) -> None:
    page.context.add_cookies([{"name": "abm_lang", "value": lang, "url": base}])
    for name, path in PAGES.items():
        if only and name not in only:
            continue
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out / f"web-{name}-{lang}.png"), full_page=True)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img").resolve()
    only = sys.argv[2:]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        prepare(root)
        with running_server(root, "--jobs", "1") as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for lang in ("ja", "en"):
                shoot(page, base, out, lang, only)
            browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
