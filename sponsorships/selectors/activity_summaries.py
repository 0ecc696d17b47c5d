"""A province's year of activities read from the summary tables kept on write
(sponsorships.services.summaries): three small grouped queries, whatever the number of
activities. The same figures as activity_summary / activity_totals over the year's activities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet, Sum

from communes.models import Commune, Province
from criteria.models import Criterion
from ntm_portal.permissions import PortalUser, has_portal_role
from ntm_portal.summaries import merge
from sponsorships.models import (
    ActivityCommuneYear,
    ActivityMonth,
    ActivityYearTotal,
    SupportActivity,
)
from sponsorships.selectors.activities import ZERO_DAYS, Summary, TotalRow


@dataclass(frozen=True)
class ProvinceYear:
    summary: Summary
    months: dict[int, tuple[int, int]]  # month number: (activities, đồng); busy months only
    agencies: list[TotalRow]  # every agency with an activity, most money first


def province_year_activity(*, user: PortalUser, province: Province, year: int) -> ProvinceYear:
    """Totals, months and agencies of the province's activities dated in ``year``."""
    rows = ActivityMonth.objects.filter(province=province, year=year, count__gt=0).order_by()
    communes = ActivityCommuneYear.objects.filter(province=province, year=year, count__gt=0)
    if not has_portal_role(user):
        rows, communes = rows.none(), communes.none()
    months = {
        month: (count, amount)
        for month, count, amount in rows.values("month")
        .annotate(n=Sum("count"), money=Sum("amount"))
        .values_list("month", "n", "money")
    }
    agencies = _agencies(rows)
    summary = Summary(
        count=sum(row.count for row in agencies),
        amount=sum(row.amount for row in agencies),
        labour_days=sum((row.labour_days for row in agencies), ZERO_DAYS),
        agencies=len(agencies),
        communes=communes.count(),
    )
    return ProvinceYear(summary, months, agencies)


def _agencies(rows: QuerySet[ActivityMonth]) -> list[TotalRow]:
    grouped = (
        rows.values("agency_id", "agency__name")
        .annotate(n=Sum("count"), money=Sum("amount"), days=Sum("labour_days"))
        .order_by(F("money").desc(), "agency__name")
    )
    return [
        TotalRow(
            key=row["agency_id"],
            label=row["agency__name"],
            count=row["n"],
            amount=row["money"],
            labour_days=row["days"] or ZERO_DAYS,
        )
        for row in grouped
    ]


# The filters the summary tables answer (by year; a sort does not narrow); any other filter
# groups the activities themselves.
SUMMARY_FILTERS = frozenset({"year", "sort"})


def summary_year(filters: dict[str, Any]) -> tuple[bool, int | None]:
    """(whether the summaries answer these valid filters, the year they ask for)."""
    given = {name for name, value in filters.items() if value not in (None, "", [])}
    return given <= SUMMARY_FILTERS, filters.get("year")


def summary_totals(
    *, user: PortalUser, year: int | None
) -> tuple[Summary, dict[str, list[TotalRow]]]:
    """The totals page over every activity (of ``year``) from the summary tables: the same
    figures as activity_summary and activity_totals, in a few grouped queries of a few
    thousand rows whatever the number of activities."""
    months = ActivityMonth.objects.filter(count__gt=0).order_by()
    totals = ActivityYearTotal.objects.filter(count__gt=0).order_by()
    if year is not None:
        months, totals = months.filter(year=year), totals.filter(year=year)
    if not has_portal_role(user):
        months, totals = months.none(), totals.none()
    tables = {
        "agency": _agencies(months),
        "commune": _communes(totals),
        "kind": _kinds(totals),
        "criterion": _criteria(totals),
        "month": _months(months),
    }
    agencies = tables["agency"]
    summary = Summary(
        count=sum(row.count for row in agencies),
        amount=sum(row.amount for row in agencies),
        labour_days=sum((row.labour_days for row in agencies), ZERO_DAYS),
        agencies=len(agencies),
        communes=len(tables["commune"]),
    )
    return summary, tables


def _sums(rows: QuerySet, *keys: str) -> QuerySet:
    return (
        rows.values(*keys)
        .annotate(n=Sum("count"), money=Sum("amount"), days=Sum("labour_days"))
        .filter(n__gt=0)
    )


def _row(key: object, label: str, row: dict) -> TotalRow:
    return TotalRow(key, label, row["n"], row["money"], row["days"] or ZERO_DAYS)


def _months(rows: QuerySet[ActivityMonth]) -> list[TotalRow]:
    grouped = _sums(rows, "year", "month").order_by("year", "month")
    return [_row(dt.date(row["year"], row["month"], 1), "", row) for row in grouped]


def _grouped(totals: QuerySet[ActivityYearTotal], grouping: str) -> list[dict]:
    return list(_sums(totals.filter(grouping=grouping), "key"))


def _communes(totals: QuerySet[ActivityYearTotal]) -> list[TotalRow]:
    rows = _grouped(totals, ActivityYearTotal.Grouping.COMMUNE)
    names = dict(
        Commune.objects.filter(pk__in=[int(r["key"]) for r in rows]).values_list("pk", "name")
    )
    result = [_row(int(r["key"]), names.get(int(r["key"]), ""), r) for r in rows]
    return sorted(result, key=lambda row: (-row.amount, row.label))


def _kinds(totals: QuerySet[ActivityYearTotal]) -> list[TotalRow]:
    rows = _grouped(totals, ActivityYearTotal.Grouping.KIND)
    result = [_row(r["key"], SupportActivity.Kind(r["key"]).label, r) for r in rows]
    return sorted(result, key=lambda row: (-row.amount, row.key))


def _criteria(totals: QuerySet[ActivityYearTotal]) -> list[TotalRow]:
    """Criteria of the same number and name (several sets) are one row, as when grouping the
    activities; those aimed at no criterion last."""
    rows = _grouped(totals, ActivityYearTotal.Grouping.CRITERION)
    ids = [int(r["key"]) for r in rows if r["key"]]
    criteria = {c.pk: c for c in Criterion.objects.filter(pk__in=ids)}
    merged: dict[tuple, list] = {}
    for r in rows:
        criterion = criteria.get(int(r["key"])) if r["key"] else None
        key = (criterion.number, criterion.name) if criterion else (None, "")
        merge(merged, key, [r["n"], r["money"], r["days"] or ZERO_DAYS])
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
    """How many activities valid SupportActivityFilterSet ``filters`` match, read from the kind
    rows of the year totals (each activity counted once: a few hundred rows, whatever the
    number of activities); None when another filter than year and kind narrows them.

    Agency and commune are left to a COUNT (an agency's or a commune's activities, through
    the index on their assignments): the summaries stay keyed by an assignment's former agency
    and commune when it is moved."""
    given = {name: value for name, value in filters.items() if value not in (None, "", [])}
    if not set(given) <= COUNT_FILTERS:
        return None
    if not has_portal_role(user):
        return 0
    rows = ActivityYearTotal.objects.filter(grouping=ActivityYearTotal.Grouping.KIND)
    if "kind" in given:
        rows = rows.filter(key=given["kind"])
    if "year" in given:
        rows = rows.filter(year=given["year"])
    return rows.aggregate(n=Sum("count"))["n"] or 0
