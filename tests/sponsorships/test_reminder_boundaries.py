# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""The edges of the reminder cadence and the deadline, each pinned by a test that fails when the
edge moves (found by mutation testing: these changes once survived the whole suite).

Written against what an agency or the office sees: which e-mails the hourly sweep (the beat
task) sends at which local moment, what the opening service stores, and how a submission at
the due moment is marked; not against the sweep's internals.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from ntm_portal import periods
from sponsorships.models import MonthlyReport
from sponsorships.selectors.report_completeness import completeness_totals
from sponsorships.services import monthly_reports as services
from sponsorships.tasks import monthly_report_reminders_send_due_task
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    HCM,
    PERIOD,
    local,
    report_a,
)

pytestmark = pytest.mark.django_db
BEFORE_DUE_LEAD = "Vui lòng hoàn thành và gửi trước hạn"
DUE_DAY_LEAD = "Hôm nay, 20/11/2026, là hạn gửi báo cáo"


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run the hourly beat task at ``now``; returns the e-mails it sent, by who receives them."""

    def run(now: dt.datetime, *, agency: str, office: str) -> tuple[list, list]:
        sent_before = len(mail.outbox)
        with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
            monthly_report_reminders_send_due_task(now=now.isoformat())
        new = mail.outbox[sent_before:]
        return (
            [email for email in new if agency in email.to],
            [email for email in new if office in email.to],
        )

    return run


# --- Before due: MONTHLY_REPORT_REMIND_DAYS_BEFORE --------------------------------------------


@pytest.mark.parametrize(("days_before", "reminder_day"), [(1, 19), (3, 17)])
def test_the_before_due_reminder_goes_out_that_many_days_before_at_eight(
    settings, assignment_a, agency_staff, coordination_office, sweep, days_before, reminder_day
):
    # given: the report opened with the setting in force
    settings.MONTHLY_REPORT_REMIND_DAYS_BEFORE = days_before
    services.monthly_reports_open(period=PERIOD)
    report = MonthlyReport.objects.get()
    assert report.next_reminder_at == local(2026, 11, reminder_day, 8)
    people = {"agency": agency_staff.email, "office": coordination_office.email}
    # when / then: nothing a minute before, the before-due reminder at 08:00
    assert sweep(local(2026, 11, reminder_day, 7, 59), **people) == ([], [])
    to_agency, to_office = sweep(local(2026, 11, reminder_day, 8), **people)
    assert [BEFORE_DUE_LEAD in email.body for email in to_agency] == [True]
    assert to_office == []


def test_with_no_days_before_the_first_reminder_is_on_the_due_day(
    settings, assignment_a, agency_staff, coordination_office, sweep
):
    settings.MONTHLY_REPORT_REMIND_DAYS_BEFORE = 0
    services.monthly_reports_open(period=PERIOD)
    people = {"agency": agency_staff.email, "office": coordination_office.email}

    assert sweep(local(2026, 11, 19, 8), **people) == ([], [])
    to_agency, _to_office = sweep(local(2026, 11, 20, 8), **people)

    assert [DUE_DAY_LEAD in email.body for email in to_agency] == [True]


# --- Escalation to the office: MONTHLY_REPORT_ESCALATE_DAYS_AFTER -----------------------------


@pytest.mark.parametrize(
    ("days_after", "escalation_day"),
    [
        (1, 21),  # the day after the due date, with the overdue reminder
        (0, 21),  # never before the overdue reminder: still the day after
        (5, 25),
    ],
)
def test_the_escalation_reaches_the_office_on_its_day_at_eight_not_before(
    settings, report_a, agency_staff, coordination_office, sweep, days_after, escalation_day
):
    settings.MONTHLY_REPORT_ESCALATE_DAYS_AFTER = days_after
    people = {"agency": agency_staff.email, "office": coordination_office.email}

    _to_agency, early = sweep(local(2026, 11, escalation_day, 7, 59), **people)
    _to_agency, on_time = sweep(local(2026, 11, escalation_day, 8), **people)

    assert early == []
    assert len(on_time) == 1
    assert agency_staff.email not in on_time[0].to


# --- The due moment: the end of the local due day ---------------------------------------------


def test_a_report_sent_at_the_due_moment_is_on_time_and_a_microsecond_later_is_late(
    assignment_a, assignment_b, agency_staff, other_agency_staff
):
    # given: reports opened by the service, due at the end of 20/11 local
    services.monthly_reports_open(period=PERIOD)
    due = local(2026, 11, 20, 23, 59, 59, 999999)
    on_time = MonthlyReport.objects.get(assignment=assignment_a)
    late = MonthlyReport.objects.get(assignment=assignment_b)
    assert (on_time.due_at, late.due_at) == (due, due)
    # Something to say: an empty report cannot be submitted.
    MonthlyReport.objects.update(next_month_plan="Tiếp tục giúp xã theo kế hoạch.")
    on_time.refresh_from_db()
    late.refresh_from_db()
    # when
    services.monthly_report_submit(report=on_time, actor=agency_staff, now=due)
    services.monthly_report_submit(
        report=late, actor=other_agency_staff, now=due + dt.timedelta(microseconds=1)
    )
    # then
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert (on_time.is_late, late.is_late) == (False, True)
    totals = completeness_totals(period=PERIOD)
    assert (totals.on_time, totals.late) == (1, 1)


# --- Deadlines in the zone passed in, not the server's (Asia/Ho_Chi_Minh) ---------------------

NEW_YORK = ZoneInfo("America/New_York")  # UTC-4 from 8 March 2026 (daylight saving time)


@pytest.mark.parametrize(
    ("zone", "expected_utc"),
    [
        ("America/New_York", dt.datetime(2026, 3, 21, 3, 59, 59, 999999, tzinfo=dt.UTC)),
        ("Europe/London", dt.datetime(2026, 3, 20, 23, 59, 59, 999999, tzinfo=dt.UTC)),
        ("Pacific/Kiritimati", dt.datetime(2026, 3, 20, 9, 59, 59, 999999, tzinfo=dt.UTC)),
        ("Asia/Ho_Chi_Minh", dt.datetime(2026, 3, 20, 16, 59, 59, 999999, tzinfo=dt.UTC)),
    ],
)
def test_the_due_moment_is_the_end_of_the_due_day_in_the_zone_passed_in(zone, expected_utc):
    due = periods.due_at(dt.date(2026, 3, 1), 20, ZoneInfo(zone))

    assert due == expected_utc
    assert due.utcoffset() == dt.timedelta(0)


def test_reminder_moments_are_eight_oclock_in_the_zone_passed_in():
    policy = periods.ReminderPolicy(remind_days_before=3, escalate_days_after=5)
    due_day = dt.date(2026, 3, 20)
    eight_in_new_york = dt.datetime(2026, 3, 17, 8, tzinfo=NEW_YORK)  # 12:00 UTC

    assert periods.first_reminder_at(due_day, NEW_YORK, policy) == eight_in_new_york
    assert periods.first_reminder_at(due_day, NEW_YORK, policy).utcoffset() == dt.timedelta(0)
    before = eight_in_new_york - dt.timedelta(minutes=1)
    assert periods.reminder_stages_due(due_day, before, NEW_YORK, policy) == []
    assert periods.reminder_stages_due(due_day, eight_in_new_york, NEW_YORK, policy) == [
        periods.STAGE_BEFORE_DUE
    ]
    assert periods.next_reminder_at(due_day, before, NEW_YORK, policy) == eight_in_new_york


def test_the_local_date_and_period_follow_the_zone_passed_in():
    # 23:30 on 31 March in New York is already 1 April in Hanoi and in UTC
    moment = dt.datetime(2026, 3, 31, 23, 30, tzinfo=NEW_YORK)

    assert periods.local_date(moment, NEW_YORK) == dt.date(2026, 3, 31)
    assert periods.current_period(moment, NEW_YORK) == dt.date(2026, 3, 1)
    assert periods.current_period(moment, HCM) == dt.date(2026, 4, 1)
