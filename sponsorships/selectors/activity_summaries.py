"""Activities read from the summary tables kept on write (sponsorships.services.summaries): a
province's year (ActivityYearTotal) and the totals page (ActivityTotal), in a few queries of
the rows shown, whatever the number of activities, communes or agencies. The same figures as
activity_summary / activity_totals over the activities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Cast

from communes.models import Commune, Province
from criteria.models import Criterion
from ntm_portal.permissions import PortalUser, has_portal_role
from ntm_portal.summaries import merge
from sponsorships.models import ActivityTotal, ActivityYearTotal, Agency, SupportActivity
from sponsorships.selectors.activities import ZERO_DAYS, Summary, TotalRow

Grouping = ActivityYearTotal.Grouping
FIGURES = ("count", "amount", "labour_days")


class Ranked(Sequence):
    """The rows of a long grouping (agencies, communes), most money first then by name, each
    slice read alone: the largest rows come from an index on the amount, whatever the number
    of rows; ``size`` is how many there are."""

    def __init__(self, rows: QuerySet, named: type[Model], size: int) -> None:
        name = named.objects.filter(pk=Cast(OuterRef("key"), IntegerField())).values("name")
        self.rows = rows.annotate(label=Subquery(name[:1])).order_by("-amount", "label", "key")
        self.size = size

    def __len__(self) -> int:
        return self.size

    def count(self) -> int:  # Django's Paginator prefers it to len()
        return self.size

    def __iter__(self) -> Iterator[TotalRow]:
        return iter(self[: self.size])

    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = self.rows[index].values_list("key", "label", *FIGURES)
        return [TotalRow(int(key), label or "", *figures) for key, label, *figures in rows]


@dataclass(frozen=True)
class ProvinceYear:
    summary: Summary
    months: dict[int, tuple[int, int]]  # month number: (activities, đồng); busy months only
    agencies: list[TotalRow]  # the ``top`` agencies that gave most


def province_year_activity(
    *, user: PortalUser, province: Province, year: int, top: int
) -> ProvinceYear:
    """Totals, months and the ``top`` agencies of the province's activities dated in ``year``
    (three queries of a few dozen rows)."""
    rows = ActivityYearTotal.objects.filter(province=province, year=year, count__gt=0).order_by()
    if not has_portal_role(user):
        rows = rows.none()
    small = _small_groupings(rows.filter(grouping__in=[Grouping.KIND, Grouping.MONTH]))
    sizes = _sizes(rows)
    agencies = Ranked(rows.filter(grouping=Grouping.AGENCY), Agency, sizes[Grouping.AGENCY])
    months = {int(key): (r[0], r[1]) for key, r in small[Grouping.MONTH].items()}
    return ProvinceYear(_summary(small, sizes), months, list(agencies[:top]))


def _small_groupings(rows: QuerySet) -> dict[str, dict[str, tuple]]:
    """{grouping: {key: (count, amount, labour days)}} of short groupings' rows."""
    result: dict[str, dict[str, tuple]] = {g: {} for g in Grouping}
    for grouping, key, *figures in rows.values_list("grouping", "key", *FIGURES):
        result[grouping][key] = tuple(figures)
    return result


def _sizes(rows: QuerySet) -> dict[str, int]:
    """How many agencies and communes have rows (counted on the index, not read)."""
    long = rows.filter(grouping__in=[Grouping.AGENCY, Grouping.COMMUNE])
    sizes = dict(long.values("grouping").annotate(n=Count("*")).values_list("grouping", "n"))
    return {grouping: sizes.get(grouping, 0) for grouping in (Grouping.AGENCY, Grouping.COMMUNE)}


def _summary(small: dict[str, dict[str, tuple]], sizes: dict[str, int]) -> Summary:
    """Every activity is of one kind: the kinds' rows add up to the totals."""
    kinds = small[Grouping.KIND].values()
    return Summary(
        count=sum(row[0] for row in kinds),
        amount=sum(row[1] for row in kinds),
        labour_days=sum((row[2] for row in kinds), ZERO_DAYS),
        agencies=sizes[Grouping.AGENCY],
        communes=sizes[Grouping.COMMUNE],
    )


# The filters the summary tables answer (by year; a sort does not narrow); any other filter
# groups the activities themselves.
SUMMARY_FILTERS = frozenset({"year", "sort"})


def summary_year(filters: dict[str, Any]) -> tuple[bool, int | None]:
    """(whether the summaries answer these valid filters, the year they ask for)."""
    given = {name for name, value in filters.items() if value not in (None, "", [])}
    return given <= SUMMARY_FILTERS, filters.get("year")


def summary_totals(
    *, user: PortalUser, year: int | None
) -> tuple[Summary, dict[str, Sequence[TotalRow]]]:
    """The totals page over every activity (of ``year``) from ActivityTotal: the same figures
    as activity_summary and activity_totals, in six small queries (the agencies and communes
    are read a slice at a time, as the page shows them)."""
    totals = ActivityTotal.objects.filter(year=year or ActivityTotal.EVERY_YEAR, count__gt=0)
    months = ActivityTotal.objects.filter(grouping=Grouping.MONTH, count__gt=0)
    months = months.filter(year=year) if year else months.exclude(year=ActivityTotal.EVERY_YEAR)
    if not has_portal_role(user):
        totals, months = totals.none(), months.none()
    small = _small_groupings(totals.filter(grouping__in=[Grouping.KIND, Grouping.CRITERION]))
    sizes = _sizes(totals)
    tables = {
        "agency": Ranked(totals.filter(grouping=Grouping.AGENCY), Agency, sizes["agency"]),
        "commune": Ranked(totals.filter(grouping=Grouping.COMMUNE), Commune, sizes["commune"]),
        "kind": _kinds(small[Grouping.KIND]),
        "criterion": _criteria(small[Grouping.CRITERION]),
        "month": _months(months),
    }
    return _summary(small, sizes), tables


def _months(rows: QuerySet[ActivityTotal]) -> list[TotalRow]:
    by_month = sorted(
        (dt.date(year, int(key), 1), figures)
        for year, key, *figures in rows.values_list("year", "key", *FIGURES)
    )
    return [TotalRow(month, "", *figures) for month, figures in by_month]


def _kinds(rows: dict[str, tuple]) -> list[TotalRow]:
    result = [TotalRow(key, SupportActivity.Kind(key).label, *row) for key, row in rows.items()]
    return sorted(result, key=lambda row: (-row.amount, row.key))


def _criteria(rows: dict[str, tuple]) -> list[TotalRow]:
    """Criteria of the same number and name (several sets) are one row, as when grouping the
    activities; those aimed at no criterion last."""
    criteria = Criterion.objects.in_bulk([int(key) for key in rows if key])
    merged: dict[tuple, list] = {}
    for key, figures in rows.items():
        criterion = criteria.get(int(key)) if key else None
        merge(merged, (criterion.number, criterion.name) if criterion else (None, ""), figures)
    ordered = sorted(
        merged.items(), key=lambda item: (item[0][0] is None, item[0][0] or 0, item[0][1])
    )
    return [
        TotalRow(number, f"{number}. {name}" if number is not None else "", n, money, days)
        for (number, name), (n, money, days) in ordered
    ]


# The filters activity_count reads from the summaries.
COUNT_FILTERS = SUMMARY_FILTERS | {"kind"}


def activity_count(*, user: PortalUser, filters: dict[str, Any]) -> int | None:
    """How many activities valid SupportActivityFilterSet ``filters`` match, read from the
    country's kind rows (ActivityTotal: each activity counted once, a handful of rows whatever
    the number of activities); None when another filter than year and kind narrows them.

    Agency and commune are left to a COUNT (an agency's or a commune's activities, through
    the index on their assignments): the summaries stay keyed by an assignment's former agency
    and commune when it is moved."""
    given = {name: value for name, value in filters.items() if value not in (None, "", [])}
    if not set(given) <= COUNT_FILTERS:
        return None
    if not has_portal_role(user):
        return 0
    year = given.get("year", ActivityTotal.EVERY_YEAR)
    rows = ActivityTotal.objects.filter(grouping=Grouping.KIND, year=year)
    if "kind" in given:
        rows = rows.filter(key=given["kind"])
    return rows.aggregate(n=Sum("count"))["n"] or 0
