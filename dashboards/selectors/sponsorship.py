"""A year of sponsorship in a province: totals, totals by month, the agencies that gave most.

Read from sponsorships' summary tables (kept in the transaction of every activity write):
three queries of a few dozen rows, whatever the number of activities and agencies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from communes.models import Province
from ntm_portal.permissions import PortalUser
from sponsorships.selectors.activities import Summary, TotalRow
from sponsorships.selectors.activity_summaries import province_year_activity

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
    activity = province_year_activity(user=user, province=province, year=year, top=TOP_AGENCIES)
    months = [
        MonthTotal(dt.date(year, number, 1), *activity.months.get(number, (0, 0)))
        for number in range(1, 13)
    ]
    return SponsorshipYear(
        year=year,
        summary=activity.summary,
        months=months,
        top_agencies=activity.agencies,
    )
