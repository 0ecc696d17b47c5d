"""Fixtures shared by the monthly report tests (imported by name in each test module).

Report A belongs to assignment A (agency A → commune A), report B to assignment B; both are for
11/2026, due 20/11/2026 23:59:59 local, first reminder on 17/11 08:00 local.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ntm_portal import periods
from sponsorships.models import MonthlyReport
from tests.sponsorships.factories import MonthlyReportFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = dt.date(2026, 11, 1)
DUE_AT = periods.due_at(PERIOD, 20, HCM)
FIRST_REMINDER = dt.datetime(2026, 11, 17, 8, tzinfo=HCM)


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HCM)


def make_report(assignment, **fields) -> MonthlyReport:
    values = {"period": PERIOD, "due_at": DUE_AT, "next_reminder_at": FIRST_REMINDER, **fields}
    return MonthlyReportFactory(assignment=assignment, **values)


@pytest.fixture
def report_a(assignment_a):
    return make_report(assignment_a)


@pytest.fixture
def report_b(assignment_b):
    return make_report(assignment_b)


@pytest.fixture
def submitted_report_a(assignment_a, agency_staff):
    return make_report(
        assignment_a,
        status=MonthlyReport.Status.SUBMITTED,
        submitted_at=local(2026, 11, 19, 10),
        submitted_by=agency_staff,
        next_reminder_at=None,
    )


def snapshot(report: MonthlyReport) -> dict:
    """Every stored field of a report, to assert nothing changed on a refused action."""
    fresh = MonthlyReport.objects.get(pk=report.pk)
    values = {f.attname: getattr(fresh, f.attname) for f in MonthlyReport._meta.concrete_fields}
    values["events"] = list(fresh.events.values_list("action", "reason", "version_number"))
    values["versions"] = list(fresh.versions.values_list("number", "content"))
    values["criteria"] = list(
        fresh.criteria_progress.values_list("criterion_id", "progress", "result")
    )
    return values
