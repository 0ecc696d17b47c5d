"""Many due reports at once, for the outbox tests with real workers (bulk inserts: 1,000
reports in well under a second)."""

from __future__ import annotations

import datetime as dt

from sponsorships.models import Assignment, MonthlyReport
from tests.communes.factories import CommuneFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory
from tests.sponsorships.monthly_report_fixtures import DUE_AT, FIRST_REMINDER, PERIOD, local

# The day after the due date, before the escalation: one "overdue" reminder per report.
OVERDUE_SWEEP = local(2026, 11, 21, 9)


def bulk_reports(count: int, *, username: str = "staff") -> list[int]:
    """``count`` open reports of one agency (one staff member with an address), all owing
    their overdue reminder at OVERDUE_SWEEP; their ids."""
    agency = AgencyFactory()
    UserFactory(username=username, role="agency_staff", agency=agency)
    commune = CommuneFactory()
    assignments = Assignment.objects.bulk_create(
        Assignment(agency=agency, commune=commune, start_date=dt.date(2026, 1, 1))
        for _ in range(count)
    )
    reports = MonthlyReport.objects.bulk_create(
        MonthlyReport(
            assignment=assignment,
            period=PERIOD,
            due_at=DUE_AT,
            next_reminder_at=FIRST_REMINDER,
            # Something to say: an empty report cannot be submitted.
            next_month_plan="Tiếp tục giúp xã theo kế hoạch.",
        )
        for assignment in assignments
    )
    return [report.pk for report in reports]
