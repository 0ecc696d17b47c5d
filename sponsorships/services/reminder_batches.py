"""Reminder sends in batches: one task sends up to REMINDER_SEND_BATCH_SIZE outbox rows.

A batch costs a fixed number of queries whatever its size: the claim (the rows with their
reports, agencies and communes, then the lease), the returns of the returned reports if any,
the recipients of every report at once, and the outcomes (one bulk UPDATE, one INSERT of the
in-app notices, one UPDATE of the counters). The e-mails go out over one relay connection
(ntm_portal/relay.py): a refused address fails its own row only; a relay that fails or stalls
fails the rest of the batch, which stays pending for the retry (or *failed* after its last
attempt) and is never marked sent.

Never twice: only the claimer of a pending row sends it, and a retried batch claims only the
rows still pending. The outcomes are recorded at checkpoints (every
REMINDER_SEND_CHECKPOINT_SECONDS and at the end), so a worker killed mid-batch (SIGKILL, the
OOM killer) re-sends, once its lease expires, only the messages the relay accepted since the
last checkpoint: the documented "at least once" window of reminder_outbox.py.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.query import prefetch_related_objects
from django.utils import timezone

from ntm_portal import relay
from ntm_portal.bulk import per_row
from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.selectors.report_recipients import agency_side_users_of
from sponsorships.services import reminder_outbox as outbox
from sponsorships.services.reminder_emails import ReminderMessage, build_reminder_email
from sponsorships.services.report_messages import (
    notifications,
    office_users,
    report_url,
    returns_prefetch,
)

Stage = ReminderLog.Stage
Outcome = ReminderLog.Outcome
OFFICE_STAGES = (Stage.ESCALATION, Stage.NO_RECIPIENT)
TOLD_NOT_REMINDED = (Stage.NO_RECIPIENT, Stage.RETURNED)  # not counted in reminders_sent


@dataclass
class BatchDelivery:
    statuses: dict[int, str] = field(default_factory=dict)  # row id: SENT, RETRY, …
    retry_in: int | None = None  # the soonest retry of a failed row, seconds
    alerts: list[int] = field(default_factory=list)  # new "no recipient" rows to send

    @property
    def status(self) -> str:
        counts = Counter(self.statuses.values())
        return ", ".join(f"{name}: {count}" for name, count in sorted(counts.items()))

    def retry_after(self, seconds: int | None) -> None:
        if seconds is not None:
            self.retry_in = min(seconds, self.retry_in or seconds)


@dataclass
class Letter:
    log: ReminderLog
    users: list
    message: ReminderMessage | None = None
    error: Exception | None = None  # could not be written


def reminders_deliver_batch(*, log_ids: list[int], now: dt.datetime | None = None) -> BatchDelivery:
    """Send the pending rows of ``log_ids`` no one else is sending; record what happened."""
    now = now or timezone.now()
    result = BatchDelivery()
    logs = _open_only(outbox.claim(log_ids, timezone.now()), result)
    _send(_letters(logs, now), result)
    if result.alerts:  # told at once: the office's rows never raise alerts themselves
        alerts = reminders_deliver_batch(log_ids=result.alerts, now=now)
        result.statuses.update(alerts.statuses)
        result.retry_after(alerts.retry_in)
    return result


def reminder_deliver(*, log_id: int, now: dt.datetime | None = None) -> outbox.Delivery:
    """Send one pending row (a batch of one): what became of it."""
    result = reminders_deliver_batch(log_ids=[log_id], now=now)
    status = result.statuses.get(log_id, outbox.DUPLICATE)
    return outbox.Delivery(status, retry_in=result.retry_in if status == outbox.RETRY else None)


def _open_only(logs: list[ReminderLog], result: BatchDelivery) -> list[ReminderLog]:
    """The rows whose report is still with the agency; the others are skipped."""
    closed = [log.pk for log in logs if not log.report.is_open]
    if closed:
        outbox.finish(closed, outcome=Outcome.SKIPPED)
    result.statuses.update(dict.fromkeys(closed, outbox.SKIPPED))
    return [log for log in logs if log.report.is_open]


def _letters(logs: list[ReminderLog], now: dt.datetime) -> list[Letter]:
    """Each row's message, from the recipients and returns of the whole batch."""
    returned = [log.report for log in logs if _needs_returns(log)]
    prefetch_related_objects(returned, returns_prefetch())
    agency_side = agency_side_users_of(log.report.assignment for log in logs)
    office = list(office_users()) if any(log.stage in OFFICE_STAGES for log in logs) else []
    return [_letter(log, _audience(log, office, agency_side), now) for log in logs]


def _audience(log: ReminderLog, office: list, agency_side) -> list:
    return office if log.stage in OFFICE_STAGES else agency_side(log.report.assignment)


def _needs_returns(log: ReminderLog) -> bool:
    return log.stage == Stage.RETURNED or log.report.status == MonthlyReport.Status.RETURNED


def _letter(log: ReminderLog, users: list, now: dt.datetime) -> Letter:
    letter = Letter(log=log, users=users)
    try:
        letter.message = build_reminder_email(
            report=log.report, stage=log.stage, users=users, now=now, key=log.key
        )
    except Exception as exc:  # a message that cannot be written fails its own row only
        letter.error = exc
    return letter


def _send(letters: list[Letter], result: BatchDelivery) -> None:
    """Over one connection; the outcomes recorded at each checkpoint and at the end."""
    failed = [(letter.log, letter.error) for letter in letters if letter.error]
    written = [letter for letter in letters if letter.message]
    done = [letter for letter in written if not letter.message.email.to]  # nothing to send
    mailed = [letter for letter in written if letter.message.email.to]
    checkpoint = time.monotonic() + settings.REMINDER_SEND_CHECKPOINT_SECONDS
    errors = relay.send_each([letter.message.email for letter in mailed])  # one per e-mail
    for letter, error in zip(mailed, errors, strict=True):
        if error:
            failed.append((letter.log, error))
        else:
            done.append(letter)
        if time.monotonic() >= checkpoint:
            _record(done, failed, result)
            done, failed = [], []
            checkpoint = time.monotonic() + settings.REMINDER_SEND_CHECKPOINT_SECONDS
    _record(done, failed, result)


def _record(done: list[Letter], failed: list, result: BatchDelivery) -> None:
    if failed:
        result.retry_after(outbox.record_failures(failed))
        result.statuses.update({log.pk: _failure_status(log) for log, _error in failed})
    if done:
        _record_done(done, result)


def _failure_status(log: ReminderLog) -> str:
    return outbox.FAILED if log.outcome == Outcome.FAILED else outbox.RETRY


@transaction.atomic
def _record_done(letters: list[Letter], result: BatchDelivery) -> None:
    """The outcomes, the in-app notices, the counters, and the "no recipient" alerts."""
    sent_to = {letter.log.pk: list(letter.message.email.to) for letter in letters}
    _mark_done(sent_to)
    for letter in letters:
        to = sent_to[letter.log.pk]
        letter.log.sent_to, letter.log.recipients = to, len(to)
        result.statuses[letter.log.pk] = outbox.SENT if to else outbox.NO_RECIPIENT
    told = [letter for letter in letters if letter.log.stage != Stage.RETURNED]  # a return
    Notification.objects.bulk_create([row for letter in told for row in _notices(letter)])
    _count_reminded([letter.log for letter in letters])
    result.alerts += _add_alerts([letter.log for letter in letters])


def _mark_done(sent_to: dict[int, list[str]]) -> None:
    """*sent* to these addresses, or *no recipient* where there were none: one UPDATE."""
    ReminderLog.objects.filter(pk__in=sent_to).update(
        outcome=per_row(ReminderLog, "outcome", {pk: _outcome(to) for pk, to in sent_to.items()}),
        recipients=per_row(ReminderLog, "recipients", {pk: len(to) for pk, to in sent_to.items()}),
        sent_to=per_row(ReminderLog, "sent_to", sent_to),
        sent_at=timezone.now(),
        attempt_started_at=None,
        error="",
    )


def _outcome(to: list[str]) -> str:
    return Outcome.SENT if to else Outcome.NO_RECIPIENT


def _notices(letter: Letter) -> list[Notification]:
    message = letter.message
    url = report_url(letter.log.report)
    return notifications(letter.users, title=message.subject, body=message.lead, url=url)


def _count_reminded(logs: list[ReminderLog]) -> None:
    """``reminders_sent`` + 1 per reminder that reached someone (one UPDATE per distinct
    increment: a catch-up sweep can send two stages of a report in one batch)."""
    counts = Counter(
        log.report_id for log in logs if log.recipients and log.stage not in TOLD_NOT_REMINDED
    )
    by_increment: dict[int, list[int]] = {}
    for report_id, increment in counts.items():
        by_increment.setdefault(increment, []).append(report_id)
    for increment, report_ids in by_increment.items():
        MonthlyReport.objects.filter(pk__in=report_ids).update(
            reminders_sent=F("reminders_sent") + increment
        )


def _add_alerts(logs: list[ReminderLog]) -> list[int]:
    """A pending "no recipient" row for each report an agency reminder reached nobody of
    (once per report: an existing row is left alone); the new rows' ids."""
    report_ids = {
        log.report_id
        for log in logs
        if not log.recipients and log.stage not in (*OFFICE_STAGES, Stage.RETURNED)
    }
    if not report_ids:
        return []
    stamp = timezone.now()
    alerts = [outbox.pending_row(pk, Stage.NO_RECIPIENT, "", stamp) for pk in report_ids]
    ReminderLog.objects.bulk_create(alerts, ignore_conflicts=True)
    new = ReminderLog.objects.filter(
        report_id__in=report_ids, stage=Stage.NO_RECIPIENT, outcome=Outcome.PENDING
    )
    return list(new.filter(published_at=stamp).values_list("pk", flat=True))
