"""Reminders for monthly reports not yet submitted: the hourly sweep, "remind now", the send.

"Never twice" and "never lost" hold by construction:

1. The sweep *claims* due reports with a conditional UPDATE of ``next_reminder_at`` from the
   value it read to the next reminder moment, and in the same transaction writes one *pending*
   ReminderLog row per reminder owed (unique report + stage + key). A second sweep running at
   the same time matches nothing; on PostgreSQL the batch is also read with
   ``SELECT … FOR UPDATE SKIP LOCKED``, so two sweeps never even pick the same rows.
2. The rows are published to the broker after the commit. Whatever is not published (a worker
   killed, the broker down) stays pending and the re-drive publishes it (reminder_outbox.py).
   The sends go a batch of rows to a task (reminder_batches.py): leased, made outside any
   transaction over one relay connection, and recorded in bulk.

The office's "remind now" uses stage ``manual`` keyed by the local date: the button can be
pressed any number of times, and each missing report gets at most one manual reminder a day.
A returned report starts a fresh schedule, due MONTHLY_REPORT_RETURN_DAYS after its return and
keyed by the number of returns ("r1", "r2", …), read from its review trail.

A reminder that finds no e-mail address (selectors/report_recipients.py) is still logged, with
outcome ``no_recipient``, and is not counted in ``reminders_sent``. It tells the office at once
through a row of stage ``no_recipient`` (empty key): once per report, however many stages,
sweeps, retries or "remind now" clicks find nobody. Escalations go to the office as one digest
per sweep, grouped by agency (``escalation_digest_send``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ntm_portal import periods
from sponsorships import report_permissions as perms
from sponsorships.models import (
    OPEN_REPORT_STATUSES,
    MonthlyReport,
    MonthlyReportEvent,
    ReminderLog,
)
from sponsorships.selectors.report_recipients import has_reachable_recipient
from sponsorships.services import reminder_batches
from sponsorships.services import reminder_outbox as outbox
from sponsorships.services.reminder_emails import (  # noqa: F401 (re-exported)
    ReminderMessage,
    build_reminder_email,
    reminder_lead,
)
from sponsorships.services.reminder_outbox import (  # noqa: F401 (re-exported)
    DUPLICATE,
    NO_RECIPIENT,
    SENT,
    SKIPPED,
    ReminderQueueUnavailable,
)
from sponsorships.services.report_messages import province_tz, reminder_policy, return_due_day

SWEEP_BATCH_SIZE = 500
PENDING = ReminderLog.Outcome.PENDING


def round_key(returns: int) -> str:
    """The key of a schedule's stages: empty for the first, "r1", "r2", … after each return."""
    return f"r{returns}" if returns else ""


def _return_annotations() -> dict:
    """How many times each report was returned, and when last (two scalar subqueries, so the
    batch can still be read FOR UPDATE)."""
    returned = MonthlyReportEvent.objects.filter(
        report=OuterRef("pk"), action=MonthlyReportEvent.Action.RETURNED
    )
    count = returned.order_by().values("report").annotate(n=Count("pk")).values("n")
    return {
        "returns": Coalesce(Subquery(count), 0),
        "returned_at": Subquery(returned.order_by("-created_at").values("created_at")[:1]),
    }


def _schedule(status: str, due_at, returns: int, returned_at) -> tuple[dt.date, str]:
    """The due day a report's reminders count from now, and the key of that schedule."""
    if status == MonthlyReport.Status.RETURNED and returned_at is not None:
        return return_due_day(returned_at), round_key(returns)
    return periods.local_date(due_at, province_tz()), round_key(0)


@dataclass
class SweepResult:
    claimed: int = 0
    enqueued: int = 0  # reminders written to the outbox (and published unless the broker failed)
    unpublished: int = 0  # of those, left pending for the re-drive because the broker failed
    redriven: int = 0
    has_escalation: bool = field(default=False, repr=False)


def monthly_report_reminders_send_due(
    *, now: dt.datetime | None = None, batch_size: int = SWEEP_BATCH_SIZE
) -> SweepResult:
    """Re-drive what an earlier run left, then claim every report whose reminder moment has
    passed, write its reminders to the outbox and publish them."""
    now = now or timezone.now()
    result = SweepResult()
    try:
        result.redriven = outbox.reminders_redrive()
    except ReminderQueueUnavailable:
        result.unpublished += 1
    while _sweep_batch(now, batch_size, result) == batch_size:
        pass
    if result.has_escalation:
        transaction.on_commit(lambda: _publish(result, [], digest=True))
    return result


def _publish(result: SweepResult, log_ids: list[int], *, digest: bool = False) -> None:
    try:
        outbox.publish(log_ids=log_ids, digest=digest)
    except ReminderQueueUnavailable:
        result.unpublished += len(log_ids) + int(digest)


@transaction.atomic
def _sweep_batch(now: dt.datetime, batch_size: int, result: SweepResult) -> int:
    due = MonthlyReport.objects.filter(
        status__in=OPEN_REPORT_STATUSES, next_reminder_at__lte=now
    ).order_by("next_reminder_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True, of=("self",))
    fields = ("pk", "next_reminder_at", "status", "due_at", "returns", "returned_at")
    rows = list(due.annotate(**_return_annotations()).values_list(*fields)[:batch_size])
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, next_at, *schedule in rows:
        groups[(next_at, *_schedule(*schedule))].append(pk)
    stamp = timezone.now()
    logs = []
    for (old_next_at, due_day, key), ids in groups.items():
        won, stages = _claim(ids, old_next_at, due_day, now)
        result.claimed += won
        if won:
            logs += [outbox.pending_row(pk, stage, key, stamp) for pk in ids for stage in stages]
    _write_and_publish(logs, stamp, result)
    return len(rows)


def _write_and_publish(logs: list[ReminderLog], stamp: dt.datetime, result: SweepResult) -> None:
    """Insert the rows (an existing one is left alone), then publish the new ones on commit;
    escalations wait for the sweep's one digest."""
    if not logs:
        return
    ReminderLog.objects.bulk_create(logs, ignore_conflicts=True)
    new = ReminderLog.objects.filter(
        report_id__in={log.report_id for log in logs}, outcome=PENDING, published_at=stamp
    ).values_list("pk", "stage")
    single = []
    for pk, stage in new:
        if stage == ReminderLog.Stage.ESCALATION:
            result.has_escalation = True
        else:
            single.append(pk)
        result.enqueued += 1
    transaction.on_commit(lambda: _publish(result, single))


def _claim(ids: list[int], old_next_at: dt.datetime, due_day: dt.date, now: dt.datetime):
    """Move ``next_reminder_at`` on from the value read; the rowcount says who won.

    Should another sweep have claimed some of these rows in between (possible only without
    row locks, e.g. on SQLite), the rows are written anyway and the ReminderLog constraint
    stops the duplicates.
    """
    tz, policy = province_tz(), reminder_policy()
    won = MonthlyReport.objects.filter(
        pk__in=ids, next_reminder_at=old_next_at, status__in=OPEN_REPORT_STATUSES
    ).update(next_reminder_at=periods.next_reminder_at(due_day, now, tz, policy))
    return won, periods.reminder_stages_due(due_day, now, tz, policy)


@dataclass
class RemindNowResult:
    reached: int  # reports with someone to receive the reminder
    no_recipient: int  # reports with nobody (each still logged, and the office told once)
    is_queued: bool = True  # False: the broker was down; the reminders wait in the outbox


def monthly_report_remind_now(
    *, period: dt.date, actor, now: dt.datetime | None = None
) -> RemindNowResult:
    """The office chases every report of ``period`` still not submitted.

    Who can be reached is read now, from the same definition the sends will use, so the office
    learns it at the click rather than after the queued tasks have run.
    """
    if not perms.can_send_report_reminders(actor):
        raise PermissionDenied(_("Chỉ văn phòng điều phối mới được gửi nhắc nhở."))
    now = now or timezone.now()
    key = periods.local_date(now, province_tz()).isoformat()
    with transaction.atomic():
        rows = list(
            MonthlyReport.objects.filter(period=period, status__in=OPEN_REPORT_STATUSES)
            .annotate(has_recipient=has_reachable_recipient())
            .values_list("pk", "has_recipient")
        )
        reached = sum(1 for _pk, has_recipient in rows if has_recipient)
        result = RemindNowResult(reached=reached, no_recipient=len(rows) - reached)
        stamp = timezone.now()
        logs = [outbox.pending_row(pk, ReminderLog.Stage.MANUAL, key, stamp) for pk, _has in rows]
        ReminderLog.objects.bulk_create(logs, ignore_conflicts=True)
        new = list(
            ReminderLog.objects.filter(
                stage=ReminderLog.Stage.MANUAL, key=key, published_at=stamp, outcome=PENDING
            ).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: _publish_manual(result, new))
    return result


def _publish_manual(result: RemindNowResult, log_ids: list[int]) -> None:
    try:
        outbox.publish(log_ids=log_ids)
    except ReminderQueueUnavailable:
        result.is_queued = False


def monthly_report_reminder_send(
    *, report_id: int, stage: str, key: str = "", now: dt.datetime | None = None
) -> str:
    """Send one reminder for one report and stage now (writing its row if need be), at most
    once: the synchronous path of the outbox, for "catch-up" scripts and tests."""
    report = MonthlyReport.objects.filter(pk=report_id).first()
    if report is None or not report.is_open:
        return SKIPPED
    row, _created = ReminderLog.objects.get_or_create(
        report=report,
        stage=stage,
        key=key,
        defaults={"outcome": PENDING, "published_at": timezone.now()},
    )
    return reminder_batches.reminder_deliver(log_id=row.pk, now=now).status


def monthly_report_returned_next_reminder_at(*, now: dt.datetime) -> dt.datetime | None:
    """The first reminder of the fresh schedule of a report returned at ``now``."""
    tz, policy = province_tz(), reminder_policy()
    return periods.next_reminder_at(return_due_day(now), now, tz, policy)


def monthly_report_return_email(*, report: MonthlyReport) -> None:
    """Write the "returned" e-mail row of the report's latest return; publish on commit."""
    returns = report.events.filter(action=MonthlyReportEvent.Action.RETURNED).count()
    log_id = outbox.add_row(report=report, stage=ReminderLog.Stage.RETURNED, key=round_key(returns))
    if log_id is not None:
        outbox.publish_on_commit(log_ids=[log_id])
