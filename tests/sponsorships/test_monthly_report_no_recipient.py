# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Reminders that reach nobody: logged as "no recipient", not counted as reminded, and the
office told once per report (not per stage, sweep, retry or "remind now" click)."""

import datetime as dt
import importlib
from unittest import mock

import pytest
import time_machine
from django.apps import apps
from django.core import mail

from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.services import reminder_outbox, reminders
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    local,
    make_report,
    report_a,
)

pytestmark = pytest.mark.django_db
NO_RECIPIENT = ReminderLog.Outcome.NO_RECIPIENT
SENT = ReminderLog.Outcome.SENT


def sweep(capture, now):
    with time_machine.travel(now, tick=False), capture(execute=True):
        return reminders.monthly_report_reminders_send_due()


def outcomes(report):
    return dict(
        ReminderLog.objects.filter(report=report).values_list("stage", "outcome").order_by("pk")
    )


def test_a_reminder_to_nobody_is_logged_as_no_recipient_and_not_counted(
    report_a, coordination_office
):
    # given: agency A's only accounts cannot receive e-mail
    agency = report_a.assignment.agency
    UserFactory(role="agency_staff", agency=agency, email="")
    UserFactory(role="agency_staff", agency=agency, is_active=False)
    # when
    outcome = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    # then
    assert outcome == reminders.NO_RECIPIENT
    log = ReminderLog.objects.get(report=report_a, stage="due")
    assert (log.outcome, log.recipients) == (NO_RECIPIENT, 0)
    assert log.sent_at is not None
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == 0


def test_a_reminder_to_nobody_tells_the_office_at_once_by_email_and_in_the_portal(
    report_a, coordination_office, leader
):
    reminders.monthly_report_reminder_send(
        report_id=report_a.pk, stage="before_due", now=local(2026, 11, 17, 8)
    )

    [email] = mail.outbox
    assert email.to == [coordination_office.email]
    assert "Không có người nhận nhắc nhở báo cáo tháng 11/2026" in email.subject
    assert report_a.assignment.agency.name in email.body
    assert "tạo tài khoản có thư điện tử" in email.body
    assert f"/sponsorships/reports/{report_a.pk}/" in email.body
    assert email.alternatives[0][1] == "text/html"
    [notice] = Notification.objects.all()
    assert (notice.user, notice.title) == (coordination_office, email.subject)
    assert "không có tài khoản nào đang hoạt động có thư điện tử" in notice.body
    alert = ReminderLog.objects.get(report=report_a, stage="no_recipient")
    assert (alert.key, alert.outcome, alert.recipients) == ("", SENT, 1)


def test_the_office_is_told_once_per_report_across_stages_sweeps_and_remind_now(
    report_a, coordination_office, django_capture_on_commit_callbacks
):
    # when: the whole cycle runs (each day twice) and the office presses "remind now" twice
    for day in [17, 17, 20, 20, 21, 21, 26, 26]:
        sweep(django_capture_on_commit_callbacks, local(2026, 11, day, 9))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminders.monthly_report_remind_now(
                period=report_a.period, actor=coordination_office, now=local(2026, 11, 27, 9)
            )
    # then: one alert, then the scheduled escalation; every agency reminder reached nobody
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2
    assert "Không có người nhận" in subjects[0]
    assert "1 báo cáo tháng quá hạn cần văn phòng điều phối đôn đốc" in subjects[1]
    assert outcomes(report_a) == {
        "before_due": NO_RECIPIENT,
        "no_recipient": SENT,
        "due": NO_RECIPIENT,
        "overdue": NO_RECIPIENT,
        "escalation": SENT,
        "manual": NO_RECIPIENT,
    }
    # only the escalation, which reached the office, counts as reminded
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == 1


def test_a_retried_send_to_nobody_does_not_tell_the_office_again(report_a, coordination_office):
    first = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    again = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    assert (first, again) == (reminders.NO_RECIPIENT, reminders.DUPLICATE)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_failed_alert_stays_pending_with_its_error_and_the_redrive_sends_it_once(
    report_a, coordination_office
):
    smtp_down = mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")
    )
    with smtp_down:
        outcome = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    assert outcome == reminders.NO_RECIPIENT
    alert = ReminderLog.objects.get(report=report_a, stage="no_recipient")
    assert (alert.outcome, alert.attempts, alert.error) == ("pending", 1, "OSError: smtp down")
    assert Notification.objects.count() == 0
    # when: the re-drive comes round once the retry is due
    reminder_outbox.reminders_redrive(older_than=dt.timedelta(minutes=-2))
    reminder_outbox.reminders_redrive(older_than=dt.timedelta(minutes=-2))
    # then
    assert outcomes(report_a) == {"due": NO_RECIPIENT, "no_recipient": SENT}
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_commune_officer_with_an_address_is_enough(report_a, commune_officer):
    outcome = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    assert outcome == reminders.SENT
    assert [m.to for m in mail.outbox] == [[commune_officer.email]]
    assert outcomes(report_a) == {"due": SENT}
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == 1


def test_an_escalation_no_office_address_receives_is_not_counted_and_raises_no_alert(
    report_a, agency_staff
):
    UserFactory(role="coordination_office", email="")
    outcome = reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="escalation")
    assert outcome == reminders.NO_RECIPIENT
    assert outcomes(report_a) == {"escalation": NO_RECIPIENT}
    assert mail.outbox == []
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == 0


def test_an_alert_no_office_address_receives_is_logged_as_such(report_a):
    office = UserFactory(role="coordination_office", email="")
    reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    assert outcomes(report_a) == {"due": NO_RECIPIENT, "no_recipient": NO_RECIPIENT}
    assert mail.outbox == []
    assert list(Notification.objects.values_list("user", flat=True)) == [office.pk]


def test_remind_now_counts_reached_reports_and_those_with_nobody_at_the_click(
    report_a, other_agency_staff, coordination_office, django_capture_on_commit_callbacks
):
    # given: report A has nobody, report B (agency B) and C (its commune officer) are reachable
    make_report(other_agency_staff.agency.assignments.get())
    assignment_c = AssignmentFactory()
    UserFactory(role="commune_officer", commune=assignment_c.commune)
    make_report(assignment_c)
    make_report(AssignmentFactory(), status=MonthlyReport.Status.SUBMITTED)  # not chased
    # when: the tasks are queued, not run
    with django_capture_on_commit_callbacks(execute=False) as queued:
        result = reminders.monthly_report_remind_now(
            period=report_a.period, actor=coordination_office
        )
    # then
    assert (result.reached, result.no_recipient) == (2, 1)
    assert len(queued) == 1  # one publication of every open report's pending reminder
    manual = ReminderLog.objects.filter(stage="manual", outcome="pending")
    assert manual.count() == 3  # every open report is still chased, and its outcome logged
    assert mail.outbox == []


def test_remind_now_runs_a_fixed_number_of_queries_whatever_the_number_of_reports(
    coordination_office, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    make_report(AssignmentFactory())
    with django_capture_on_commit_callbacks(), django_assert_max_num_queries(6) as one:
        reminders.monthly_report_remind_now(
            period=local(2026, 11, 1).date(), actor=coordination_office
        )
    for _ in range(6):
        make_report(AssignmentFactory())
    with django_capture_on_commit_callbacks(), django_assert_max_num_queries(6) as many:
        result = reminders.monthly_report_remind_now(
            period=local(2026, 11, 1).date(), actor=coordination_office
        )
    assert result.no_recipient == 7
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_backfill_marks_old_reminders_that_reached_nobody_and_uncounts_them(report_a):
    # given: rows written before the outcome existed (all "sent"); two reached nobody
    old = [("before_due", 0), ("due", 2), ("overdue", 0)]
    for stage, recipients in old:
        ReminderLog.objects.create(
            report=report_a, stage=stage, recipients=recipients, sent_at=local(2026, 11, 21)
        )
    ReminderLog.objects.create(report=report_a, stage="manual", key="2026-11-22")  # not sent yet
    MonthlyReport.objects.filter(pk=report_a.pk).update(reminders_sent=3)
    backfill = importlib.import_module("sponsorships.migrations.0005_reminderlog_outcome_backfill")
    # when
    backfill.mark_unreached(apps, None)
    # then
    assert outcomes(report_a) == {
        "before_due": NO_RECIPIENT,
        "due": SENT,
        "overdue": NO_RECIPIENT,
        "manual": SENT,
    }
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == 1
    backfill.mark_unreached(apps, None)  # a second run changes nothing
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == 1


@pytest.mark.parametrize(("has_account", "counted"), [(True, 4), (False, 1)])
def test_the_demos_missing_report_is_logged_as_the_send_service_would(
    report_a, has_account, counted
):
    from sponsorships import demo_reports

    if has_account:
        UserFactory(role="agency_staff", agency=report_a.assignment.agency)
    demo_reports._chased(report_a)
    expected = SENT if has_account else NO_RECIPIENT
    logs = outcomes(report_a)
    assert [logs[s] for s in ("before_due", "due", "overdue", "escalation")] == [
        expected,
        expected,
        expected,
        SENT,
    ]
    assert ("no_recipient" in logs) is not has_account
    assert MonthlyReport.objects.get(pk=report_a.pk).reminders_sent == counted
