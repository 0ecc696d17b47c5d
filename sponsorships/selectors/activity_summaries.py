"""A province's year of activities read from the summary tables kept on write
(sponsorships.services.summaries): three small grouped queries, whatever the number of
activities. The same figures as activity_summary / activity_totals over the year's activities.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet, Sum

from communes.models import Province
from ntm_portal.permissions import PortalUser, has_portal_role
from sponsorships.models import ActivityCommuneYear, ActivityMonth
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
