"""Reminders for monthly reports not yet submitted: the hourly sweep and the per-report send.

"Never twice" holds by construction, in two layers:

1. The sweep *claims* due reports with a conditional UPDATE of ``next_reminder_at`` from the
   value it read to the next reminder moment. A second sweep running at the same time (beat
   firing twice, two workers) matches nothing and enqueues nothing. On PostgreSQL the batch is
   also read with ``SELECT … FOR UPDATE SKIP LOCKED``, so two sweeps never even pick the same rows.
2. The send service INSERTs the ReminderLog row (unique report + stage + key) in the same
   transaction as the send, after locking the report row. A duplicate task (a retry, a redelivery
   after a worker crash, a sweep that lost a race) hits the unique constraint and sends nothing;
   a report submitted meanwhile is seen as submitted and gets nothing. If the email fails, the
   transaction rolls back with its log row, and the task's retry may send it (still once).

The office's "remind now" uses stage ``manual`` keyed by the local date: the button can be
pressed any number of times, and each missing report gets at most one manual reminder a day.

A reminder that finds no e-mail address (selectors/report_recipients.py) is still logged, with
outcome ``no_recipient``, and is not counted in ``reminders_sent``. It tells the office at once
through a log row of stage ``no_recipient`` (empty key): the same constraint makes that alert
once per report, however many stages, sweeps, retries or "remind now" clicks find nobody.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ntm_portal import periods
from sponsorships import report_permissions as perms
from sponsorships.models import OPEN_REPORT_STATUSES, MonthlyReport, ReminderLog
from sponsorships.selectors.report_recipients import has_reachable_recipient
from sponsorships.services.report_messages import (
    agency_side_users,
    notify,
    office_users,
    province_tz,
    reminder_policy,
    report_due_day,
    report_url,
)

SENT = "sent"
NO_RECIPIENT = "no_recipient"
DUPLICATE = "duplicate"
SKIPPED = "skipped"
SWEEP_BATCH_SIZE = 500


@dataclass(frozen=True)
class SweepResult:
    claimed: int
    enqueued: int


def _enqueue(report_id: int, stage: str, key: str = "") -> None:
    from sponsorships.tasks import monthly_report_reminder_send_task  # tasks import services

    transaction.on_commit(partial(monthly_report_reminder_send_task.delay, report_id, stage, key))


def monthly_report_reminders_send_due(
    *, now: dt.datetime | None = None, batch_size: int = SWEEP_BATCH_SIZE
) -> SweepResult:
    """Claim every report whose reminder moment has passed and enqueue its reminders."""
    now = now or timezone.now()
    claimed = enqueued = 0
    while True:
        batch_claimed, batch_enqueued, picked = _sweep_batch(now, batch_size)
        claimed += batch_claimed
        enqueued += batch_enqueued
        if picked < batch_size:
            return SweepResult(claimed=claimed, enqueued=enqueued)


@transaction.atomic
def _sweep_batch(now: dt.datetime, batch_size: int) -> tuple[int, int, int]:
    due = MonthlyReport.objects.filter(
        status__in=OPEN_REPORT_STATUSES, next_reminder_at__lte=now
    ).order_by("next_reminder_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True)
    rows = list(due.values_list("pk", "next_reminder_at", "due_at")[:batch_size])
    groups: dict[tuple[dt.datetime, dt.datetime], list[int]] = defaultdict(list)
    for pk, next_at, due_at in rows:
        groups[(next_at, due_at)].append(pk)
    claimed = enqueued = 0
    for (old_next_at, due_at), ids in groups.items():
        won, stages = _claim(ids, old_next_at, due_at, now)
        claimed += won
        if won:
            for pk in ids:
                for stage in stages:
                    _enqueue(pk, stage)
                    enqueued += 1
    return claimed, enqueued, len(rows)


def _claim(ids: list[int], old_next_at: dt.datetime, due_at: dt.datetime, now: dt.datetime):
    """Move ``next_reminder_at`` on from the value read; the rowcount says who won.

    Should another sweep have claimed some of these rows in between (possible only without
    row locks, e.g. on SQLite), the reminders are enqueued anyway and the ReminderLog
    constraint stops the duplicates.
    """
    tz, policy = province_tz(), reminder_policy()
    due_day = periods.local_date(due_at, tz)
    won = MonthlyReport.objects.filter(
        pk__in=ids, next_reminder_at=old_next_at, status__in=OPEN_REPORT_STATUSES
    ).update(next_reminder_at=periods.next_reminder_at(due_day, now, tz, policy))
    return won, periods.reminder_stages_due(due_day, now, tz, policy)


@dataclass(frozen=True)
class RemindNowResult:
    reached: int  # reports with someone to receive the reminder
    no_recipient: int  # reports with nobody (each still logged, and the office told once)


@transaction.atomic
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
    rows = list(
        MonthlyReport.objects.filter(period=period, status__in=OPEN_REPORT_STATUSES)
        .annotate(has_recipient=has_reachable_recipient())
        .values_list("pk", "has_recipient")
    )
    for pk, _has_recipient in rows:
        _enqueue(pk, ReminderLog.Stage.MANUAL, key)
    reached = sum(1 for _pk, has_recipient in rows if has_recipient)
    return RemindNowResult(reached=reached, no_recipient=len(rows) - reached)


@transaction.atomic
def monthly_report_reminder_send(
    *, report_id: int, stage: str, key: str = "", now: dt.datetime | None = None
) -> str:
    """Send one reminder (email + in-app) for one report and stage, at most once."""
    report = (
        MonthlyReport.objects.select_for_update(of=("self",))
        .select_related("assignment__agency", "assignment__commune")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not report.is_open:
        return SKIPPED
    log = _claim_log(report, stage, key)
    if log is None:
        return DUPLICATE
    now = now or timezone.now()
    is_escalation = stage == ReminderLog.Stage.ESCALATION
    users = list(office_users() if is_escalation else agency_side_users(report))
    if _deliver(log=log, report=report, users=users, now=now):
        MonthlyReport.objects.filter(pk=report.pk).update(reminders_sent=F("reminders_sent") + 1)
        return SENT
    if not is_escalation:
        _alert_office_no_recipient(report=report, now=now)
    return NO_RECIPIENT


def _claim_log(report: MonthlyReport, stage: str, key: str) -> ReminderLog | None:
    """Insert the log row that entitles the caller to send; None if someone already has."""
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(report=report, stage=stage, key=key)
    except IntegrityError:
        return None


def _deliver(*, log: ReminderLog, report: MonthlyReport, users: list, now: dt.datetime) -> bool:
    """Notify ``users`` in the portal, e-mail those with an address, and record the outcome;
    True if an e-mail went to someone."""
    message = build_reminder_email(report=report, stage=log.stage, users=users, now=now)
    notify(users, title=message.subject, body=message.lead, url=report_url(report))
    if message.email.to:
        message.email.send()
    log.sent_at = timezone.now()
    log.recipients = len(message.email.to)
    log.outcome = ReminderLog.Outcome.SENT if log.recipients else ReminderLog.Outcome.NO_RECIPIENT
    log.save(update_fields=["sent_at", "recipients", "outcome"])
    return bool(log.recipients)


def _alert_office_no_recipient(*, report: MonthlyReport, now: dt.datetime) -> None:
    """Tell the office that nobody can receive this report's reminders: once per report."""
    log = _claim_log(report, ReminderLog.Stage.NO_RECIPIENT, "")
    if log is not None:
        _deliver(log=log, report=report, users=list(office_users()), now=now)


@dataclass(frozen=True)
class ReminderMessage:
    subject: str
    lead: str
    email: EmailMultiAlternatives


def reminder_lead(*, report: MonthlyReport, stage: str, due_day: dt.date, days_late: int) -> str:
    """The one sentence that says why this reminder comes now (also the notification's body)."""
    values = {
        "period": f"{report.period:%m/%Y}",
        "report": report.assignment,
        "due": f"{due_day:%d/%m/%Y}",
        "days": days_late,
    }
    leads = {
        ReminderLog.Stage.BEFORE_DUE: _(
            "Báo cáo tháng %(period)s (%(report)s) đến hạn ngày %(due)s. "
            "Vui lòng hoàn thành và gửi trước hạn."
        ),
        ReminderLog.Stage.DUE: _(
            "Hôm nay, %(due)s, là hạn gửi báo cáo tháng %(period)s (%(report)s)."
        ),
        ReminderLog.Stage.OVERDUE: _(
            "Báo cáo tháng %(period)s (%(report)s) đã quá hạn %(due)s mà chưa được gửi."
        ),
        ReminderLog.Stage.ESCALATION: _(
            "Báo cáo tháng %(period)s (%(report)s) đã quá hạn %(days)s ngày "
            "(hạn %(due)s) mà cơ quan giúp đỡ chưa gửi."
        ),
        ReminderLog.Stage.MANUAL: _(
            "Văn phòng điều phối nhắc: báo cáo tháng %(period)s (%(report)s) chưa được gửi "
            "(hạn %(due)s)."
        ),
        ReminderLog.Stage.NO_RECIPIENT: _(
            "Không ai nhận được nhắc nhở về báo cáo tháng %(period)s (%(report)s, hạn %(due)s): "
            "cơ quan giúp đỡ và xã không có tài khoản nào đang hoạt động có thư điện tử."
        ),
    }
    return leads[stage] % values


OFFICE_EMAILS = {
    ReminderLog.Stage.ESCALATION: "monthly_report_escalation",
    ReminderLog.Stage.NO_RECIPIENT: "monthly_report_no_recipient",
}


def build_reminder_email(
    *, report: MonthlyReport, stage: str, users: list, now: dt.datetime
) -> ReminderMessage:
    """One email per report and stage, to every recipient who has an address, in Vietnamese."""
    name = OFFICE_EMAILS.get(stage, "monthly_report_reminder")
    due_day = report_due_day(report)
    days_late = (periods.local_date(now, province_tz()) - due_day).days
    with translation.override("vi"):
        context = {
            "report": report,
            "stage": stage,
            "due_day": due_day,
            "lead": reminder_lead(report=report, stage=stage, due_day=due_day, days_late=days_late),
            "url": report_url(report, absolute=True),
        }
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
    recipients = sorted({user.email for user in users if user.email})
    email = EmailMultiAlternatives(subject=subject, body=text, to=recipients)
    email.attach_alternative(html, "text/html")
    return ReminderMessage(subject=subject, lead=context["lead"], email=email)
