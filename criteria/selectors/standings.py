"""Where communes stood at the end of any period: a month, a quarter, a year.

"Where a commune stands at the end of a period" is its assessment that would have been current
then: the latest period before the period's end, the province's appraisal before the commune's
self-assessment, the later entry of two alike (the order of criteria.services.storage). History
is never overwritten, so a past period reads the same whenever it is read again.

A period is given by its end as an exclusive bound: the first day after it (1/1/2026 for the
year 2025, 1/10/2026 for the third quarter of 2026, 1/12/2026 for November 2026).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lead

from communes.models import Commune, Province
from criteria.models import Assessment, StandingChange
from criteria.selectors.sets import set_sizes_on

AVERAGE_PLACES = Decimal("0.01")  # one format for every average of criteria met


def stage_rank() -> Case:
    """The province's appraisal (1) outranks the commune's self-assessment (0) in a period."""
    return Case(
        When(stage=Assessment.Stage.APPRAISED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def assessment_current_before(end: dt.date) -> Subquery:
    """The id of the commune's (``OuterRef("pk")``) assessment current just before ``end``."""
    latest = (
        Assessment.objects.filter(commune=OuterRef("pk"), period__lt=end)
        .annotate(stage_rank=stage_rank())
        .order_by("-period", "-stage_rank", "-created_at", "-id")
        .values("pk")[:1]
    )
    return Subquery(latest)


def average_met(total_met: int, assessed: int) -> Decimal | None:
    """Criteria met per assessed commune, to two decimals (None when none is assessed)."""
    if not assessed:
        return None
    return (Decimal(total_met) / assessed).quantize(AVERAGE_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class StandingCount:
    """Communes assessed, at the standard (19/19) and their criteria met, at a period's end."""

    assessed: int = 0
    at_standard: int = 0
    criteria_met: int = 0
    comparable: int | None = None  # assessed by the set in force, when it is known

    @property
    def average_met(self) -> Decimal | None:
        """``criteria_met`` counts only the scores of the set in force, when it is known."""
        return average_met(
            self.criteria_met, self.assessed if self.comparable is None else self.comparable
        )

    def __add__(self, other: StandingCount) -> StandingCount:
        comparable = None
        if self.comparable is not None or other.comparable is not None:
            comparable = (self.comparable or 0) + (other.comparable or 0)
        return StandingCount(
            self.assessed + other.assessed,
            self.at_standard + other.at_standard,
            self.criteria_met + other.criteria_met,
            comparable,
        )


def standing_counts(
    *, communes: QuerySet[Commune], ends: Sequence[dt.date], group_by: str | None = None
) -> dict[tuple[object, dt.date], StandingCount]:
    """{(group, end): StandingCount} for each period end, grouped by a commune field
    (``"district_id"``, ``"commune_group"``, ``"province_id"``) or not at all (group None).

    One query, whatever the number of communes, assessments or ends: a window over each
    commune's assessments gives each one the period of the next (``LEAD``); an assessment is
    the standing at ``end`` when its period is before ``end`` and the next one's is not. Of two
    entries for the same period only the one ranked last has a later "next", so no DISTINCT
    is needed. Groups or ends without an assessed commune are absent (read them as zero).
    """
    if not ends:
        return {}
    inner_sql, inner_params = _ranked(communes, max(ends), group_by).query.sql_with_params()
    # The ends as a derived table (UNION ALL: SQLite names no VALUES columns); each row of
    # history joins the ends it is the standing at (one, mostly), then a plain GROUP BY.
    ends_sql = " UNION ALL ".join(["SELECT %s AS idx, %s AS end_date"] * len(ends))
    ends_params = [
        value
        for index, end in enumerate(ends)
        for value in (index, connection.ops.adapt_datefield_value(end))
    ]
    sql = (
        "SELECT t.grp, e.idx, COUNT(*), "  # noqa: S608 -- built from fixed parts only
        "SUM(CASE WHEN t.meets_standard THEN 1 ELSE 0 END), SUM(t.criteria_met) "
        f"FROM ({inner_sql}) t INNER JOIN ({ends_sql}) e "
        "ON t.period < e.end_date AND (t.next_period IS NULL OR t.next_period >= e.end_date) "
        "GROUP BY t.grp, e.idx"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *ends_params])
        rows = cursor.fetchall()
    return {
        (group, ends[index]): StandingCount(int(assessed), int(standard or 0), int(met or 0))
        for group, index, assessed, standard, met in rows
    }


def _ranked(communes: QuerySet[Commune], before: dt.date, group_by: str | None) -> QuerySet:
    order = [F("period").asc(), stage_rank().asc(), F("created_at").asc(), F("id").asc()]
    group = F(f"commune__{group_by}") if group_by else Value(None, output_field=IntegerField())
    return (
        Assessment.objects.filter(commune__in=communes.order_by().values("pk"), period__lt=before)
        .order_by()
        .annotate(
            grp=group,
            next_period=Window(Lead("period"), partition_by=[F("commune_id")], order_by=order),
        )
        .values("grp", "period", "next_period", "criteria_met", "meets_standard")
    )


GROUP_COLUMNS = {
    "district_id": "district_key",
    "commune_group": "commune_group",
    "province_id": "province_id",
}


def province_standings(
    *,
    province: Province | None,
    ends: Sequence[dt.date],
    group_by: str,
    sizes: dict[dt.date, int] | None = None,
) -> dict[tuple[object, dt.date], StandingCount]:
    """What ``standing_counts`` gives for the province's xã (every province's with None)
    grouped by ``"district_id"``, ``"commune_group"`` or ``"province_id"``, read from the
    summary table StandingChange (kept on every assessment write): one query over a few rows
    per group and month, whatever the history's length."""
    column = GROUP_COLUMNS[group_by]
    sums = {}
    for index, end in enumerate(ends):
        before = Q(month__lt=end)
        sums[f"a{index}"] = Sum("assessed", filter=before)
        sums[f"s{index}"] = Sum("at_standard", filter=before)
        sums[f"m{index}"] = Sum("criteria_met", filter=before)
    rows = StandingChange.objects.all()
    if province is not None:
        rows = rows.filter(province=province)
    # Averages add only scores of the set in force on each end's last day (``sizes``: given
    # by a caller that already read them).
    days = [end - dt.timedelta(days=1) for end in ends]
    sizes = sizes if sizes is not None else set_sizes_on(province=province, days=days)
    rows = rows.values(column, "criteria_total").annotate(**sums)
    result: dict[tuple[object, dt.date], StandingCount] = {}
    for row in rows.order_by():
        group = (row[column] or None) if column == "district_key" else row[column]
        for index, end in enumerate(ends):
            if row[f"a{index}"]:
                size = sizes[end - dt.timedelta(days=1)]
                in_set = not size or row["criteria_total"] == size
                count = StandingCount(
                    row[f"a{index}"],
                    row[f"s{index}"] or 0,
                    (row[f"m{index}"] or 0) if in_set else 0,
                    row[f"a{index}"] if in_set else 0,
                )
                result[(group, end)] = result.get((group, end), StandingCount(comparable=0)) + count
    return result
