"""Where a build's results land: document files, manifest entries and the report.

Only this writes documents during a build, always atomically. A failed document removes its
file and entry; a document that cannot be written (disk full, read-only folder) keeps the
last good file and entry; a manifest that cannot be saved is reported, never a crash.
"""

from __future__ import annotations

from pathlib import Path

from abmcontent.api import BuildReport
from abmcontent.batch.work import WorkResult
from abmcontent.errors import AbmError, describe_os_error
from abmcontent.layout import OUTPUT_DIR
from abmcontent.outputs import (
    MANIFEST_NAME,
    Manifest,
    ManifestEntry,
    output_root,
    remove_empty_folders,
    remove_output,
    safe_output_path,
    sha256,
    signals_held,
    stat_written,
    write_atomic,
)


class Writer:
    """Stores results: files, manifest entries and the report."""

    def __init__(
        self,
        root: Path,
        manifest: Manifest,
        report: BuildReport,
        one_off: frozenset[str] = frozenset(),
    ) -> None:
        self.root = root
        self.manifest = manifest
        self.report = report
        self.one_off = one_off

    def discard(self, job_output: str, reason: str) -> None:
        """A failed document: no file, no entry, and the reason in the report."""
        try:
            remove_output(safe_output_path(self.root, job_output))
        except (AbmError, OSError) as exc:
            reason = f"{reason}\n(and its old file could not be removed: {exc})"
        self.manifest.forget(job_output)
        self.report.failed[job_output] = reason

    def store(self, result: WorkResult, expected_hash: str) -> str:
        """Write one result; return ``built`` or ``failed``."""
        job = result.job
        if result.pid and result.peak_rss_kib:
            peaks = self.report.worker_peak_rss_kib
            peaks[result.pid] = max(peaks.get(result.pid, 0), result.peak_rss_kib)
        if result.pid and result.cpu_s:
            cpu = self.report.worker_cpu_s
            cpu[result.pid] = max(cpu.get(result.pid, 0.0), result.cpu_s)
        if not result.ok or result.data is None:
            self.discard(job.output, result.error or "no document was returned")
            return "failed"
        # the file and its manifest entry go together: a Ctrl+C or SIGTERM lands after both
        with signals_held():
            try:
                target = safe_output_path(self.root, job.output)
                write_atomic(target, result.data)
                size, mtime_ns = stat_written(target)
            except (AbmError, OSError) as exc:
                # an I/O failure (disk full, read-only folder) keeps the last good file and its
                # manifest entry: its inputs differ, so the next build tries again
                self.report.failed[job.output] = (
                    f"cannot write the document: {exc} (the previous version, if any, is kept)")
                return "failed"
            self.manifest.record(
                ManifestEntry(
                    account=job.account,
                    doc=job.doc,
                    audience=job.audience.id,
                    format=job.format,
                    path=job.output,
                    sha256=sha256(result.data),
                    input_hash=result.input_hash,
                    warnings=list(result.warnings),
                    sources=list(result.sources),
                    size=size,
                    mtime_ns=mtime_ns,
                    render_ms=result.render_ms,
                    one_off=job.output in self.one_off,
                    source_hashes=dict(result.source_hashes),
                    stories=list(result.stories),
                )
            )
        if result.warnings:
            self.report.warnings[job.output] = list(result.warnings)
        if expected_hash and result.input_hash != expected_hash:
            self.report.changed_inputs.append(job.output)
        self.report.built.append(job.output)
        return "built"

    def prune(self, entries: list[ManifestEntry]) -> None:
        """Delete documents that are no longer planned, and their empty folders."""
        out = output_root(self.root)
        for entry in entries:
            try:
                target = safe_output_path(self.root, entry.path)
            except AbmError:
                self.manifest.forget(entry.path)
                continue  # a tampered manifest never makes us delete outside output/
            try:
                remove_output(target)
            except OSError as exc:  # kept, with its entry: the next build tries again
                self.report.failed[entry.path] = (
                    f"cannot delete this document, no longer planned: {describe_os_error(exc)}")
                continue
            self.manifest.forget(entry.path)
            remove_empty_folders(target.parent, out)
            self.report.pruned.append(entry.path)

    def save_manifest(self) -> None:
        """Save the manifest if it changed; a failure (read-only, disk full) is reported."""
        try:
            self.manifest.save_if_changed()
        except OSError as exc:
            self.report.failed[f"{OUTPUT_DIR}/{MANIFEST_NAME}"] = (
                f"cannot save the manifest: {describe_os_error(exc)} (the documents of this "
                "build are checked again by the next one)")
