"""A year of sponsorship in a province: totals, totals by month, the agencies that gave most.

Three grouped queries through sponsorships' own selectors (activity_list scopes by user).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from communes.models import Province
from ntm_portal.permissions import PortalUser
from sponsorships.selectors.activities import (
    Summary,
    TotalRow,
    activity_list,
    activity_summary,
    activity_totals,
    year_q,
)

TOP_AGENCIES = 5


@dataclass(frozen=True)
class MonthTotal:
    month: dt.date
    count: int
    amount: int  # đồng


@dataclass(frozen=True)
class SponsorshipYear:
    year: int
    summary: Summary
    months: list[MonthTotal]  # January to December, zeros included
    top_agencies: list[TotalRow]


def sponsorship_year(*, user: PortalUser, province: Province, year: int) -> SponsorshipYear:
    activities = activity_list(user=user).filter(
        year_q(year), assignment__commune__province=province
    )
    by_month = {_month(row.key): row for row in activity_totals(queryset=activities, by="month")}
    months = []
    for number in range(1, 13):
        month = dt.date(year, number, 1)
        row = by_month.get(month)
        months.append(MonthTotal(month, row.count if row else 0, row.amount if row else 0))
    return SponsorshipYear(
        year=year,
        summary=activity_summary(queryset=activities),
        months=months,
        top_agencies=activity_totals(queryset=activities, by="agency")[:TOP_AGENCIES],
    )


def _month(value: object) -> dt.date:
    """TruncMonth gives a date on a DateField (a datetime on some back-ends): the date."""
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]
