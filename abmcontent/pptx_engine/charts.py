"""Fill native charts with categories and series from the data.

A chart whose alt text or name is ``chart: case.results_chart`` receives the value::

    {"categories": ["Q1", "Q2"], "series": [{"name": "Revenue", "values": [1.5, 2.0]}]}

The chart XML is rewritten with python-pptx's series rewriter (series formatting is kept, extra
series are cloned from the last one), and the embedded workbook is replaced by a small one
written here with the exact layout python-pptx's references point at (categories in column A
from row 2, one column per series with its name in row 1), so "Edit Data" in PowerPoint shows
the same numbers. Only category charts (bar, column, line, pie, area, radar, ...) are supported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, cast
from xml.sax.saxutils import escape

from lxml import etree  # type: ignore[import-untyped,unused-ignore]
from pptx.chart.chart import Chart as _Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import SeriesXmlRewriterFactory as _RewriterFactory
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml as pptx_parse_xml

from abmcontent.spreadsheet_cells import looks_like_formula

from .model import strip_illegal
from .package import make_entry, write_zip

_XY_TYPES = {
    XL_CHART_TYPE.BUBBLE,
    XL_CHART_TYPE.BUBBLE_THREE_D_EFFECT,
    XL_CHART_TYPE.XY_SCATTER,
    XL_CHART_TYPE.XY_SCATTER_LINES,
    XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS,
    XL_CHART_TYPE.XY_SCATTER_SMOOTH,
    XL_CHART_TYPE.XY_SCATTER_SMOOTH_NO_MARKERS,
}


# python-pptx's chart internals are unannotated; call them through Any.
_NewChartData: Any = CategoryChartData
Chart: Any = _Chart
SeriesXmlRewriterFactory: Any = _RewriterFactory


class ChartProblem(ValueError):
    """The chart value or the chart cannot be used; the message says why."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def chart_data_from(value: object) -> CategoryChartData:
    """Validate a chart value and build python-pptx chart data from it.

    Args:
        value: ``{"categories": [...], "series": [{"name": str, "values": [numbers]}]}``.

    Returns:
        The chart data.

    Raises:
        ChartProblem: the value does not have that shape.
    """
    if not isinstance(value, Mapping):
        raise ChartProblem(f"chart value must be a mapping, got {type(value).__name__}")
    categories = value.get("categories")
    series = value.get("series")
    if not isinstance(categories, Sequence) or isinstance(categories, str) or not categories:
        raise ChartProblem("chart value needs a non-empty list 'categories'")
    if not isinstance(series, Sequence) or isinstance(series, str) or not series:
        raise ChartProblem("chart value needs a non-empty list 'series'")
    for cat in categories:
        if not isinstance(cat, str) and not _is_number(cat):
            raise ChartProblem(f"chart category {cat!r} is not a string or number")
    data: CategoryChartData = _NewChartData()
    # text a .pptx cannot hold is dropped, as in slide text
    data.categories = [strip_illegal(c) if isinstance(c, str) else c for c in categories]
    for index, item in enumerate(series):
        if not isinstance(item, Mapping):
            raise ChartProblem(f"chart series {index + 1} must be a mapping")
        name = item.get("name")
        values = item.get("values")
        if not isinstance(name, str):
            raise ChartProblem(f"chart series {index + 1} needs a string 'name'")
        if not isinstance(values, Sequence) or isinstance(values, str):
            raise ChartProblem(f"chart series {name!r} needs a list 'values'")
        if len(values) != len(categories):
            raise ChartProblem(
                f"chart series {name!r} has {len(values)} values for {len(categories)} categories"
            )
        for v in values:
            if v is not None and not _is_number(v):
                raise ChartProblem(f"chart series {name!r} has a non-numeric value {v!r}")
        data.add_series(strip_illegal(name), list(values))  # type: ignore[no-untyped-call,unused-ignore]
    return data


def rewrite_chart_xml(chart_xml: bytes, data: CategoryChartData) -> bytes:
    """Replace the series data in a chart part.

    Args:
        chart_xml: the chart part's XML.
        data: the new data.

    Returns:
        The new chart part XML.

    Raises:
        ChartProblem: the chart is not a category chart.
    """
    chart_space = pptx_parse_xml(chart_xml)
    chart = Chart(chart_space, None)
    try:
        chart_type = chart.chart_type
    except (NotImplementedError, IndexError, KeyError) as exc:
        raise ChartProblem(f"unsupported chart type ({exc})") from None
    if chart_type in _XY_TYPES:
        raise ChartProblem("only category charts (bar, column, line, pie ...) can be filled")
    SeriesXmlRewriterFactory(chart_type, data).replace_series_data(chart_space)
    return cast(bytes, etree.tostring(chart_space, encoding="UTF-8", standalone=True))


def _col(index: int) -> str:
    """Return the column letters of a 1-based column number."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell(ref: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = escape(value)
        style = ' s="1"' if looks_like_formula(value) else ""  # quote prefix: stays text
        return (
            f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        )
    return f'<c r="{ref}"><v>{value!r}</v></c>'


_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def workbook_bytes(categories: Sequence[Any], series: Sequence[tuple[str, Sequence[Any]]]) -> bytes:
    """Write the embedded workbook for a category chart.

    Args:
        categories: category labels (column A from row 2).
        series: ``(name, values)`` per series (columns B, C, ...; name in row 1).

    Returns:
        The .xlsx bytes.
    """
    rows: list[str] = []
    header = "".join(_cell(f"{_col(j + 2)}1", name) for j, (name, _v) in enumerate(series))
    rows.append(f'<row r="1">{header}</row>')
    for i, cat in enumerate(categories):
        r = i + 2
        cells = [_cell(f"A{r}", cat)]
        cells.extend(_cell(f"{_col(j + 2)}{r}", values[i]) for j, (_n, values) in enumerate(series))
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    members = [
        ("[Content_Types].xml", _CT),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/workbook.xml", _WORKBOOK),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/styles.xml", _STYLES),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    return write_zip([(name, make_entry(text.encode("utf-8"), level=1)) for name, text in members])


def workbook_for(value: Mapping[str, Any]) -> bytes:
    """Write the embedded workbook for a validated chart value.

    Args:
        value: a value accepted by :func:`chart_data_from`.

    Returns:
        The .xlsx bytes.
    """
    series = [(strip_illegal(str(s["name"])), list(s["values"])) for s in value["series"]]
    categories = [strip_illegal(c) if isinstance(c, str) else c for c in value["categories"]]
    return workbook_bytes(categories, series)
