"""Nothing lost, nothing twice, with real services: workers on Redis, PostgreSQL, SIGKILL.

* A worker killed (SIGKILL) in the middle of a sweep of 1,000 due reports, restarted, and the
  re-drive run: every reminder delivered exactly once, counted per report and stage from a file
  the worker process writes each delivered message to.
* The broker unreachable during a sweep (the app pointed at a closed port), then back: every
  reminder delivered once; the management command exits non-zero meanwhile.
* A mail relay raising an unlisted error (socket.gaierror) and one that stalls: the reminder
  ends *failed* after its attempts, visible on the report's page and the completeness page; a
  submit of a report whose reminder is being sent through the stalled relay takes < 1 s.
* A relay dropping the connection in the middle of a batch: the task's retry through the
  broker sends the rest of that batch, and nothing twice.

Marked redis and postgres; they skip on a laptop without them and fail in CI (CI=true).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.services import monthly_reports, reminder_outbox, reminders
from sponsorships.tasks import (
    monthly_report_reminders_redrive_task,
    monthly_report_reminders_send_due_task,
)
from tests.celery_worker import purge_queues, real_broker, running_worker, wait_for
from tests.factories import UserFactory
from tests.mail_backends import FlakyRelayBackend
from tests.sponsorships.outbox_fixtures import OVERDUE_SWEEP, bulk_reports
from tests.worker_process import worker_process

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker(needs_redis, needs_postgres):
    url = os.environ["REDIS_URL"]
    with real_broker(url):
        yield url
        purge_queues()


def delivered(mail_log) -> Counter:
    return Counter(mail_log.read_text().splitlines()) if mail_log.exists() else Counter()


def all_settled(total: int) -> bool:
    done = ReminderLog.objects.exclude(outcome="pending").count()
    return done >= total and not ReminderLog.objects.filter(outcome="pending").exists()


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(broker, tmp_path):
    # given: 1,000 reports owing their overdue reminder
    report_ids = bulk_reports(1000)
    mail_log = tmp_path / "mail.log"
    options = {"broker_url": broker, "log_dir": tmp_path, "mail_log": mail_log}
    # when: the worker is killed while the sweep (batches of 50) is writing the outbox
    with worker_process(name="first", **options) as worker:
        monthly_report_reminders_send_due_task.delay(OVERDUE_SWEEP.isoformat(), 50)
        wait_for(lambda: ReminderLog.objects.count() >= 150, timeout=30)
        worker.kill()
    written = ReminderLog.objects.count()
    assert 0 < written < len(report_ids), "the kill must land in the middle of the sweep"
    # and: a new worker (four threads, to send sooner), the re-drive (beat) and the next sweep
    with worker_process(name="second", pool="threads", concurrency=4, **options):
        monthly_report_reminders_redrive_task.delay(0)
        monthly_report_reminders_send_due_task.delay(OVERDUE_SWEEP.isoformat())
        wait_for(lambda: all_settled(len(report_ids)), timeout=120)
        time.sleep(1.0)  # anything extra would have arrived by now
    # then: each report's overdue reminder delivered exactly once
    counts = delivered(mail_log)
    assert counts == Counter({f"{pk}:overdue:": 1 for pk in report_ids})
    assert ReminderLog.objects.filter(outcome="sent").count() == len(report_ids)


def test_a_broker_down_during_the_sweep_loses_nothing_and_sends_once_when_back(broker, tmp_path):
    report_ids = bulk_reports(100)
    # when: the sweep (the management command) runs with the broker unreachable
    with real_broker(CLOSED_PORT_BROKER, purge=False):
        started = time.monotonic()
        # then: it says so and exits non-zero, quickly; its claims stay re-drivable
        with pytest.raises(CommandError, match="tạm thời không hoạt động"):
            call_command(
                "send_monthly_report_reminders", "--now", OVERDUE_SWEEP.isoformat(), "--no-open"
            )
        elapsed = time.monotonic() - started
        again = reminders.monthly_report_reminders_send_due(now=OVERDUE_SWEEP)
    assert elapsed < 10
    assert (again.claimed, again.enqueued) == (0, 0)  # claimed once, by the first run
    assert ReminderLog.objects.filter(outcome="pending").count() == 100
    # and: the broker is back; the re-drive publishes what waited
    with running_worker(broker):
        reminder_outbox.reminders_redrive(older_than=dt.timedelta(0))
        wait_for(lambda: all_settled(100), timeout=30)
        time.sleep(0.5)
    keys = Counter(m.extra_headers["X-NTM-Reminder"] for m in mail.outbox)
    assert keys == Counter({f"{pk}:overdue:": 1 for pk in report_ids})


def test_an_unresolvable_relay_ends_the_reminder_failed_and_the_office_sees_it(
    broker, settings, client
):
    settings.EMAIL_BACKEND = "tests.mail_backends.UnresolvableHostBackend"
    settings.REMINDER_SEND_MAX_ATTEMPTS = 3
    settings.REMINDER_RETRY_BACKOFF_SECONDS = 0
    [report_id] = bulk_reports(1)
    with running_worker(broker):
        monthly_report_reminders_send_due_task.delay(OVERDUE_SWEEP.isoformat())
        wait_for(lambda: all_settled(1), timeout=30)
    log = ReminderLog.objects.get()
    assert (log.outcome, log.attempts) == ("failed", 3)
    assert log.error.startswith("gaierror: ")
    # visible to the office on the report's page and on the completeness page
    office = UserFactory(username="office", role="coordination_office")
    client.force_login(office)
    page = client.get(reverse("sponsorships:monthly_report_detail", args=[report_id]))
    assert "Gửi thất bại" in page.content.decode()
    assert "gaierror: " in page.content.decode()
    summary = client.get(reverse("sponsorships:monthly_report_completeness"), {"period": "2026-11"})
    assert "Nhắc nhở gửi thất bại hoặc đang chờ" in summary.content.decode()
    assert "gaierror: " in summary.content.decode()


def test_a_stalled_relay_blocks_no_submit_and_ends_failed(broker, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.StalledRelayBackend"  # 1 s, then timeout
    settings.REMINDER_SEND_MAX_ATTEMPTS = 2
    settings.REMINDER_RETRY_BACKOFF_SECONDS = 0
    stalled_id, submitted_id = bulk_reports(2)
    submitted = MonthlyReport.objects.get(pk=submitted_id)
    staff = submitted.assignment.agency.staff.get()
    timings = []
    with running_worker(broker):
        monthly_report_reminders_send_due_task.delay(OVERDUE_SWEEP.isoformat())
        # when: the agency submits while its report's reminder hangs on the relay
        in_flight = ReminderLog.objects.filter(
            report_id=submitted_id, attempt_started_at__isnull=False
        )
        wait_for(in_flight.exists, timeout=20)
        started = time.monotonic()
        monthly_reports.monthly_report_submit(report=submitted, actor=staff)
        timings.append(time.monotonic() - started)
        wait_for(lambda: all_settled(2), timeout=30)
    # then: the submit did not wait for the relay
    assert timings[0] < 1.0
    outcomes = dict(ReminderLog.objects.values_list("report_id", "outcome"))
    assert outcomes[stalled_id] == "failed"
    assert outcomes[submitted_id] in ("failed", "skipped")  # its retry found it submitted
    assert ReminderLog.objects.get(report_id=stalled_id).error == "TimeoutError: timed out"


def test_a_relay_dropping_mid_batch_sends_the_rest_on_the_retry_and_nothing_twice(broker, settings):
    # given: 300 reminders (batches of 200 and 100); the relay drops after 150 messages
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyRelayBackend"
    settings.REMINDER_RETRY_BACKOFF_SECONDS = 0
    report_ids = bulk_reports(300)
    with mock.patch.object(FlakyRelayBackend, "accept", 150), running_worker(broker):
        monthly_report_reminders_send_due_task.delay(OVERDUE_SWEEP.isoformat())
        wait_for(lambda: all_settled(300), timeout=60)
        time.sleep(0.5)  # anything extra would have arrived by now
    # then: each reminder delivered once; the 50 the drop interrupted needed a second attempt
    keys = Counter(m.extra_headers["X-NTM-Reminder"] for m in mail.outbox)
    assert keys == Counter({f"{pk}:overdue:": 1 for pk in report_ids})
    attempts = Counter(ReminderLog.objects.values_list("outcome", "attempts"))
    assert attempts == {("sent", 1): 250, ("sent", 2): 50}
