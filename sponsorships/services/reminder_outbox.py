"""The reminder outbox at work: publishing pending rows, the re-drive, the lease, the outcomes.

No network I/O happens inside a database transaction. A send *claims* its rows in one short
transaction (``SELECT … FOR UPDATE SKIP LOCKED``, then a lease: ``attempt_started_at``,
``attempts`` + 1; the report is not locked, so the agency can submit meanwhile), talks to the
mail relay outside any transaction, and records the outcomes in another short one. Any
exception from the relay counts as a failed attempt: the row stays pending with its error and
is tried again with backoff, and after the last attempt it is *failed*, which the office sees on
the completeness page and the report's page. The sends themselves, a batch of rows per task,
are in reminder_batches.py.

Publishing happens after the commit that wrote the rows: one task per REMINDER_SEND_BATCH_SIZE
rows. If the broker cannot be reached the rows simply stay pending: ``reminders_redrive``
(beat, every few minutes, and each sweep at its start) publishes again every pending row whose
publication is older than ``REDRIVE_AFTER``. A duplicate task is harmless: the lease and the
outcome let only one of them send.

A crash between the relay accepting a message and its outcome being recorded leaves the row
pending with its lease; it is sent again once the lease expires: at least once there (a batch
records its outcomes every few seconds, so that window is short), exactly once everywhere else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from ntm_portal.bulk import per_row
from sponsorships.models import MonthlyReport, ReminderLog, TaskHeartbeat
from sponsorships.services.reminder_emails import build_escalation_digest
from sponsorships.services.report_messages import notify, office_users

logger = logging.getLogger(__name__)
PENDING = ReminderLog.Outcome.PENDING
Stage = ReminderLog.Stage
REDRIVE_AFTER = dt.timedelta(minutes=5)
LEASE = dt.timedelta(minutes=10)  # longer than any batch (CELERY_TASK_TIME_LIMIT, 180 s)
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
    """One send task per batch of rows (and the escalation digest if asked), then stamp the
    rows."""
    from sponsorships.tasks import (  # noqa: PLC0415 (tasks import services)
        monthly_report_escalation_digest_task,
        monthly_report_reminders_deliver_task,
    )

    _stamp(log_ids)  # first: a send claiming rows this UPDATE still locked would skip them
    published = 0
    try:
        with current_app.producer_or_acquire() as producer:  # one connection for them all
            for batch in batches(log_ids):
                monthly_report_reminders_deliver_task.apply_async((batch,), producer=producer)
                published += len(batch)
            if digest:
                monthly_report_escalation_digest_task.apply_async(producer=producer)
    except BROKER_ERRORS as exc:
        logger.warning("Reminder queue unavailable; %s row(s) wait for the re-drive", len(log_ids))
        raise ReminderQueueUnavailable(str(exc)) from exc
    return published


def batches(log_ids: list[int]) -> list[list[int]]:
    size = settings.REMINDER_SEND_BATCH_SIZE
    return [log_ids[start : start + size] for start in range(0, len(log_ids), size)]


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


# What a claimed row comes with: its report, the report's agency and commune.
CLAIMED_WITH = ("report__assignment__agency", "report__assignment__commune")


def claim(log_ids: list[int], now: dt.datetime) -> list[ReminderLog]:
    """Lease the pending rows no one else is sending, with their reports.

    On PostgreSQL the rows are read ``FOR UPDATE SKIP LOCKED``: a concurrent claim of the same
    rows takes none of them instead of waiting, and once this one commits the lease keeps them.
    A row some other statement holds at that instant is skipped too and waits for the re-drive;
    so ``publish`` stamps the rows before it publishes them, not after.
    """
    free = Q(attempt_started_at__isnull=True) | Q(attempt_started_at__lt=now - LEASE)
    rows = ReminderLog.objects.filter(pk__in=log_ids, outcome=PENDING).filter(free)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    with transaction.atomic():
        logs = list(rows.select_related(*CLAIMED_WITH).order_by("pk"))
        if logs:
            leased = ReminderLog.objects.filter(pk__in=[log.pk for log in logs])
            leased.update(attempts=F("attempts") + 1, attempt_started_at=now)
    for log in logs:
        log.attempts += 1
        log.attempt_started_at = now
    return logs


def pending_row(report_id: int, stage: str, key: str, stamp: dt.datetime) -> ReminderLog:
    """An unsaved pending row published at ``stamp`` (for bulk inserts)."""
    return ReminderLog(
        report_id=report_id, stage=stage, key=key, outcome=PENDING, published_at=stamp
    )


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


def finish(log_ids: list[int], *, outcome: str, sent_to: list | None = None) -> None:
    ReminderLog.objects.filter(pk__in=log_ids).update(
        outcome=outcome,
        sent_at=timezone.now(),
        recipients=len(sent_to or []),
        sent_to=sent_to or [],
        attempt_started_at=None,
        error="",
    )


def record_failures(failures: list[tuple[ReminderLog, BaseException]]) -> int | None:
    """Failed attempts, in one UPDATE: each row pending again with its error and the moment of
    its retry, or *failed* after its last attempt. The soonest retry (seconds), if any."""
    now, retries = timezone.now(), []
    for log, error in failures:
        log.error = f"{type(error).__name__}: {error}"[:1000]
        log.attempt_started_at = None
        if log.attempts >= max_attempts():
            log.outcome = ReminderLog.Outcome.FAILED
        else:
            retries.append(backoff(log.attempts))
            log.published_at = now + dt.timedelta(seconds=retries[-1])
    logs = {log.pk: log for log, _error in failures}
    ReminderLog.objects.filter(pk__in=logs).update(
        attempt_started_at=None,
        **{name: _per_row(logs, name) for name in ("error", "outcome", "published_at")},
    )
    logger.warning("%s reminder send(s) failed, e.g. %s", len(logs), failures[0][0].error)
    return min(retries, default=None)


def _per_row(logs: dict[int, ReminderLog], name: str):
    return per_row(ReminderLog, name, {pk: getattr(log, name) for pk, log in logs.items()})


def escalation_digest_send(*, now: dt.datetime | None = None) -> Delivery:
    """One e-mail to the office for every pending escalation, grouped by agency."""
    now = now or timezone.now()
    pending = ReminderLog.objects.filter(outcome=PENDING, stage=Stage.ESCALATION)
    taken = claim(list(pending.values_list("pk", flat=True)[:REDRIVE_LIMIT]), timezone.now())
    closed = [log.pk for log in taken if not log.report.is_open]
    finish(closed, outcome=ReminderLog.Outcome.SKIPPED)
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
        retry_in = record_failures([(log, exc) for log in logs])
        return Delivery(FAILED if retry_in is None else RETRY, retry_in=retry_in)
    _record_digest(logs=logs, users=users, message=message)
    return Delivery(SENT if message.email.to else NO_RECIPIENT)


@transaction.atomic
def _record_digest(*, logs: list[ReminderLog], users: list, message) -> None:
    to = message.email.to
    outcome = ReminderLog.Outcome.SENT if to else ReminderLog.Outcome.NO_RECIPIENT
    finish([log.pk for log in logs], outcome=outcome, sent_to=to)
    url = reverse("sponsorships:monthly_report_completeness")
    notify(users, title=message.subject, body=message.email.body[:2000], url=url)
    if to:
        MonthlyReport.objects.filter(pk__in=[log.report_id for log in logs]).update(
            reminders_sent=F("reminders_sent") + 1
        )
