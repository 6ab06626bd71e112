"""PDF from an Office document through headless LibreOffice (``soffice``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from abmcontent.errors import RenderError
from abmcontent.renderers.base import RenderedDocument, Renderer, RenderRequest, get_renderer

CONVERT_TIMEOUT_S = 180


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(data: bytes, suffix: str) -> bytes:
    """Convert Office document bytes (``.pptx``/``.docx``) to PDF bytes with LibreOffice.

    Each call uses its own LibreOffice profile, so conversions can run in parallel.

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
        profile = (folder / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
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
