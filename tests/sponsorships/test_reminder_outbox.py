# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""The outbox without real services (eager tasks): leases, attempts, the re-drive, the digest,
returned reports, the broker-down answers, and what the office's pages show."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from exports.models import ExportJob
from exports.services import jobs
from exports.tasks import export_job_run_task
from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.services import monthly_reports, reminder_batches, reminder_outbox, reminders
from sponsorships.tasks import monthly_report_reminders_deliver_task
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    local,
    make_report,
    report_a,
    submitted_report_a,
)

pytestmark = pytest.mark.django_db
OVERDUE = local(2026, 11, 21, 9)
ESCALATION = local(2026, 11, 26, 9)
BROKER_DOWN = mock.patch.object(
    monthly_report_reminders_deliver_task, "apply_async", side_effect=OperationalError("down")
)
SMTP_DOWN = mock.patch(
    "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")
)


def sweep(capture, now):
    with time_machine.travel(now, tick=False), capture(execute=True):
        return reminders.monthly_report_reminders_send_due()


def pending_row(report, stage="due", **fields) -> ReminderLog:
    values = {"outcome": "pending", "published_at": timezone.now(), **fields}
    return ReminderLog.objects.create(report=report, stage=stage, **values)


def test_a_row_leased_by_another_send_is_not_sent_again_until_the_lease_expires(
    report_a, agency_staff
):
    log = pending_row(report_a, attempt_started_at=timezone.now())
    assert reminder_batches.reminder_deliver(log_id=log.pk).status == "duplicate"
    assert mail.outbox == []
    expired = timezone.now() - reminder_outbox.LEASE - dt.timedelta(seconds=1)
    ReminderLog.objects.filter(pk=log.pk).update(attempt_started_at=expired)
    assert reminder_batches.reminder_deliver(log_id=log.pk).status == "sent"
    assert reminder_batches.reminder_deliver(log_id=log.pk).status == "duplicate"
    assert len(mail.outbox) == 1


def test_after_its_last_attempt_a_row_is_failed_and_the_redrive_leaves_it(
    report_a, agency_staff, settings
):
    settings.REMINDER_SEND_MAX_ATTEMPTS = 3
    log = pending_row(report_a)
    statuses = []
    with SMTP_DOWN:
        for _ in range(3):
            statuses.append(reminder_batches.reminder_deliver(log_id=log.pk))
    assert [d.status for d in statuses] == ["retry", "retry", "failed"]
    assert [d.retry_in for d in statuses] == [60, 120, None]  # backoff doubles
    log.refresh_from_db()
    assert (log.outcome, log.attempts, log.error) == ("failed", 3, "OSError: smtp down")
    assert reminder_outbox.reminders_redrive(older_than=dt.timedelta(days=-1)) == 0
    assert Notification.objects.count() == 0


def test_the_redrive_publishes_only_rows_waiting_longer_than_a_few_minutes(report_a, agency_staff):
    fresh = pending_row(report_a, stage="due")
    stale = pending_row(
        report_a, stage="overdue", published_at=timezone.now() - dt.timedelta(minutes=6)
    )
    with mock.patch.object(monthly_report_reminders_deliver_task, "apply_async") as publish:
        assert reminder_outbox.reminders_redrive() == 1
    assert [c.args[0] for c in publish.call_args_list] == [([stale.pk],)]
    stale.refresh_from_db()
    assert stale.published_at > fresh.published_at  # stamped: not re-driven again at once


def test_escalations_go_to_the_office_as_one_digest_grouped_by_agency(
    django_capture_on_commit_callbacks,
):
    # given: three late reports of two agencies, two office users
    office = [UserFactory(role="coordination_office") for _ in range(2)]
    first, second = AgencyFactory(name="Sở Tài chính"), AgencyFactory(name="Sở Y tế")
    reports = [make_report(AssignmentFactory(agency=agency)) for agency in (first, first, second)]
    # when: the sweep on the escalation day
    sweep(django_capture_on_commit_callbacks, ESCALATION)
    # then: one e-mail to the office (each inbox gets one), listing them by agency
    digests = [m for m in mail.outbox if "quá hạn cần văn phòng" in m.subject]
    [digest] = digests
    assert sorted(digest.to) == sorted(user.email for user in office)
    assert "3 báo cáo tháng quá hạn" in digest.subject
    body = digest.body
    assert body.index("Sở Tài chính") < body.index("Sở Y tế")
    assert body.count("quá hạn 6 ngày") == 3
    rows = ReminderLog.objects.filter(stage="escalation")
    assert sorted(rows.values_list("report_id", flat=True)) == sorted(r.pk for r in reports)
    assert {row.outcome for row in rows} == {"sent"}
    notices = Notification.objects.filter(title=digest.subject)
    assert sorted(notices.values_list("user", flat=True)) == sorted(u.pk for u in office)


def test_a_report_returned_after_its_last_stage_is_reminded_again_on_a_fresh_schedule(
    submitted_report_a, coordination_office, agency_staff, django_capture_on_commit_callbacks
):
    # given: the first schedule is over (escalated); the office returns the report on 28/11
    returned_at = time_machine.travel(local(2026, 11, 28, 10), tick=False)
    with returned_at, django_capture_on_commit_callbacks(execute=True):
        monthly_reports.monthly_report_return(
            report=submitted_report_a, actor=coordination_office, reason="Thiếu số liệu"
        )
    assert "bị trả lại" in mail.outbox[-1].subject
    # when: the sweeps of the fresh schedule (due 03/12)
    for day, month in [(29, 11), (30, 11), (3, 12), (4, 12), (8, 12)]:
        sweep(django_capture_on_commit_callbacks, local(2026, month, day, 9))
    # then: each stage once more, keyed by the round
    rows = ReminderLog.objects.filter(report=submitted_report_a).order_by("pk")
    assert list(rows.values_list("stage", "key", "outcome")) == [
        ("returned", "r1", "sent"),
        ("before_due", "r1", "sent"),
        ("due", "r1", "sent"),
        ("overdue", "r1", "sent"),
        ("escalation", "r1", "sent"),
    ]


@pytest.mark.django_db(transaction=True)
def test_remind_now_with_the_broker_down_says_so_and_the_request_waits_in_the_outbox(
    client, report_a, agency_staff, coordination_office
):
    client.force_login(coordination_office)
    with BROKER_DOWN:
        response = client.post(reverse("sponsorships:monthly_report_remind"), {"period": "2026-11"})
    assert response.status_code == 302
    [message] = get_messages(response.wsgi_request)
    assert str(message) == "Hệ thống nhắc việc tạm thời không hoạt động; yêu cầu đã được ghi lại"
    assert list(ReminderLog.objects.values_list("stage", "outcome")) == [("manual", "pending")]
    # and: the broker is back, the re-drive sends it
    reminder_outbox.reminders_redrive(older_than=dt.timedelta(0))
    assert ReminderLog.objects.get().outcome == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_background_export_with_the_broker_down_says_so_and_is_redriven(
    client, coordination_office
):
    client.force_login(coordination_office)
    down = mock.patch.object(export_job_run_task, "delay", side_effect=OperationalError("down"))
    with down:
        response = client.post(reverse("sponsorships:activity_export_background"))
    [message] = get_messages(response.wsgi_request)
    assert str(message).startswith("Hệ thống xuất tệp tạm thời không hoạt động")
    job = ExportJob.objects.get()
    assert job.status == "queued"
    assert jobs.export_jobs_redrive(older_than=dt.timedelta(0)) == 1
    job.refresh_from_db()
    assert job.status == "done"


def test_the_report_page_shows_each_stage_and_its_state_to_the_office_only(
    as_role, report_a, agency_staff
):
    ReminderLog.objects.create(
        report=report_a, stage="due", outcome="sent", sent_to=[agency_staff.email], attempts=1
    )
    ReminderLog.objects.create(
        report=report_a, stage="overdue", outcome="failed", error="gaierror: x", attempts=5
    )
    url = reverse("sponsorships:monthly_report_detail", args=[report_a.pk])
    client, _user = as_role("coordination_office")
    page = client.get(url).content.decode()
    assert "Nhắc nhở đã gửi" in page
    assert agency_staff.email in page
    assert "Gửi thất bại" in page
    assert "gaierror: x" in page
    client, _user = as_role("agency_staff")
    assert "Nhắc nhở đã gửi" not in client.get(url).content.decode()


def test_the_completeness_page_counts_deliveries_in_a_fixed_number_of_queries(
    as_role, django_assert_max_num_queries
):
    client, _user = as_role("coordination_office")
    url = reverse("sponsorships:monthly_report_completeness")
    queries = []
    for count in (3, 30):
        ReminderLog.objects.all().delete()
        MonthlyReport.objects.all().delete()
        for index in range(count):
            report = make_report(AssignmentFactory())
            outcome = "failed" if index % 3 == 0 else "sent"
            ReminderLog.objects.create(report=report, stage="overdue", outcome=outcome, error="e")
        with django_assert_max_num_queries(40) as captured:
            response = client.get(url, {"period": "2026-11"})
        queries.append(len(captured.captured_queries))
        failed = (count + 2) // 3
        [row] = response.context["delivery_summary"]
        assert row.counts == {"failed": failed, "sent": count - failed}
        assert len(response.context["delivery_problems"]) == failed
        assert response.content.decode().count('<span class="tag tag-no-recipient">') >= failed
    assert queries[0] == queries[1]


def test_the_sweep_first_publishes_what_an_earlier_run_left_pending(report_a, agency_staff):
    # given: a reminder written by a sweep whose publication was lost (a crash) 10 minutes ago
    MonthlyReport.objects.filter(pk=report_a.pk).update(next_reminder_at=None)
    stale = pending_row(report_a, published_at=timezone.now() - dt.timedelta(minutes=10))
    # when: the next sweep runs (nothing new is due)
    result = reminders.monthly_report_reminders_send_due(now=OVERDUE)
    # then: it re-drove the row, which is sent once
    assert (result.redriven, result.claimed) == (1, 0)
    stale.refresh_from_db()
    assert (stale.outcome, stale.sent_to) == ("sent", [agency_staff.email])
    assert len(mail.outbox) == 1
