"""PDF from an Office document through headless LibreOffice.

Conversions go to the long-lived LibreOffice of :mod:`abmcontent.renderers.office_server`
when the process has one, and otherwise start ``soffice`` for the call (about 3 s).
LibreOffice always runs with a fresh user profile (:func:`soffice_command`) whose settings
turn remote and linked content off: linked pictures and other links whose document is not
in a trusted location are never loaded (``BlockUntrustedRefererLinks``), Writer and Calc
never update links, and macros never run. Templates are stripped of external links before
rendering (:mod:`abmcontent.office_links`); these settings are the second line.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from abmcontent.errors import RenderError
from abmcontent.renderers import office_server
from abmcontent.renderers.base import RenderedDocument, Renderer, RenderRequest, get_renderer
from abmcontent.renderers.office_trim import first_slide_only

CONVERT_TIMEOUT_S = 180
#: registry settings of every LibreOffice profile the product starts: (path, name, value)
LOCKED_DOWN_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # never
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),  # never
)


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_profile(profile: Path) -> None:
    """Make a LibreOffice user profile holding :data:`LOCKED_DOWN_SETTINGS`."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in LOCKED_DOWN_SETTINGS
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


def soffice_command(soffice: str, folder: Path, sources: list[Path]) -> list[str]:
    """The command converting ``sources`` to PDF in ``folder``, remote content off.

    Args:
        soffice: the LibreOffice executable.
        folder: a private temporary folder: the profile is made in it and PDFs land in it.
        sources: the Office files to convert.

    Returns:
        The command line.
    """
    profile = folder / "profile"
    write_profile(profile)
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *map(str, sources),
    ]


def convert_to_pdf(data: bytes, suffix: str, *, first_page: bool = False) -> bytes:
    """Convert Office document bytes (``.pptx``/``.docx``) to PDF bytes with LibreOffice.

    On this process's long-lived LibreOffice when it has one (and it answers), else with a
    ``soffice`` start of its own, with its own profile, so conversions can run in parallel.

    Args:
        data: the document.
        suffix: ``.pptx`` or ``.docx``.
        first_page: only the first slide or page is needed (a preview): decks are cut down
            to their first slide, and the server exports one page.

    Raises:
        RenderError: LibreOffice is missing, fails or times out.
    """
    if first_page and suffix == ".pptx":
        try:
            data = first_slide_only(data)
        except ValueError as exc:
            raise RenderError(f"LibreOffice could not convert the document: {exc}") from exc
    with office_server.lease() as url:
        if url is not None:
            try:
                return office_server.convert_on(url, data, first_page=first_page)
            except office_server.OfficeServerUnreachable:
                office_server.mark_unreachable(url)
            except office_server.OfficeServerError:
                pass  # soffice, below, says why in its own words, or succeeds after all
    return convert_with_soffice(data, suffix)


def convert_with_soffice(data: bytes, suffix: str) -> bytes:
    """Convert Office document bytes to PDF bytes with a ``soffice`` start of their own.

    Raises:
        RenderError: LibreOffice is missing, fails or times out.
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "PDF needs LibreOffice, which is not installed (Debian: apt-get install "
            "libreoffice-impress libreoffice-writer; or run scripts/bootstrap.sh)"
        )
    with tempfile.TemporaryDirectory(prefix="abmcontent-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        command = soffice_command(soffice, folder, [source])
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"LibreOffice did not finish within {CONVERT_TIMEOUT_S} s") from exc
        target = folder / "document.pdf"
        if done.returncode != 0 or not target.is_file():
            detail = (done.stderr or done.stdout).decode(errors="replace").strip()[-300:]
            raise RenderError(f"LibreOffice could not convert the document: {detail}")
        return target.read_bytes()


class OfficePdfRenderer(Renderer):
    """Renders the Office document (a deck) and converts it to PDF with LibreOffice."""

    format = "pdf"
    template_suffix = ".pptx"

    def render(self, request: RenderRequest) -> RenderedDocument:
        """Render the deck, then convert it."""
        office = get_renderer(request.template.suffix.lstrip("."))
        rendered = office.render(request)
        return RenderedDocument(
            convert_to_pdf(rendered.data, request.template.suffix), rendered.warnings
        )
