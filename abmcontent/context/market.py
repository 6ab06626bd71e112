"""The account's own market in a render context: its rivals and its industry's benchmarks."""

from __future__ import annotations

from typing import Any

from abmcontent.context.localize import text
from abmcontent.formatting import format_money, format_number, format_short_date
from abmcontent.models.common import Locale
from abmcontent.models.profile import Benchmark, Market, Rival

Context = dict[str, Any]


def _figure(value: float, unit: str, locale: Locale) -> str:
    number = format_number(value, locale)
    if unit in ("%", "") or locale == "ja":
        return f"{number}{unit}"
    return f"{number} {unit}"


def _gap(gap: float, unit: str, locale: Locale) -> str:
    """A difference: of two percentages in points (``+3.6ポイント``, ``+3.6 pts``)."""
    if unit == "%":
        number = format_number(gap, locale)
        return f"{number}ポイント" if locale == "ja" else f"{number} pts"
    return _figure(gap, unit, locale)


def _source(source: Any, as_of: Any, locale: Locale) -> Context:
    return {
        "source": text(source, locale),
        "as_of": as_of.isoformat(),
        "as_of_text": format_short_date(as_of, locale),
    }


def _rival(rival: Rival, locale: Locale) -> Context:
    return {
        "name": rival.name,
        "summary": text(rival.summary, locale),
        "revenue": format_money(rival.revenue, locale),
        "share": rival.share,
        "share_text": _figure(rival.share, "%", locale) if rival.share is not None else "",
    } | _source(rival.source, rival.as_of, locale)


def _benchmark(benchmark: Benchmark, locale: Locale) -> Context:
    unit = text(benchmark.unit, locale)
    gap = benchmark.account - benchmark.industry
    ahead = gap >= 0 if benchmark.higher_is_better else gap <= 0
    return {
        "metric": text(benchmark.metric, locale),
        "account": benchmark.account,
        "industry": benchmark.industry,
        "account_text": _figure(benchmark.account, unit, locale),
        "industry_text": _figure(benchmark.industry, unit, locale),
        "gap_text": ("+" if gap > 0 else "") + _gap(gap, unit, locale),
        "ahead": ahead,
        "unit": unit,
    } | _source(benchmark.source, benchmark.as_of, locale)


def _common_source(rows: list[Context]) -> Context | None:
    """The source and date every row shares (printed once under the table), else ``None``."""
    found = {(row["source"], row["as_of"]) for row in rows}
    if len(found) != 1:
        return None
    return {"source": rows[0]["source"], "as_of_text": rows[0]["as_of_text"]}


def market_context(market: Market | None, locale: Locale) -> Context:
    """The ``market`` section: summary, rivals and benchmarks, each fact with its source.

    ``has_rivals`` / ``has_benchmarks`` tell templates which parts have data, so that no
    heading is printed over nothing; ``rivals_source`` / ``benchmarks_source`` hold the
    source all the rows of a table share, so that it is printed once.
    """
    if market is None:
        return {
            "summary": "",
            "rivals": [],
            "benchmarks": [],
            "has_rivals": False,
            "has_benchmarks": False,
            "has_data": False,
        }
    rivals = [_rival(r, locale) for r in market.rivals]
    benchmarks = [_benchmark(b, locale) for b in market.benchmarks]
    return {
        "summary": text(market.summary, locale),
        "rivals": rivals,
        "benchmarks": benchmarks,
        "rivals_source": _common_source(rivals),
        "benchmarks_source": _common_source(benchmarks),
        "has_rivals": bool(rivals),
        "has_benchmarks": bool(benchmarks),
        "has_data": bool(rivals or benchmarks),
    }
