"""Batch builds: incremental, parallel (a process pool) or distributed (Dask).

The flow of :func:`run_build`: :mod:`~abmcontent.batch.triage` sorts planned jobs into up to
date, stale and failing (without importing a renderer); an executor from
:mod:`~abmcontent.batch.executors` or :mod:`~abmcontent.batch.distributed` renders the stale
ones in long-lived workers (:mod:`~abmcontent.batch.work`), which return bytes;
:mod:`~abmcontent.batch.build` writes them atomically and keeps the manifest;
:mod:`~abmcontent.batch.prune` removes what is no longer planned; and
:mod:`~abmcontent.batch.index_html` writes ``output/index.html`` with thumbnails from
:mod:`~abmcontent.batch.thumbnails`.
"""

from __future__ import annotations

from abmcontent.batch.build import BuildOptions, available_cores, run_build
from abmcontent.batch.prune import Selection

__all__ = ["BuildOptions", "Selection", "available_cores", "run_build"]
