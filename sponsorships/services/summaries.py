"""The activity summary tables (ActivityYearTotal per province, ActivityTotal for the country),
kept on every write.

activity_create, activity_update and activity_delete call :func:`activity_summaries_move` in
their transaction with what the activity counted before (None for a new one) and after (None
once deleted). :func:`summaries_rebuild` computes the same rows from scratch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from ntm_portal.summaries import add_deltas, lock_for_rebuild, merge
from sponsorships.models import (
    ActivityTotal,
    ActivityYearTotal,
    SupportActivity,
)

FIGURES = ("count", "amount", "labour_days")
TOTAL_KEYS = ("province", "year", "grouping", "key")
NATION_KEYS = ("year", "grouping", "key")
Grouping = ActivityYearTotal.Grouping
# ActivityYearTotal's groupings and the activity field each is keyed by ("m": the month).
TOTAL_GROUPINGS = {
    Grouping.COMMUNE: "assignment__commune_id",
    Grouping.KIND: "kind",
    Grouping.CRITERION: "target_criteria",
    Grouping.AGENCY: "assignment__agency_id",
    Grouping.MONTH: "m",
}
ZERO_DAYS = Decimal("0")


@dataclass(frozen=True)
class Counted:
    """What one activity adds to the summaries."""

    province_id: int
    agency_id: int
    commune_id: int
    date: dt.date
    amount: int
    labour_days: Decimal
    kind: str = ""
    criteria: tuple[int, ...] = ()

    def total_keys(self) -> list[tuple[str, str]]:
        """(grouping, key) of each ActivityYearTotal row the activity counts in."""
        criteria = [str(pk) for pk in self.criteria] or [""]
        return [
            (Grouping.COMMUNE, str(self.commune_id)),
            (Grouping.KIND, self.kind),
            *((Grouping.CRITERION, key) for key in criteria),
            (Grouping.AGENCY, str(self.agency_id)),
            (Grouping.MONTH, str(self.date.month)),
        ]


def _criteria_of(activity: SupportActivity) -> tuple[int, ...]:
    """The criteria the saved activity aims at (its link rows, not a cache)."""
    if activity.pk is None:
        return ()
    through = SupportActivity.target_criteria.through.objects
    return tuple(
        sorted(
            through.filter(supportactivity_id=activity.pk).values_list("criterion_id", flat=True)
        )
    )


def counted(activity: SupportActivity) -> Counted:
    """The activity's contribution, from its fields as they are now (saved or not) and its
    saved criteria (call after the criteria are set)."""
    assignment = activity.assignment
    return Counted(
        province_id=assignment.commune.province_id,
        agency_id=assignment.agency_id,
        commune_id=assignment.commune_id,
        date=activity.date,
        amount=activity.amount or 0,
        labour_days=activity.labour_days or ZERO_DAYS,
        kind=activity.kind,
        criteria=_criteria_of(activity),
    )


def counted_saved(activity: SupportActivity) -> Counted:
    """The activity's contribution as its saved row has it (read again: the caller's instance
    may already hold the new values)."""
    date, amount, days, kind = SupportActivity.objects.filter(pk=activity.pk).values_list(
        "date", "amount", "labour_days", "kind"
    )[0]
    return Counted(
        activity.assignment.commune.province_id,
        activity.assignment.agency_id,
        activity.assignment.commune_id,
        date,
        amount or 0,
        days or ZERO_DAYS,
        kind,
        _criteria_of(activity),
    )


def activity_summaries_move(*, before: Counted | None, after: Counted | None) -> None:
    """Take ``before`` out of the summaries and add ``after`` (either may be None)."""
    totals: dict[tuple, list] = {}
    nation: dict[tuple, list] = {}
    for sign, item in ((-1, before), (1, after)):
        if item is None:
            continue
        year = item.date.year
        values = [sign, sign * item.amount, sign * item.labour_days]
        for grouping, key in item.total_keys():
            merge(totals, (item.province_id, year, str(grouping), key), values)
            for nation_year in nation_years(grouping, year):
                merge(nation, (nation_year, str(grouping), key), values)
    add_deltas(ActivityYearTotal, keys=TOTAL_KEYS, values=FIGURES, deltas=totals)
    add_deltas(ActivityTotal, keys=NATION_KEYS, values=FIGURES, deltas=nation)


def nation_years(grouping: str, year: int) -> tuple[int, ...]:
    """The ActivityTotal years a row of ``year`` counts in: its own and every year's (a
    month's key is only unique within its year)."""
    return (year,) if grouping == Grouping.MONTH else (year, ActivityTotal.EVERY_YEAR)


@transaction.atomic
def summaries_rebuild() -> None:
    """Empty the activity summaries and compute them again from every activity."""
    lock_for_rebuild(ActivityYearTotal, ActivityTotal)
    ActivityYearTotal.objects.all().delete()
    ActivityTotal.objects.all().delete()
    base = SupportActivity.objects.order_by().annotate(
        y=ExtractYear("date"), m=ExtractMonth("date"), p=F("assignment__commune__province_id")
    )
    _rebuild_year_totals(base)
    _rebuild_nation_totals()


def _rebuild_year_totals(base: QuerySet) -> None:
    for grouping, field in TOTAL_GROUPINGS.items():
        rows = base.values("p", "y", field).annotate(
            n=Count("id"),
            money=Coalesce(Sum("amount"), 0),
            days=Coalesce(Sum("labour_days"), ZERO_DAYS),
        )
        ActivityYearTotal.objects.bulk_create(
            ActivityYearTotal(
                province_id=row["p"],
                year=row["y"],
                grouping=grouping,
                key="" if row[field] is None else str(row[field]),
                count=row["n"],
                amount=row["money"],
                labour_days=row["days"],
            )
            for row in rows
        )


def _rebuild_nation_totals() -> None:
    """ActivityTotal: the provinces' rows added up, per year and over every year."""
    sums = {"n": Sum("count"), "money": Sum("amount"), "days": Sum("labour_days")}
    rows = ActivityYearTotal.objects.order_by().values("year", "grouping", "key").annotate(**sums)
    nation: dict[tuple, list] = {}
    for row in rows:
        for year in nation_years(row["grouping"], row["year"]):
            merge(nation, (year, row["grouping"], row["key"]), [row[k] for k in sums])
    ActivityTotal.objects.bulk_create(
        ActivityTotal(year=year, grouping=grouping, key=key, count=n, amount=money, labour_days=d)
        for (year, grouping, key), (n, money, d) in nation.items()
    )
