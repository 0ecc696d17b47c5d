"""Years and quarters of the dashboards' trends, as pure functions.

A span is labelled for people ("2025", "Q3/2026") and ends at an exclusive bound, the first
day after it, which is how criteria.selectors.standings reads "at the end of a period".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

YEAR, QUARTER = "year", "quarter"
TREND_LENGTH = {YEAR: 5, QUARTER: 8}


@dataclass(frozen=True)
class Span:
    label: str
    start: dt.date
    end: dt.date  # exclusive: the first day after the span
    is_running: bool = False  # the span today falls in: its figures are "so far"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def span_of(day: dt.date, kind: str) -> Span:
    """The year or quarter ``day`` falls in."""
    if kind == YEAR:
        return Span(str(day.year), dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1))
    quarter = quarter_of(day)
    start = dt.date(day.year, 3 * quarter - 2, 1)
    end = dt.date(day.year + 1, 1, 1) if quarter == 4 else dt.date(day.year, 3 * quarter + 1, 1)
    return Span(f"Q{quarter}/{day.year}", start, end)


def spans(today: dt.date, kind: str, count: int | None = None) -> list[Span]:
    """The last ``count`` years or quarters, oldest first, the one ``today`` falls in last."""
    count = count or TREND_LENGTH[kind]
    current = span_of(today, kind)
    result = [Span(current.label, current.start, current.end, is_running=True)]
    for _ in range(count - 1):
        previous = span_of(result[0].start - dt.timedelta(days=1), kind)
        result.insert(0, previous)
    return result


def previous_span(today: dt.date, kind: str) -> Span:
    """The year or quarter before the one ``today`` falls in."""
    return span_of(span_of(today, kind).start - dt.timedelta(days=1), kind)
