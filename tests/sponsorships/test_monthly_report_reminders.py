# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Reminders: the sweep, the per-report send, "remind now", and never twice."""

import threading
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.services import monthly_reports as services
from sponsorships.services import reminders
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    local,
    make_report,
    report_a,
    report_b,
)

pytestmark = pytest.mark.django_db
BEFORE_DUE = local(2026, 11, 17, 8)


def sweep(capture, now):
    """One sweep at ``now`` (frozen, so the sends run at that moment too)."""
    with time_machine.travel(now, tick=False), capture(execute=True):
        return reminders.monthly_report_reminders_send_due()


def test_the_sweep_sends_the_before_due_reminder_to_the_agency_and_the_commune(
    report_a, agency_staff, commune_officer, django_capture_on_commit_callbacks
):
    # when
    result = sweep(django_capture_on_commit_callbacks, BEFORE_DUE)
    # then
    assert (result.claimed, result.enqueued) == (1, 1)
    [email] = mail.outbox
    assert sorted(email.to) == sorted([agency_staff.email, commune_officer.email])
    assert "Nhắc gửi báo cáo tháng 11/2026" in email.subject
    assert "20/11/2026" in email.body
    assert f"/sponsorships/reports/{report_a.pk}/" in email.body
    assert email.alternatives[0][1] == "text/html"
    log = ReminderLog.objects.get()
    assert (log.report_id, log.stage, log.recipients) == (report_a.pk, "before_due", 2)
    assert log.sent_at is not None
    report_a.refresh_from_db()
    assert (report_a.reminders_sent, report_a.next_reminder_at) == (1, local(2026, 11, 20, 8))
    assert set(Notification.objects.values_list("user", flat=True)) == {
        agency_staff.pk,
        commune_officer.pk,
    }


def test_nothing_is_sent_before_the_first_reminder_moment(
    report_a, agency_staff, django_capture_on_commit_callbacks
):
    sweep(django_capture_on_commit_callbacks, local(2026, 11, 17, 7, 59))
    assert mail.outbox == []
    assert ReminderLog.objects.count() == 0


def test_running_the_sweep_twice_sends_one_email_per_report_and_stage(
    report_a, report_b, agency_staff, other_agency_staff, django_capture_on_commit_callbacks
):
    sweep(django_capture_on_commit_callbacks, BEFORE_DUE)
    sweep(django_capture_on_commit_callbacks, BEFORE_DUE)
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2


def test_a_duplicate_send_task_sends_nothing(
    report_a, agency_staff, django_capture_on_commit_callbacks
):
    outcomes = [
        reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due") for _ in range(2)
    ]
    assert outcomes == [reminders.SENT, reminders.DUPLICATE]
    assert len(mail.outbox) == 1


def test_a_submitted_report_gets_no_reminder(
    report_a, agency_staff, django_capture_on_commit_callbacks
):
    services.monthly_report_submit(report=report_a, actor=agency_staff, now=local(2026, 11, 16))
    sweep(django_capture_on_commit_callbacks, local(2026, 11, 21, 8))
    assert mail.outbox == []


def test_a_report_submitted_after_the_sweep_but_before_the_send_gets_nothing(
    report_a, agency_staff, django_capture_on_commit_callbacks
):
    # given: the sweep has claimed the report and queued its reminder
    with django_capture_on_commit_callbacks(execute=False) as queued:
        reminders.monthly_report_reminders_send_due(now=BEFORE_DUE)
    # when: the agency submits before the worker runs the task
    services.monthly_report_submit(report=report_a, actor=agency_staff, now=BEFORE_DUE)
    [callback() for callback in queued]
    # then
    assert mail.outbox == []
    assert list(ReminderLog.objects.values_list("stage", "outcome")) == [("before_due", "skipped")]


def test_the_whole_cycle_sends_each_stage_once_and_escalates_to_the_office(
    report_a, agency_staff, coordination_office, django_capture_on_commit_callbacks
):
    for day in [17, 18, 20, 20, 21, 22, 25, 26, 30]:
        sweep(django_capture_on_commit_callbacks, local(2026, 11, day, 9))
    assert [m.to for m in mail.outbox] == [[agency_staff.email]] * 3 + [[coordination_office.email]]
    assert list(ReminderLog.objects.values_list("stage", flat=True)) == [
        "before_due",
        "due",
        "overdue",
        "escalation",
    ]
    assert "1 báo cáo tháng quá hạn cần văn phòng" in mail.outbox[3].subject
    assert "Sở Công Thương\n  - Tháng 11/2026, Xã Xuân Lạc: quá hạn 5 ngày" in mail.outbox[3].body
    report_a.refresh_from_db()
    assert (report_a.next_reminder_at, report_a.reminders_sent) == (None, 4)


def test_a_sweep_catching_up_after_downtime_sends_only_the_latest_reminder_and_the_escalation(
    report_a, agency_staff, coordination_office, django_capture_on_commit_callbacks
):
    sweep(django_capture_on_commit_callbacks, local(2026, 11, 27, 9))
    assert sorted(ReminderLog.objects.values_list("stage", flat=True)) == ["escalation", "overdue"]
    assert len(mail.outbox) == 2


def test_reminders_go_only_to_active_users_with_an_address(
    report_a, agency_staff, django_capture_on_commit_callbacks
):
    UserFactory(role="agency_staff", agency=report_a.assignment.agency, is_active=False)
    UserFactory(role="agency_staff", agency=report_a.assignment.agency, email="")
    sweep(django_capture_on_commit_callbacks, BEFORE_DUE)
    assert mail.outbox[0].to == [agency_staff.email]


def test_a_failed_email_stays_pending_with_its_error_and_is_sent_once_on_retry(
    report_a, agency_staff
):
    smtp_down = mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")
    )
    with smtp_down:
        first = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    log = ReminderLog.objects.get()
    assert (first, log.outcome, log.attempts, log.error) == (
        "retry",
        "pending",
        1,
        "OSError: smtp down",
    )
    assert Notification.objects.count() == 0
    assert (
        reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due") == reminders.SENT
    )
    assert len(mail.outbox) == 1
    log.refresh_from_db()
    assert (log.outcome, log.attempts, log.error, log.sent_to) == (
        "sent",
        2,
        "",
        [agency_staff.email],
    )


def test_remind_now_chases_each_missing_report_once_a_day(
    report_a,
    report_b,
    agency_staff,
    other_agency_staff,
    coordination_office,
    django_capture_on_commit_callbacks,
):
    MonthlyReport.objects.filter(pk=report_b.pk).update(status="submitted")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminders.monthly_report_remind_now(
                period=report_a.period, actor=coordination_office, now=BEFORE_DUE
            )
    assert [m.to for m in mail.outbox] == [[agency_staff.email]]
    assert "Văn phòng điều phối nhắc" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        reminders.monthly_report_remind_now(
            period=report_a.period, actor=coordination_office, now=local(2026, 11, 18, 9)
        )
    assert list(ReminderLog.objects.values_list("stage", "key")) == [
        ("manual", "2026-11-17"),
        ("manual", "2026-11-18"),
    ]


@pytest.mark.parametrize("role", ["agency_staff", "commune_officer", "leader"])
def test_only_the_office_may_remind_now(
    request, report_a, role, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(role)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied),
    ):
        reminders.monthly_report_remind_now(period=report_a.period, actor=actor)
    assert callbacks == []
    assert mail.outbox == []


def test_the_sweep_runs_a_fixed_number_of_queries_whatever_the_number_of_reports(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    make_report(AssignmentFactory())
    with django_capture_on_commit_callbacks(execute=False), django_assert_max_num_queries(8) as one:
        reminders.monthly_report_reminders_send_due(now=BEFORE_DUE)
    for _ in range(6):
        make_report(AssignmentFactory())
    with (
        django_capture_on_commit_callbacks(execute=False) as queued,
        django_assert_max_num_queries(8) as many,
    ):
        reminders.monthly_report_reminders_send_due(now=BEFORE_DUE)
    assert len(queued) == 1  # one publication for the batch
    assert ReminderLog.objects.filter(outcome="pending").count() == 7
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_sweep_works_through_batches(django_capture_on_commit_callbacks):
    for _ in range(5):
        make_report(AssignmentFactory())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        result = reminders.monthly_report_reminders_send_due(now=BEFORE_DUE, batch_size=2)
    assert (result.claimed, result.enqueued, len(queued)) == (5, 5, 3)


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_still_send_one_email_per_report(needs_postgres, agency_staff):
    # given: ten reports owing their "before due" reminder
    reports = [make_report(AssignmentFactory(agency=agency_staff.agency)) for _ in range(10)]
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            reminders.monthly_report_reminders_send_due(now=BEFORE_DUE)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=run) for _ in range(2)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    # then
    assert errors == []
    assert len(mail.outbox) == len(reports)
    assert ReminderLog.objects.count() == len(reports)


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_reminder_at_once_send_it_once(needs_postgres, agency_staff):
    report = make_report(AssignmentFactory(agency=agency_staff.agency))
    barrier = threading.Barrier(4)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(
                reminders.monthly_report_reminder_send(report_id=report.pk, stage="due")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    assert sorted(outcomes) == [reminders.DUPLICATE] * 3 + [reminders.SENT]
    assert len(mail.outbox) == 1
