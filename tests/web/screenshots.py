"""Screenshots of every page in Japanese and English, for docs/img (run by hand).

    python3 tests/web/screenshots.py [OUT_DIR]

Builds a sample workspace in a temporary folder, generates two documents (with previews),
runs a small batch, breaks one profile, and saves one PNG per page and language.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image
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


MAX_HEIGHT = 1500


def compress(path: Path) -> None:
    """Crop very long pages and store the PNG with a 256-colour palette (small files)."""
    with Image.open(path) as image:
        picture = image.convert("RGB")
    if picture.height > MAX_HEIGHT:
        picture = picture.crop((0, 0, picture.width, MAX_HEIGHT))
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def run_batch(page: Page, base: str) -> None:
    """A small batch, so that the batch page shows a finished build."""
    page.goto(base + "/batch")
    page.check("input[name=account][value=alder-creek-cold-storage]")
    page.check("input[name=doc][value=briefing]")
    page.check("input[name=force]")
    page.click("form.batch-form button[type=submit]")
    page.wait_for_selector("[data-testid=job]:not([data-state=running])", timeout=120_000)


def shoot(page: Page, base: str, out: Path, lang: str, only: list[str]) -> None:
    page.context.add_cookies([{"name": "abm_lang", "value": lang, "url": base}])
    for name, path in PAGES.items():
        if only and name not in only:
            continue
        if name == "batch":
            run_batch(page, base)
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        target = out / f"web-{name}-{lang}.png"
        page.screenshot(path=str(target), full_page=True)
        compress(target)


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
