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
    criteria_total: int = 0  # the set's size: scores of different sets never share an average

    @property
    def rank(self) -> tuple:
        return (self.period, self.stage == APPRAISED, self.created_at, self.id)

    @property
    def appraised_first_rank(self) -> tuple:
        """The office's default rule: an appraisal outranks any self-assessment."""
        return (self.stage == APPRAISED, *self.rank)

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


def changes_by_set(
    entries: Iterable[Entry], *, appraised_first: bool = False
) -> dict[tuple[dt.date, int], tuple[int, int, int]]:
    """{(period, set size): change from that period on}, one commune's entries, under the
    office's rule: with ``appraised_first`` the standing is the best appraisal so far (a later
    self-assessment does not replace it), else the newest period's leader. A standing that moves
    from one set to another leaves the old set's figures and enters the new one's."""
    key = (lambda e: e.appraised_first_rank) if appraised_first else (lambda e: e.rank)
    result: dict[tuple[dt.date, int], tuple[int, int, int]] = {}
    best: Entry | None = None
    for entry in sorted(entries, key=lambda e: (e.period, e.rank)):
        if best is not None and key(entry) < key(best):
            continue
        for sign, standing in ((-1, best), (1, entry)):
            if standing is not None:
                at = (entry.period, standing.criteria_total)
                moved = tuple(
                    a + sign * b
                    for a, b in zip(result.get(at, NOTHING), standing.figures, strict=True)
                )
                result[at] = moved
        best = entry
    return {at: delta for at, delta in result.items() if any(delta)}
