"""Celery tasks of the monthly reporting cycle: thin wrappers that take ids and call one service.

Scheduled in settings.CELERY_BEAT_SCHEDULE (open reports daily, sweep reminders hourly,
re-drive the outbox every two minutes). Every task is safe to run twice (acks_late): opening
ignores existing rows, the sweep claims rows with a conditional update, and a reminder is sent
only by whoever leases its pending outbox row. The sends run on the "reminders" queue, one task
per batch of rows (REMINDER_SEND_BATCH_SIZE).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from ntm_portal import periods
from sponsorships.services import monthly_reports, reminder_batches, reminder_outbox, reminders
from sponsorships.services.report_messages import province_tz


def _moment(now: str | None) -> dt.datetime:
    return dt.datetime.fromisoformat(now) if now else timezone.now()


@shared_task
def monthly_reports_open_task(period: str | None = None) -> int:
    """Open the reports of ``period`` (YYYY-MM; default the current local month)."""
    day = (
        periods.parse_period(period)
        if period
        else periods.current_period(timezone.now(), province_tz())
    )
    return monthly_reports.monthly_reports_open(period=day)


@shared_task
def monthly_report_reminders_send_due_task(
    now: str | None = None, batch_size: int = reminders.SWEEP_BATCH_SIZE
) -> int:
    """The hourly sweep; ``now`` (ISO 8601) only for tests and catch-up runs."""
    return reminders.monthly_report_reminders_send_due(
        now=_moment(now), batch_size=batch_size
    ).enqueued


@shared_task
def monthly_report_reminders_redrive_task(older_than_seconds: float | None = None) -> int:
    """Publish again the pending reminders a crash or a broker outage left; a heartbeat."""
    reminder_outbox.heartbeat()
    if older_than_seconds is None:
        return reminder_outbox.reminders_redrive()
    older_than = dt.timedelta(seconds=older_than_seconds)
    return reminder_outbox.reminders_redrive(older_than=older_than)


def _retry_or_return(task, delivery: reminder_outbox.Delivery) -> str:
    """A failed attempt comes back after its backoff (in eager mode the re-drive does it)."""
    if delivery.retry_in is not None and not task.request.is_eager:
        raise task.retry(countdown=delivery.retry_in)
    return delivery.status


@shared_task(bind=True, max_retries=None)  # the outbox rows count the attempts
def monthly_report_reminders_deliver_task(self, log_ids: list[int]) -> str:
    """Send a batch of pending outbox rows; a row already sent, or being sent, sends nothing.
    A retry sends again only the rows still pending."""
    delivery = reminder_batches.reminders_deliver_batch(log_ids=log_ids)
    return _retry_or_return(self, delivery)


@shared_task(bind=True, max_retries=None)
def monthly_report_reminder_deliver_task(self, log_id: int) -> str:
    """The one-row task of earlier releases (messages still queued at an upgrade)."""
    return _retry_or_return(self, reminder_batches.reminders_deliver_batch(log_ids=[log_id]))


@shared_task(bind=True, max_retries=None)  # the outbox row counts the attempts
def monthly_report_escalation_digest_task(self) -> str:
    """One e-mail to the office for all pending escalations, grouped by agency."""
    return _retry_or_return(self, reminder_outbox.escalation_digest_send())


@shared_task
def monthly_report_reminder_send_task(report_id: int, stage: str, key: str = "") -> str:
    """The task of earlier releases (messages still queued at an upgrade): write the row if
    need be and send it."""
    return reminders.monthly_report_reminder_send(report_id=report_id, stage=stage, key=key)
