"""The section this app adds to the commune page (registered in SponsorshipsConfig.ready());
the province overview is the dashboards app's. A fixed number of queries, whatever the size.
Context keys start with ``sponsorship_`` so they never shadow the host page's variables."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from communes.models import Commune
from ntm_portal import periods
from ntm_portal.permissions import PortalUser, is_commune_officer
from sponsorships.selectors.activities import (
    activity_list,
    assignment_totals,
)
from sponsorships.selectors.agencies import assignment_list, today
from sponsorships.selectors.monthly_reports import monthly_report_list
from sponsorships.selectors.report_recipients import monthly_reports_without_recipient
from sponsorships.services.report_messages import province_tz

RECENT = 8


def commune_sponsors(*, commune: Commune, user: PortalUser, **_: Any) -> dict[str, Any]:
    """The commune's sponsors, current and past, with totals, and their latest activities."""
    assignments = list(assignment_list(user=user).filter(commune=commune))
    totals = assignment_totals(assignment_ids=[a.pk for a in assignments])
    activities = activity_list(user=user).filter(assignment__commune=commune)
    recent = list(activities[:RECENT]) if assignments else []
    no_recipient = (
        list(monthly_reports_without_recipient(user=user, commune_id=commune.pk))
        if assignments
        else []
    )
    day = today()
    return {
        "sponsorship_commune": commune,
        "sponsorship_rows": [(a, totals.get(a.pk), a.covers(day)) for a in assignments],
        "sponsorship_recent": recent,
        "sponsorship_total_amount": sum(row["amount"] for row in totals.values()),
        "sponsorship_total_count": sum(row["count"] for row in totals.values()),
        "sponsorship_has_sample": any(a.is_sample for a in recent),
        "sponsorship_no_recipient": no_recipient,
        "sponsorship_no_recipient_ids": {report.assignment_id for report in no_recipient},
    }


def commune_month(*, commune: Commune, user: PortalUser, **_: Any) -> dict[str, Any]:
    """This month's monthly reports of the commune's sponsors, for the commune's own officer
    (who may edit them): one click from the commune page, their home (1 query)."""
    if not is_commune_officer(user) or user.commune_id != commune.pk:
        return {"sponsorship_month_shown": False}
    period = periods.current_period(timezone.now(), province_tz())
    reports = list(
        monthly_report_list(user=user).filter(assignment__commune=commune, period=period)
    )
    return {
        "sponsorship_month_shown": True,
        "sponsorship_month_period": period,
        "sponsorship_month_reports": reports,
        "sponsorship_month_commune": commune,
    }
