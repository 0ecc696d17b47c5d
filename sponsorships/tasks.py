"""Celery tasks of the monthly reporting cycle: thin wrappers that take ids and call one service.

Scheduled in settings.CELERY_BEAT_SCHEDULE (open reports daily, sweep reminders hourly). Every
task is safe to run twice (acks_late): opening ignores existing rows, the sweep claims rows with
a conditional update, and a reminder is sent only by whoever inserts its ReminderLog row.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from celery import shared_task
from django.utils import timezone

from ntm_portal import periods
from sponsorships.services import monthly_reports, reminders
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
def monthly_report_reminders_send_due_task(now: str | None = None) -> int:
    """The hourly sweep; ``now`` (ISO 8601) only for tests and catch-up runs."""
    return reminders.monthly_report_reminders_send_due(now=_moment(now)).enqueued


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=900,
    max_retries=5,
)
def monthly_report_reminder_send_task(report_id: int, stage: str, key: str = "") -> str:
    """Send one reminder; a duplicate or a report submitted meanwhile sends nothing."""
    return reminders.monthly_report_reminder_send(report_id=report_id, stage=stage, key=key)
