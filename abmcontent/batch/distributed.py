"""Run a batch build on a Dask distributed cluster (the ``distributed`` extra).

The client packs the workspace's inputs (profiles, library, templates, assets; never
``output/``) into one archive and sends it once to every worker. Each worker unpacks it,
loads it once, renders the jobs it is given and returns the bytes; the client writes the
files and the manifest. Workers need the same abmcontent version and rendering libraries as
the client: a worker that computes another input hash fails the job instead of writing a
document the manifest would describe wrongly.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import shutil
import tarfile
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from abmcontent.batch.work import WorkerState, WorkItem, WorkResult, failure
from abmcontent.errors import UsageError
from abmcontent.layout import ASSETS_DIR, LIBRARY_DIR, PROFILES_DIR, TEMPLATES_DIR
from abmcontent.loading.workspace import load_workspace

#: the workspace folders a worker needs
SHIPPED_FOLDERS = (PROFILES_DIR, LIBRARY_DIR, TEMPLATES_DIR, ASSETS_DIR)


def pack_workspace(root: Path) -> bytes:
    """A deterministic tar archive of the workspace inputs a worker needs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for folder in SHIPPED_FOLDERS:
            base = root / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                rel = path.relative_to(root)
                if path.is_file() and not any(p.startswith(".") for p in rel.parts):
                    info = tarfile.TarInfo(rel.as_posix())
                    data = path.read_bytes()
                    info.size = len(data)
                    archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


_LOCK = threading.Lock()
_STATES: dict[str, tuple[WorkerState, Path]] = {}


def _state_for(archive: bytes, key: str, today_iso: str, options_json: str) -> WorkerState:
    """The worker's loaded copy of the workspace ``key``, unpacked on first use."""
    import datetime as dt

    if key in _STATES:
        return _STATES[key][0]
    for old_key, (_, folder) in list(_STATES.items()):  # keep one workspace per worker
        shutil.rmtree(folder, ignore_errors=True)
        del _STATES[old_key]
    folder = Path(tempfile.mkdtemp(prefix="abmcontent-ws-"))
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r") as tar:
        tar.extractall(folder, filter="data")
    state = WorkerState(
        load_workspace(folder),
        today=dt.date.fromisoformat(today_iso),
        options=json.loads(options_json),
    )
    _STATES[key] = (state, folder)
    return state


def render_on_worker(
    archive: bytes, key: str, today_iso: str, options_json: str, item: WorkItem
) -> WorkResult:
    """Dask task: render one item from the shipped workspace.

    One document renders at a time per worker process (renderers keep per-process caches
    that are not meant to be shared between threads); run more worker processes for more
    parallelism (``dask worker --nworkers N --nthreads 1``).
    """
    with _LOCK:
        state = _state_for(archive, key, today_iso, options_json)
        return state.render(item)


class DaskExecutor:
    """Sends jobs to a Dask scheduler and yields results as they come back.

    Args:
        scheduler: the scheduler address, ``tcp://HOST:PORT``.
        root: the workspace folder (packed and sent to the workers).
        today: the document date, ISO format.
        options: render options.
    """

    def __init__(self, scheduler: str, root: Path, today_iso: str, options: dict[str, str]) -> None:
        self.scheduler = scheduler
        self.root = root
        self.today_iso = today_iso
        self.options_json = json.dumps(options, sort_keys=True)

    def _client(self) -> Any:
        try:
            dask_distributed: Any = importlib.import_module("distributed")
        except ImportError:
            raise UsageError(
                "--scheduler needs Dask: pip install 'abmcontent[distributed]'"
            ) from None
        return dask_distributed.Client(self.scheduler, set_as_default=False)

    def results(self, items: Sequence[WorkItem]) -> Iterator[WorkResult]:
        """Submit every item, yield each result as it completes."""
        client = self._client()
        as_completed = importlib.import_module("distributed").as_completed
        try:
            archive = pack_workspace(self.root)
            key = hashlib.sha256(
                archive + self.today_iso.encode() + self.options_json.encode()
            ).hexdigest()
            [shipped] = client.scatter([archive], broadcast=True, hash=False)
            futures = {}
            for item in items:
                future = client.submit(
                    render_on_worker,
                    shipped,
                    key,
                    self.today_iso,
                    self.options_json,
                    item,
                    pure=False,
                    retries=1,
                )
                futures[future.key] = (future, item)
            with client.as_current():  # as_completed looks for the current client
                for future in as_completed([f for f, _ in futures.values()]):
                    _, item = futures.pop(future.key)
                    try:
                        result: WorkResult = future.result()
                    except Exception as exc:
                        result = failure(
                            item.job,
                            item.input_hash,
                            f"Dask worker error: {type(exc).__name__}: {exc}",
                        )
                    future.release()
                    yield result
        finally:
            client.close()
