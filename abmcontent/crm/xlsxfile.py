"""Read an Excel export (XLSX) into the same table as a CSV export; refuse the old XLS.

The first sheet is read with openpyxl (values, not formulas). Dates become ISO dates and
whole numbers lose Excel's ``.0``; the title lines of a formatted report (one cell each,
above the header) are skipped, and so are its footer lines, as in a CSV export.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from abmcontent.crm.csvfile import CsvTable, build_table

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookError(ValueError):
    """The file is a spreadsheet that cannot be read; the message says what to do."""


def is_workbook(raw: bytes, name: str) -> bool:
    """True when ``raw`` is an Excel file (by its first bytes, or its ``.xls*`` name)."""
    lower = name.lower()
    return raw.startswith((XLSX_MAGIC, XLS_MAGIC)) or lower.endswith((".xlsx", ".xlsm", ".xls"))


def cell_text(value: Any) -> str:
    """The text of one cell as a CSV export would hold it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    header_seen = False
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1].strip():
            cells.pop()
        if not header_seen and sum(1 for c in cells if c.strip()) < 2:
            continue
        header_seen = True
        yield number, cells


def read_workbook(raw: bytes, file: str) -> CsvTable:
    """Read the first sheet of an XLSX export.

    Args:
        raw: the file's bytes.
        file: the name to report problems under.

    Raises:
        WorkbookError: an old binary XLS file, or a file that is not a readable workbook.
    """
    if raw.startswith(XLS_MAGIC):
        raise WorkbookError(
            "an Excel 97-2003 (.xls) workbook cannot be read; export the report as CSV or "
            "save it as .xlsx"
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(
            f"not a readable XLSX workbook ({exc}); export the report as CSV"
        ) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return CsvTable(header=[])
        return build_table(_rows(sheet), file)
    finally:
        book.close()
