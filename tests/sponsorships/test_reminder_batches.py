"""Reminder sends in batches: a fixed number of queries, one relay connection, a relay failing
mid-batch, a refused address, a stall, a worker dying mid-batch, two claims of one batch."""

import threading
import time
from collections import Counter
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.services import reminder_batches, reminder_outbox
from sponsorships.tasks import monthly_report_reminders_deliver_task
from tests.factories import UserFactory
from tests.mail_backends import FlakyRelayBackend
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import make_report
from tests.sponsorships.outbox_fixtures import bulk_reports

pytestmark = pytest.mark.django_db


def pending_rows(report_ids: list[int], stage: str = "overdue") -> list[int]:
    stamp = timezone.now()
    ReminderLog.objects.bulk_create(
        reminder_outbox.pending_row(pk, stage, "", stamp) for pk in report_ids
    )
    rows = ReminderLog.objects.filter(report_id__in=report_ids).order_by("pk")
    return list(rows.values_list("pk", flat=True))


def headers() -> Counter:
    return Counter(m.extra_headers["X-NTM-Reminder"] for m in mail.outbox)


def outcomes() -> Counter:
    return Counter(ReminderLog.objects.values_list("outcome", flat=True))


@pytest.mark.postgres  # SQLite splits a 200-row INSERT (999 parameters a statement)
def test_a_batch_costs_the_same_queries_for_20_rows_as_for_200(
    needs_postgres, settings, django_assert_max_num_queries
):
    settings.REMINDER_SEND_CHECKPOINT_SECONDS = 600  # one record at the end, however slow
    queries = []
    for index, count in enumerate((20, 200)):
        # two agencies, so the recipients of several assignments are read at once
        half = count // 2
        ids = bulk_reports(half, username=f"a{index}") + bulk_reports(half, username=f"b{index}")
        log_ids = pending_rows(ids)
        mail.outbox.clear()
        with django_assert_max_num_queries(10) as captured:
            result = reminder_batches.reminders_deliver_batch(log_ids=log_ids)
        queries.append(len(captured.captured_queries))
        assert result.statuses == dict.fromkeys(log_ids, "sent")
        assert len(mail.outbox) == count
    assert queries[0] == queries[1]
    assert Notification.objects.count() == 220
    assert set(MonthlyReport.objects.values_list("reminders_sent", flat=True)) == {1}


def test_a_batch_goes_over_one_relay_connection(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyRelayBackend"
    with mock.patch.multiple(FlakyRelayBackend, accept=50, opened=0):
        reminder_batches.reminders_deliver_batch(log_ids=pending_rows(bulk_reports(50)))
        assert FlakyRelayBackend.opened == 1
    assert outcomes() == {"sent": 50}


def test_a_relay_failing_mid_batch_leaves_the_rest_pending_and_the_retry_sends_only_them(
    settings, monkeypatch
):
    # given: ten reminders, a relay that takes four messages and then drops the connection
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyRelayBackend"
    monkeypatch.setattr(FlakyRelayBackend, "accept", 4)
    log_ids = pending_rows(bulk_reports(10))
    started = time.monotonic()
    first = reminder_batches.reminders_deliver_batch(log_ids=log_ids)
    # then: four sent, the six others pending with the error and a retry in a minute
    assert time.monotonic() - started < 2
    assert Counter(first.statuses.values()) == {"sent": 4, "retry": 6}
    assert first.retry_in == 60
    assert outcomes() == {"sent": 4, "pending": 6}
    rest = ReminderLog.objects.filter(outcome="pending")
    assert {row.error for row in rest} == {"SMTPServerDisconnected: Connection unexpectedly closed"}
    assert all(row.published_at > timezone.now() for row in rest)  # the re-drive waits too
    assert Notification.objects.count() == 4
    # when: the relay is back and the task's retry runs the same batch
    assert monthly_report_reminders_deliver_task.delay(log_ids).get() == "sent: 6"
    # then: each reminder went out once
    report_ids = ReminderLog.objects.values_list("report_id", flat=True)
    assert headers() == Counter({f"{pk}:overdue:": 1 for pk in report_ids})
    assert outcomes() == {"sent": 10}
    assert Notification.objects.count() == 10
    assert set(MonthlyReport.objects.values_list("reminders_sent", flat=True)) == {1}


def test_a_refused_address_fails_its_own_reminder_only(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingRelayBackend"
    reports = []
    for name in ("first", "bad", "last"):
        agency = AgencyFactory()
        UserFactory(username=name, role="agency_staff", agency=agency)
        reports.append(make_report(AssignmentFactory(agency=agency)))
    log_ids = pending_rows([report.pk for report in reports])
    result = reminder_batches.reminders_deliver_batch(log_ids=log_ids)
    assert [result.statuses[pk] for pk in log_ids] == ["sent", "retry", "sent"]
    refused = ReminderLog.objects.get(report=reports[1])
    assert (refused.outcome, refused.attempts) == ("pending", 1)
    assert refused.error.startswith("SMTPRecipientsRefused: ")
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.gov.vn", "last@example.gov.vn"]


def test_a_stalled_relay_costs_one_timeout_per_batch_not_one_per_reminder(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.StalledRelayBackend"  # 1 s, then timeout
    settings.REMINDER_SEND_MAX_ATTEMPTS = 1
    log_ids = pending_rows(bulk_reports(5))
    started = time.monotonic()
    result = reminder_batches.reminders_deliver_batch(log_ids=log_ids)
    assert time.monotonic() - started < 2.5
    assert result.statuses == dict.fromkeys(log_ids, "failed")
    assert set(ReminderLog.objects.values_list("outcome", "error")) == {
        ("failed", "TimeoutError: timed out")
    }
    assert Notification.objects.count() == 0


def test_a_worker_dying_mid_batch_resends_only_what_followed_its_last_checkpoint(settings):
    # given: outcomes recorded after every message; the process dies on the fifth
    settings.REMINDER_SEND_CHECKPOINT_SECONDS = 0
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyRelayBackend"
    log_ids = pending_rows(bulk_reports(10))
    killed = mock.patch.object(
        FlakyRelayBackend, "send_messages", side_effect=[1, 1, 1, 1, SystemExit("killed")]
    )
    with killed, pytest.raises(SystemExit):
        reminder_batches.reminders_deliver_batch(log_ids=log_ids)
    assert outcomes() == {"sent": 4, "pending": 6}
    # when: its lease expires and the re-drive sends the batch again
    expired = timezone.now() - reminder_outbox.LEASE
    ReminderLog.objects.filter(outcome="pending").update(attempt_started_at=expired)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    again = reminder_batches.reminders_deliver_batch(log_ids=log_ids)
    # then: only the six not recorded go out
    assert Counter(again.statuses.values()) == {"sent": 6}
    assert len(mail.outbox) == 6
    assert outcomes() == {"sent": 10}


def test_the_redrive_publishes_one_task_per_batch(settings):
    settings.REMINDER_SEND_BATCH_SIZE = 200
    log_ids = pending_rows(bulk_reports(450))
    ReminderLog.objects.update(published_at=timezone.now() - reminder_outbox.LEASE)
    with mock.patch.object(monthly_report_reminders_deliver_task, "apply_async") as publish:
        assert reminder_outbox.reminders_redrive() == 450
    batches = [call.args[0][0] for call in publish.call_args_list]
    assert [len(batch) for batch in batches] == [200, 200, 50]
    assert sorted(pk for batch in batches for pk in batch) == log_ids


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_batch_at_once_send_each_reminder_once(needs_postgres):
    log_ids = pending_rows(bulk_reports(100))
    barrier = threading.Barrier(3)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(reminder_batches.reminders_deliver_batch(log_ids=log_ids))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    [thread.start() for thread in threads]
    [thread.join(60) for thread in threads]
    assert sum(len(result.statuses) for result in results) == 100
    assert len(mail.outbox) == 100
    assert len(headers()) == 100
    assert outcomes() == {"sent": 100}
