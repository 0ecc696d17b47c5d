"""Campaign progress from real data: criteria gained by communes, support given by agencies.

A commune's standing at the campaign's start is its assessment current at the end of the month
before the start month; at the end, its assessment current at the end of the end month
(criteria.selectors.months, which reads history and never overwrites it). "Criteria gained" is
the criteria met at the end and not at the start; "reached the standard" means it met the
standard at the end and not at the start.

An agency's support is the value of its activities dated inside the campaign's period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from campaigns.models import Campaign
from communes.models import Commune
from criteria.selectors.months import CommuneMonth, criteria_month
from ntm_portal.permissions import PortalUser
from sponsorships.selectors.activities import activity_list


def rural_communes() -> QuerySet[Commune]:
    return Commune.objects.filter(kind=Commune.Kind.XA)


def commune_progress(
    *, campaign: Campaign, communes: QuerySet[Commune] | None = None
) -> dict[int, CommuneMonth]:
    """Commune id → its standing at the start (``before``) and the end (``now``). 6 queries."""
    communes = rural_communes() if communes is None else communes
    at_start = criteria_month(communes=communes, period=campaign.start_date)
    at_end = criteria_month(communes=communes, period=campaign.end_date)
    before = {row.commune_id: row.before for row in at_start.communes}
    return {
        row.commune_id: CommuneMonth(
            commune_id=row.commune_id,
            name=row.name,
            district=row.district,
            now=row.now,
            before=before.get(row.commune_id),
        )
        for row in at_end.communes
    }


@dataclass(frozen=True)
class AgencySupport:
    agency_id: int
    name: str
    activities: int
    amount: int
    dated: tuple[tuple[dt.date, int], ...]  # (date, amount) of each activity, for pledges

    def amount_until(self, day: dt.date) -> int:
        return sum(amount for date, amount in self.dated if date <= day)


def agency_support(*, user: PortalUser, campaign: Campaign) -> dict[int, AgencySupport]:
    """Agency id → its activities in the campaign's period (one query)."""
    rows = (
        activity_list(user=user)
        .filter(date__range=(campaign.start_date, campaign.end_date))
        .order_by()
        .values_list("assignment__agency_id", "assignment__agency__name", "date", "amount")
    )
    grouped: dict[int, list] = {}
    names: dict[int, str] = {}
    for agency_id, name, date, amount in rows:
        grouped.setdefault(agency_id, []).append((date, amount))
        names[agency_id] = name
    return {
        agency_id: AgencySupport(
            agency_id=agency_id,
            name=names[agency_id],
            activities=len(dated),
            amount=sum(amount for _date, amount in dated),
            dated=tuple(dated),
        )
        for agency_id, dated in grouped.items()
    }
