"""A tiny fake renderer for batch tests: fast, deterministic, and steerable.

It writes JSON describing what it was given (so tests can see a case-study edit reach the
bytes), or a minimal one-page PDF for ``pdf`` outputs (so thumbnails can be made). A
``fake-control.json`` file in the workspace makes chosen documents (an account id, or
``account/doc/audience``) fail, kill their worker process, loop forever (even with
SIGALRM blocked, as in native code), allocate 10 GB
(only with a memory limit!), sleep, or wait until a "gate"
file exists; it is read on every
render, so it works in any worker process. ``ABM_FAKE_CONTROL`` names another control
file (Dask workers render from their own copy of the workspace).
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from abmcontent.errors import RenderError
from abmcontent.renderers import base
from abmcontent.renderers.base import RenderedDocument, Renderer, RenderRequest

CONTROL = "fake-control.json"
RENDERER_NAMES = ("pptx", "docx", "html-pdf", "office-pdf")
#: renders done in this process
CALLS: list[str] = []


def minimal_pdf(label: str) -> bytes:
    """A valid one-page PDF with one line of text."""
    text = label.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 40 200 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 300] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _control(root: Path) -> dict[str, object]:
    path = Path(os.environ.get("ABM_FAKE_CONTROL") or root / CONTROL)
    if not path.is_file():
        return {}
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


class FakeRenderer(Renderer):
    """Renders a JSON summary of the context (or a minimal PDF)."""

    format = "fake"

    def render(self, request: RenderRequest) -> RenderedDocument:
        ctx = request.context
        account = ctx["account"]["id"]
        label = f"{account}/{ctx['doc']}/{ctx['audience']['id']}"
        control = _control(request.workspace_root)
        CALLS.append(label)

        def chosen(key: str) -> bool:
            names = control.get(key, [])
            return account in names or label in names  # type: ignore[operator]

        if chosen("fail"):
            raise RenderError(f"fake failure for {account}")
        if chosen("crash"):
            raise ValueError("fake renderer bug")
        kill_once = request.workspace_root / f"killed-{account}"
        if chosen("kill") or (chosen("kill_once") and not kill_once.exists()):
            kill_once.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        if chosen("loop") or chosen("stuck"):  # a template loop that never ends
            if chosen("stuck"):  # ... where the time limit's signal never gets through
                signal.signal(signal.SIGALRM, signal.SIG_IGN)
            while True:
                pass
        if chosen("hog"):  # an expression such as 'x' * 10**10
            CALLS.append(str(len("x" * 10**10)))
        time.sleep(float(control.get("sleep", 0)))  # type: ignore[arg-type]
        gate = control.get("gate")  # a file: the chosen ("gated") documents wait for it
        if isinstance(gate, str) and chosen("gated"):
            while not Path(gate).exists():
                time.sleep(0.02)
        warnings = ["text shrunk to fit on slide 2"] if chosen("warn") else []
        if request.template.suffix == ".html":
            return RenderedDocument(minimal_pdf(f"{label} {ctx['today']}"), warnings)
        summary = {
            "label": label,
            "template": request.template_name,
            "stories": [(s["id"], s["outcome"]) for s in ctx.get("case_studies", [])],
            "name": ctx["account"]["name"],
            "date": ctx["today"],
        }
        return RenderedDocument(json.dumps(summary, ensure_ascii=False).encode(), warnings)


def install() -> None:
    """Route every built-in renderer name to the fake (in this process)."""
    for name in RENDERER_NAMES:
        base.BUILTIN_RENDERERS[name] = f"{__name__}:FakeRenderer"
    base._INSTANCES.clear()


def broken_setup() -> None:
    """A worker set-up that always fails (a plugin that cannot load, say)."""
    raise RuntimeError("fake set-up failure")
