"""``output/index.html`` flags warnings, and lists info notices apart without a flag."""

from __future__ import annotations

from pathlib import Path

from abmcontent.batch.index_html import render_index
from abmcontent.loading.workspace import load_workspace
from abmcontent.notices import info
from abmcontent.outputs import ManifestEntry
from abmcontent.sample import init_workspace


def _entry(audience: str, warnings: list[str]) -> ManifestEntry:
    return ManifestEntry(
        account="tsumugi-online",
        doc="proposal",
        audience=audience,
        format="pptx",
        path=f"output/tsumugi-online/proposal/{audience}.pptx",
        sha256="0" * 64,
        input_hash="1" * 64,
        warnings=warnings,
    )


def test_info_notices_are_listed_but_not_flagged(tmp_path: Path) -> None:
    workspace = load_workspace(init_workspace(tmp_path / "ws"))
    shrunk = info("slide 3, shape 'Story': text shrunk to 17 pt to fit")
    page = render_index(
        workspace,
        [_entry("account", [shrunk]), _entry("cfo", ["slide 4 'Goals': text overflows"])],
        {},
    )
    assert page.count('class="flag"') == 1  # the real warning only
    assert "1 with warnings" in page
    assert "1 note(s)" in page and "text shrunk to 17 pt to fit" in page
    assert "info: slide 3" not in page  # the level is shown by the listing, not as a prefix
