"""Read a CSV export into a header and records that remember their row and line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from abmcontent.crm.issues import RowIssue

_DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class CsvRecord:
    """One data row of an export.

    Attributes:
        row: spreadsheet row number (the header is row 1).
        line: physical line where the record starts.
        cells: header name -> cell text (stripped).
    """

    row: int
    line: int
    cells: dict[str, str]

    def get(self, column: str | None) -> str:
        """Return the stripped cell of ``column``, or ``""`` when there is none."""
        if column is None:
            return ""
        return self.cells.get(column, "")


@dataclass
class CsvTable:
    """The header and the records of one file, and what was wrong with its shape."""

    header: list[str]
    records: list[CsvRecord] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _cells(header: list[str], values: list[str]) -> dict[str, str]:
    """Header -> stripped cell; of two columns with the same header, the first counts."""
    cells: dict[str, str] = {}
    for name, value in zip(header, values, strict=False):
        if name:
            cells.setdefault(name, value.strip())
    return cells


def read_table(text: str, file: str) -> CsvTable:
    """Parse CSV text (comma, tab or semicolon separated; quoted cells may hold newlines).

    Args:
        text: the decoded file.
        file: the name to report problems under.

    Returns:
        The table; rows whose shape is wrong are left out and listed in ``issues``.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    table = CsvTable(header=[])
    previous_line = 0
    row = 0
    try:
        for cells in reader:
            start = previous_line + 1
            previous_line = reader.line_num
            row += 1
            if not table.header:
                if not any(c.strip() for c in cells):
                    row -= 1
                    continue
                table.header = [c.strip() for c in cells]
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(table.header) and any(
                c.strip() for c in cells[len(table.header) :]
            ):
                table.issues.append(
                    RowIssue(
                        file,
                        row,
                        start,
                        "",
                        f"the row has {len(cells)} cells but the header has "
                        f"{len(table.header)} columns (an unquoted comma?)",
                    )
                )
                continue
            padded = [*cells, *([""] * (len(table.header) - len(cells)))]
            table.records.append(
                CsvRecord(
                    row=row,
                    line=start,
                    cells=_cells(table.header, padded),
                )
            )
    except csv.Error as exc:
        table.issues.append(
            RowIssue(file, row + 1, previous_line + 1, "", f"unreadable CSV: {exc}")
        )
    return table
