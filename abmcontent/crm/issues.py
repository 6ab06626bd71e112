"""Row-level problems of an import: which file, row and column, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowIssue:
    """One problem with a row (or a whole file) of an export.

    Attributes:
        file: the export file, as given on the command line.
        row: spreadsheet row number (the header is row 1), or ``None`` for the whole file.
        line: physical line where the row starts (differs from ``row`` when cells hold
            newlines), or ``None``.
        column: the column header concerned, or ``""``.
        reason: what is wrong, in words a user understands.
        severity: ``"error"`` (the row or cell was not imported) or ``"warning"``.
    """

    file: str
    row: int | None
    line: int | None
    column: str
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        prefix = "warning: " if self.severity == "warning" else ""
        at = f" {', '.join(parts)}:" if parts else ""
        return f"{where}:{at} {prefix}{self.reason}"
