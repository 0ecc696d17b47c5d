"""Where the communes stood at the end of a month, and what changed since the month before:
the criteria part of the province's monthly report.

"Where a commune stands at the end of month M" is its assessment that would have been current
then (criteria.selectors.standings, which does it for any period). History is never
overwritten, so any past month can be read again and reads the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Subquery

from communes.models import Commune
from criteria.models import Assessment, CriterionResult, Result
from criteria.selectors.standings import assessment_current_before
from ntm_portal import periods


@dataclass(frozen=True)
class Standing:
    """One commune's assessment that was current at the end of a month."""

    met: int
    total: int
    meets_standard: bool
    met_criteria: frozenset[str]  # criterion codes


@dataclass(frozen=True)
class CommuneMonth:
    commune_id: int
    name: str
    district: str
    now: Standing | None
    before: Standing | None

    @property
    def gained(self) -> list[str]:
        return sorted(self._codes(self.now) - self._codes(self.before), key=_code_order)

    @property
    def lost(self) -> list[str]:
        return sorted(self._codes(self.before) - self._codes(self.now), key=_code_order)

    @property
    def reached_standard(self) -> bool:
        return bool(self.now and self.now.meets_standard) and not (
            self.before and self.before.meets_standard
        )

    @property
    def lost_standard(self) -> bool:
        return bool(self.before and self.before.meets_standard) and not (
            self.now and self.now.meets_standard
        )

    @staticmethod
    def _codes(standing: Standing | None) -> frozenset[str]:
        return standing.met_criteria if standing else frozenset()


@dataclass(frozen=True)
class CriteriaMonth:
    period: dt.date
    previous_period: dt.date
    communes: list[CommuneMonth] = field(default_factory=list)

    @property
    def assessed(self) -> list[CommuneMonth]:
        return [c for c in self.communes if c.now]

    @property
    def at_standard(self) -> int:
        return sum(1 for c in self.communes if c.now and c.now.meets_standard)

    @property
    def at_standard_before(self) -> int:
        return sum(1 for c in self.communes if c.before and c.before.meets_standard)

    @property
    def average_met(self) -> Decimal | None:
        return _average([c.now for c in self.communes if c.now])

    @property
    def average_met_before(self) -> Decimal | None:
        return _average([c.before for c in self.communes if c.before])

    @property
    def criteria_gained(self) -> int:
        return sum(len(c.gained) for c in self.communes)

    @property
    def criteria_lost(self) -> int:
        return sum(len(c.lost) for c in self.communes)

    @property
    def reached_standard(self) -> list[CommuneMonth]:
        return [c for c in self.communes if c.reached_standard]

    @property
    def lost_standard(self) -> list[CommuneMonth]:
        return [c for c in self.communes if c.lost_standard]

    def distribution(self) -> list[tuple[int, int]]:
        """(criteria met, communes) from 0 to the largest total, every count present."""
        counts = Counter(c.now.met for c in self.assessed)
        top = max((c.now.total for c in self.assessed), default=0)
        return [(met, counts.get(met, 0)) for met in range(top + 1)]


def criteria_month(*, communes: QuerySet[Commune], period: dt.date) -> CriteriaMonth:
    """The month ``period`` against the month before, for ``communes`` (already scoped).

    3 queries, whatever the number of communes or of assessments in their history.
    """
    period = periods.period_start(period)
    previous = periods.add_months(period, -1)
    rows = list(
        communes.annotate(
            now_id=_standing_id(period), before_id=_standing_id(previous)
        ).values_list("pk", "name", "district__name", "now_id", "before_id")
    )
    standings = _standings({r[3] for r in rows} | {r[4] for r in rows})
    return CriteriaMonth(
        period=period,
        previous_period=previous,
        communes=[
            CommuneMonth(
                commune_id=pk,
                name=name,
                district=district or "",
                now=standings.get(now_id),
                before=standings.get(before_id),
            )
            for pk, name, district, now_id, before_id in rows
        ],
    )


def _standing_id(period: dt.date) -> Subquery:
    """The assessment current at the end of the month ``period``."""
    return assessment_current_before(periods.add_months(period, 1))


def _standings(assessment_ids: set[int | None]) -> dict[int, Standing]:
    ids = [pk for pk in assessment_ids if pk is not None]
    met_codes: dict[int, set[str]] = {pk: set() for pk in ids}
    for assessment_id, code in CriterionResult.objects.filter(
        assessment_id__in=ids, result=Result.MET
    ).values_list("assessment_id", "criterion__code"):
        met_codes[assessment_id].add(code)
    return {
        pk: Standing(
            met=met, total=total, meets_standard=standard, met_criteria=frozenset(met_codes[pk])
        )
        for pk, met, total, standard in Assessment.objects.filter(pk__in=ids).values_list(
            "pk", "criteria_met", "criteria_total", "meets_standard"
        )
    }


def _average(standings: list[Standing]) -> Decimal | None:
    if not standings:
        return None
    return (Decimal(sum(s.met for s in standings)) / len(standings)).quantize(Decimal("0.1"))


def _code_order(code: str) -> tuple[int, str]:
    """Criterion codes in their natural order ("2" before "10")."""
    head = "".join(ch for ch in code if ch.isdigit())
    return (int(head) if head else 0, code)
