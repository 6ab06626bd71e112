"""Text cells a spreadsheet would run as formulas, kept as text (CSV/formula injection).

A CRM export or a profile can hold text such as ``=HYPERLINK("http://x", "click")``,
``+cmd|' /C calc'!A0``, ``@SUM(A1:A9)`` or ``-2+3``; a CSV or XLSX file that carries it
verbatim makes Excel or LibreOffice evaluate it when the file is opened. The OWASP rule is
applied to every text cell the product writes: one that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or the full-width ``＝ ＋ － ＠`` that Japanese input
methods type) is made plain text. In CSV the cell gets a leading single quote; in XLSX the
cell is a string with the "quote prefix" style, which shows the text unchanged and keeps
it text when edited. Numbers are never touched: only text can be a formula.
"""

from __future__ import annotations

from typing import Any

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would evaluate ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """``value`` as it may go into a CSV cell: formula-like text gets a leading ``'``."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
