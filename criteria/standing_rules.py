"""Where a commune stands over time, as changes per month: pure functions over plain rows.

A commune's standing at the end of a period (exclusive bound ``end``) is its assessment ranked
last among those with ``period < end`` (criteria.selectors.standings). Over time that is a step
function that moves only at the periods where the commune has an assessment: at each such
period it becomes that period's leader. Stored as changes (the new leader's figures minus the
previous leader's), the standing at ``end`` is the sum of the changes of the months before it,
and a new assessment alters the changes at its own period and at the next one only.

The migration that creates the table imports this module: keep it free of models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

APPRAISED = "appraised"


@dataclass(frozen=True)
class Entry:
    """An assessment as the standings rank and count it."""

    period: dt.date
    stage: str
    created_at: dt.datetime
    id: int
    meets_standard: bool
    criteria_met: int

    @property
    def rank(self) -> tuple:
        return (self.period, self.stage == APPRAISED, self.created_at, self.id)

    @property
    def figures(self) -> tuple[int, int, int]:
        """(assessed, at the standard, criteria met) this standing contributes."""
        return 1, int(self.meets_standard), self.criteria_met


NOTHING = (0, 0, 0)


def changes(entries: Iterable[Entry]) -> dict[dt.date, tuple[int, int, int]]:
    """{period: change of the commune's figures from that period on}, one commune's entries."""
    leaders: dict[dt.date, Entry] = {}
    for entry in entries:
        leader = leaders.get(entry.period)
        if leader is None or entry.rank > leader.rank:
            leaders[entry.period] = entry
    result, previous = {}, NOTHING
    for period in sorted(leaders):
        figures = leaders[period].figures
        result[period] = tuple(a - b for a, b in zip(figures, previous, strict=True))
        previous = figures
    return result


def difference(
    before: dict[dt.date, tuple[int, int, int]], after: dict[dt.date, tuple[int, int, int]]
) -> dict[dt.date, tuple[int, int, int]]:
    """``after`` minus ``before``, period by period (the changes a write makes)."""
    return {
        period: tuple(
            a - b
            for a, b in zip(after.get(period, NOTHING), before.get(period, NOTHING), strict=True)
        )
        for period in {*before, *after}
    }
