"""In which order stale jobs are sent to the workers: the longest first.

A pool that starts the slow jobs (PDF reports) first and keeps the quick ones (Word files,
decks) for the end finishes with both workers busy, instead of one worker idling while the
other renders a last report (longest-processing-time-first scheduling). A job's cost is
what the same kind of document (doc and format) took last time, from the manifest; kinds
never built yet get a rough default per format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from abmcontent.batch.work import WorkItem
from abmcontent.outputs import ManifestEntry

#: milliseconds a document of a format takes when nothing was measured yet
DEFAULT_RENDER_MS = {"pdf": 800.0, "pptx": 60.0, "docx": 15.0}
FALLBACK_RENDER_MS = 100.0


def typical_render_ms(entries: Iterable[ManifestEntry]) -> dict[tuple[str, str], float]:
    """Mean measured render time per (doc, format) over the manifest's entries."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(list)
    for entry in entries:
        if entry.render_ms >= 0:
            totals[(entry.doc, entry.format)].append(entry.render_ms)
    return {kind: sum(values) / len(values) for kind, values in totals.items()}


def longest_first(items: Sequence[WorkItem], entries: Iterable[ManifestEntry]) -> list[WorkItem]:
    """``items`` ordered by expected render time, slowest first (stable among equals)."""
    typical = typical_render_ms(entries)

    def cost(item: WorkItem) -> float:
        kind = (item.job.doc, item.job.format)
        return typical.get(kind, DEFAULT_RENDER_MS.get(item.job.format, FALLBACK_RENDER_MS))

    return sorted(items, key=cost, reverse=True)
