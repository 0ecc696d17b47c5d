"""The reminder outbox at work: publishing pending rows, the re-drive, and the send of one row.

No network I/O happens inside a database transaction. A send takes the row in one short
transaction (a lease: ``attempt_started_at``, ``attempts`` + 1; nothing else is locked, so the
agency can submit meanwhile), talks to the mail relay outside any transaction, and records the
outcome in another short one. Any exception from the relay counts as a failed attempt: the row
stays pending with its error and is tried again with backoff, and after the last attempt it is
*failed*, which the office sees on the completeness page and the report's page.

Publishing happens after the commit that wrote the rows. If the broker cannot be reached the
rows simply stay pending: ``reminders_redrive`` (beat, every few minutes, and each sweep at its
start) publishes again every pending row whose publication is older than ``REDRIVE_AFTER``. A
duplicate task is harmless: the lease and the outcome let only one of them send.

A crash between the relay accepting a message and the outcome being recorded (milliseconds)
leaves the row pending with its lease; it is sent again once the lease expires: at least once
there, exactly once everywhere else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from sponsorships.models import MonthlyReport, ReminderLog, TaskHeartbeat
from sponsorships.services.reminder_emails import build_escalation_digest, build_reminder_email
from sponsorships.services.report_messages import (
    agency_side_users,
    notify,
    office_users,
    report_url,
)

logger = logging.getLogger(__name__)
PENDING = ReminderLog.Outcome.PENDING
Stage = ReminderLog.Stage
REDRIVE_AFTER = dt.timedelta(minutes=5)
LEASE = dt.timedelta(minutes=10)  # far longer than one send (EMAIL_TIMEOUT 20 s per connect)
REDRIVE_LIMIT = 20_000
REDRIVE_HEARTBEAT = "reminders-redrive"
BROKER_ERRORS = (OperationalError, OSError)

SENT = "sent"
NO_RECIPIENT = "no_recipient"
DUPLICATE = "duplicate"
SKIPPED = "skipped"
RETRY = "retry"
FAILED = "failed"


class ReminderQueueUnavailable(Exception):
    """The broker could not be reached; the rows stay pending and the re-drive sends them."""


def publish(*, log_ids: list[int], digest: bool = False) -> int:
    """One send task per row (and the escalation digest if asked), then stamp the rows."""
    from sponsorships.tasks import (  # noqa: PLC0415 (tasks import services)
        monthly_report_escalation_digest_task,
        monthly_report_reminder_deliver_task,
    )

    published: list[int] = []
    try:
        with current_app.producer_or_acquire() as producer:  # one connection for the batch
            for pk in log_ids:
                monthly_report_reminder_deliver_task.apply_async((pk,), producer=producer)
                published.append(pk)
            if digest:
                monthly_report_escalation_digest_task.apply_async(producer=producer)
    except BROKER_ERRORS as exc:
        logger.warning("Reminder queue unavailable; %s row(s) wait for the re-drive", len(log_ids))
        raise ReminderQueueUnavailable(str(exc)) from exc
    finally:
        _stamp(published)
    return len(published)


def _stamp(log_ids: list[int]) -> None:
    if log_ids:
        ReminderLog.objects.filter(pk__in=log_ids, outcome=PENDING).update(
            published_at=timezone.now()
        )


def publish_on_commit(*, log_ids: list[int], digest: bool = False) -> None:
    """Publish after the current transaction commits; a broker outage is logged, not raised
    (the rows wait for the re-drive)."""

    def run() -> None:
        with contextlib.suppress(ReminderQueueUnavailable):
            publish(log_ids=log_ids, digest=digest)

    transaction.on_commit(run)


def reminders_redrive(*, older_than: dt.timedelta = REDRIVE_AFTER) -> int:
    """Publish again the pending rows not published for ``older_than``; how many."""
    since = timezone.now() - older_than
    stale = ReminderLog.objects.filter(outcome=PENDING).filter(
        Q(published_at__lte=since) | Q(published_at__isnull=True)
    )
    rows = list(stale.order_by("published_at").values_list("pk", "stage")[:REDRIVE_LIMIT])
    single = [pk for pk, stage in rows if stage != Stage.ESCALATION]
    digest = len(single) < len(rows)
    if digest:
        _stamp([pk for pk, stage in rows if stage == Stage.ESCALATION])
    return publish(log_ids=single, digest=digest)


def heartbeat(name: str = REDRIVE_HEARTBEAT) -> None:
    TaskHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def max_attempts() -> int:
    return settings.REMINDER_SEND_MAX_ATTEMPTS


def backoff(attempts: int) -> int:
    """Seconds before attempt ``attempts + 1``: 60, 120, 240, … up to 15 minutes."""
    base = settings.REMINDER_RETRY_BACKOFF_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), 900)


@dataclass(frozen=True)
class Delivery:
    status: str
    retry_in: int | None = None


def _take(log_ids: list[int], now: dt.datetime) -> list[ReminderLog]:
    """Lease the pending rows no one else is sending: one UPDATE (its own short transaction;
    the row lock is held for that statement only), then read back the rows it leased."""
    free = Q(attempt_started_at__isnull=True) | Q(attempt_started_at__lt=now - LEASE)
    leased = (
        ReminderLog.objects.filter(pk__in=log_ids, outcome=PENDING)
        .filter(free)
        .update(attempts=F("attempts") + 1, attempt_started_at=now)
    )
    if not leased:
        return []
    return list(
        ReminderLog.objects.filter(pk__in=log_ids, attempt_started_at=now)
        .select_related("report__assignment__agency", "report__assignment__commune")
        .order_by("pk")
    )


def reminder_deliver(*, log_id: int, now: dt.datetime | None = None) -> Delivery:
    """Send one pending row's e-mail and in-app notices; record what happened."""
    now = now or timezone.now()
    taken = _take([log_id], timezone.now())
    if not taken:
        return Delivery(DUPLICATE)
    log = taken[0]
    report = log.report
    if not report.is_open:
        _finish([log.pk], outcome=ReminderLog.Outcome.SKIPPED)
        return Delivery(SKIPPED)
    users = list(_audience(log.stage, report))
    try:
        message = build_reminder_email(
            report=report, stage=log.stage, users=users, now=now, key=log.key
        )
        if message.email.to:
            message.email.send()
    except Exception as exc:  # any relay error, listed or not: retried, then failed
        return record_failure(log_ids=[log.pk], attempts=log.attempts, error=exc)
    alert = _record_sent(log=log, users=users, message=message)
    if alert is not None:
        reminder_deliver(log_id=alert, now=now)
    return Delivery(SENT if message.email.to else NO_RECIPIENT)


def _audience(stage: str, report: MonthlyReport):
    if stage in (Stage.ESCALATION, Stage.NO_RECIPIENT):
        return office_users()
    return agency_side_users(report)


@transaction.atomic
def _record_sent(*, log: ReminderLog, users: list, message) -> int | None:
    """The outcome, the in-app notices and the counter; the id of a new "no recipient" alert
    row when an agency reminder reached nobody (once per report)."""
    to = message.email.to
    outcome = ReminderLog.Outcome.SENT if to else ReminderLog.Outcome.NO_RECIPIENT
    _finish([log.pk], outcome=outcome, sent_to=to)
    report = log.report
    if log.stage != Stage.RETURNED:  # the return already told them in the portal
        notify(users, title=message.subject, body=message.lead, url=report_url(report))
    if log.stage in (Stage.NO_RECIPIENT, Stage.RETURNED):  # told, not reminded
        return None
    if to:
        MonthlyReport.objects.filter(pk=report.pk).update(reminders_sent=F("reminders_sent") + 1)
        return None
    if log.stage == Stage.ESCALATION:
        return None
    return add_row(report=report, stage=Stage.NO_RECIPIENT, key="")


def add_row(*, report: MonthlyReport, stage: str, key: str) -> int | None:
    """A new pending row; None if the row exists already."""
    try:
        with transaction.atomic():
            row = ReminderLog.objects.create(
                report=report, stage=stage, key=key, outcome=PENDING, published_at=timezone.now()
            )
    except IntegrityError:
        return None
    return row.pk


def _finish(log_ids: list[int], *, outcome: str, sent_to: list | None = None) -> None:
    ReminderLog.objects.filter(pk__in=log_ids).update(
        outcome=outcome,
        sent_at=timezone.now(),
        recipients=len(sent_to or []),
        sent_to=sent_to or [],
        attempt_started_at=None,
        error="",
    )


def record_failure(*, log_ids: list[int], attempts: int, error: BaseException) -> Delivery:
    """A failed attempt: pending again with its error and the moment of the retry, or
    *failed* after the last attempt."""
    text = f"{type(error).__name__}: {error}"[:1000]
    logger.warning("Reminder send failed (attempt %s): %s", attempts, text)
    rows = ReminderLog.objects.filter(pk__in=log_ids)
    if attempts >= max_attempts():
        rows.update(outcome=ReminderLog.Outcome.FAILED, error=text, attempt_started_at=None)
        return Delivery(FAILED)
    delay = backoff(attempts)
    rows.update(
        error=text,
        attempt_started_at=None,
        published_at=timezone.now() + dt.timedelta(seconds=delay),
    )
    return Delivery(RETRY, retry_in=delay)


def escalation_digest_send(*, now: dt.datetime | None = None) -> Delivery:
    """One e-mail to the office for every pending escalation, grouped by agency."""
    now = now or timezone.now()
    pending = ReminderLog.objects.filter(outcome=PENDING, stage=Stage.ESCALATION)
    taken = _take(list(pending.values_list("pk", flat=True)[:REDRIVE_LIMIT]), timezone.now())
    closed = [log.pk for log in taken if not log.report.is_open]
    _finish(closed, outcome=ReminderLog.Outcome.SKIPPED)
    logs = [log for log in taken if log.report.is_open]
    if not logs:
        return Delivery(SKIPPED if taken else DUPLICATE)
    users = list(office_users())
    try:
        message = build_escalation_digest(
            reports=[log.report for log in logs], users=users, now=now
        )
        if message.email.to:
            message.email.send()
    except Exception as exc:  # any relay error: retried, then failed
        attempts = max(log.attempts for log in logs)
        return record_failure(log_ids=[log.pk for log in logs], attempts=attempts, error=exc)
    _record_digest(logs=logs, users=users, message=message)
    return Delivery(SENT if message.email.to else NO_RECIPIENT)


@transaction.atomic
def _record_digest(*, logs: list[ReminderLog], users: list, message) -> None:
    to = message.email.to
    outcome = ReminderLog.Outcome.SENT if to else ReminderLog.Outcome.NO_RECIPIENT
    _finish([log.pk for log in logs], outcome=outcome, sent_to=to)
    url = reverse("sponsorships:monthly_report_completeness")
    notify(users, title=message.subject, body=message.email.body[:2000], url=url)
    if to:
        MonthlyReport.objects.filter(pk__in=[log.report_id for log in logs]).update(
            reminders_sent=F("reminders_sent") + 1
        )
