"""Demo monthly reports (sample data), and the builder the benchmark uses for 10,000 reports.

``load`` opens the reports of the last three months and of the current month for the demo
assignments. Past months get a realistic mix: most accepted on time, one awaiting review, one
late, one returned with a reason, one still missing (already reminded and escalated). The
current month is left in draft so the reminder cycle has work to do. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from communes.models import Commune, Province
from ntm_portal import periods
from ntm_portal.models import User
from sponsorships.models import Agency, Assignment, MonthlyReport, MonthlyReportEvent, ReminderLog
from sponsorships.selectors.report_recipients import has_reachable_recipient
from sponsorships.services.monthly_reports import monthly_reports_open
from sponsorships.services.report_messages import province_tz
from sponsorships.services.report_summaries import report_counts_kept

Status = MonthlyReport.Status
Action = MonthlyReportEvent.Action
TEXTS = {
    "difficulties": "Nguồn vốn đối ứng của xã còn hạn chế; thời tiết mưa nhiều làm chậm thi công.",
    "proposals": "Đề nghị tỉnh ưu tiên bố trí vốn lồng ghép cho tiêu chí giao thông và chợ.",
    "next_month_plan": "Hoàn thành hạng mục đang thi công; tập huấn Ban quản lý xây dựng NTM xã.",
}
RETURN_REASON = "Chưa nêu kết quả cụ thể của tiêu chí trọng tâm; đề nghị bổ sung số liệu."
# The fate of the i-th report of a past month, cycling (i % len): what the office sees.
PAST_OUTCOMES = ["accepted", "missing", "accepted_late", "submitted", "returned", "accepted"]


def load(*, province: Province, **_: Any) -> None:
    """Open and fill monthly reports for the demo assignments of ``province``."""
    now = timezone.now()
    current = periods.current_period(now, province_tz())
    office = User.objects.filter(role=User.Role.COORDINATION_OFFICE).order_by("pk").first()
    for offset in (3, 2, 1, 0):
        period = periods.add_months(current, -offset)
        monthly_reports_open(period=period)
        reports = (
            MonthlyReport.objects.filter(period=period, assignment__commune__province=province)
            .select_related("assignment")
            .order_by("assignment__agency__name", "pk")
        )
        if offset and not MonthlyReportEvent.objects.filter(report__in=reports).exists():
            for index, report in enumerate(reports):
                _play(report, PAST_OUTCOMES[(index + offset) % len(PAST_OUTCOMES)], office)


def _submitter(report: MonthlyReport) -> User | None:
    return User.objects.filter(
        role=User.Role.AGENCY_STAFF, agency_id=report.assignment.agency_id
    ).first()


def _play(report: MonthlyReport, outcome: str, office: User | None) -> None:
    """Write one past report's story directly (sample data, not a user's action)."""
    if outcome == "missing":
        return _chased(report)
    due = report.due_at
    submitted_at = (
        due + dt.timedelta(days=3) if outcome == "accepted_late" else due - dt.timedelta(days=2)
    )
    staff = _submitter(report)
    status = {"returned": Status.RETURNED, "submitted": Status.SUBMITTED}.get(
        outcome, Status.ACCEPTED
    )
    reports = MonthlyReport.objects.filter(pk=report.pk)
    with report_counts_kept(reports):  # written around the services: counted as they count
        reports.update(
            status=status,
            submitted_at=submitted_at,
            submitted_by=staff,
            is_late=submitted_at > due,
            next_reminder_at=None,
            version=F("version") + 1,
            **TEXTS,
        )
    events = [(Action.SUBMITTED, staff, "", submitted_at)]
    if status == Status.ACCEPTED:
        events.append((Action.ACCEPTED, office, "", submitted_at + dt.timedelta(days=2)))
    if status == Status.RETURNED:
        events.append((Action.RETURNED, office, RETURN_REASON, submitted_at + dt.timedelta(days=1)))
    for action, actor, reason, moment in events:
        event = MonthlyReportEvent.objects.create(
            report=report, action=action, actor=actor, reason=reason
        )
        MonthlyReportEvent.objects.filter(pk=event.pk).update(created_at=moment)
    return None


def _chased(report: MonthlyReport) -> None:
    """A report never sent: it has had every reminder, and the office has been told. Reminders
    to an agency side nobody can reach are logged and counted as the send service would."""
    reached = MonthlyReport.objects.filter(pk=report.pk).filter(has_reachable_recipient()).exists()
    outcome = ReminderLog.Outcome.SENT if reached else ReminderLog.Outcome.NO_RECIPIENT
    Stage = ReminderLog.Stage
    logs = [
        ReminderLog(report=report, stage=stage, recipients=int(reached), outcome=outcome)
        for stage in (Stage.BEFORE_DUE, Stage.DUE, Stage.OVERDUE)
    ]
    logs.append(ReminderLog(report=report, stage=Stage.ESCALATION, recipients=1))
    if not reached:
        logs.append(ReminderLog(report=report, stage=Stage.NO_RECIPIENT, recipients=1))
    for log in logs:
        log.sent_at = timezone.now()
    ReminderLog.objects.bulk_create(logs, ignore_conflicts=True)
    counted = [log for log in logs if log.stage != Stage.NO_RECIPIENT and log.recipients]
    MonthlyReport.objects.filter(pk=report.pk).update(
        next_reminder_at=None, reminders_sent=len(counted)
    )


# --- benchmark --------------------------------------------------------------------------------


@transaction.atomic
def bench_build(*, count: int, period: dt.date) -> int:
    """``count`` open reports for ``period`` in a few bulk INSERTs (for bench/run.py).

    Needs at least one commune. Creates one benchmark agency per 100 assignments, ``count``
    assignments spread over the existing communes, then opens the period with the same service
    the beat task uses. Returns the number of reports of the period.
    """
    communes = list(Commune.objects.values_list("pk", flat=True)[:count])
    Agency.objects.bulk_create(
        [
            Agency(name=f"Cơ quan thử tải {n}", kind=Agency.Kind.OTHER)
            for n in range(count // 100 + 1)
        ],
        ignore_conflicts=True,
    )
    agency_ids = list(
        Agency.objects.filter(name__startswith="Cơ quan thử tải").values_list("pk", flat=True)
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                agency_id=agency_ids[i % len(agency_ids)],
                commune_id=communes[i % len(communes)],
                start_date=period,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    monthly_reports_open(period=period)
    return MonthlyReport.objects.filter(period=period).count()


def bench_sweep(*, period: dt.date, send: bool = False) -> dict[str, float | int]:
    """Time the reminder sweep at the "overdue" moment of ``period``.

    ``send=False`` times the claim and the enqueueing only (what the hourly beat task does
    before the workers take over); ``send=True`` also runs every per-report send in-process.
    """
    from django.db import connection  # noqa: PLC0415 (benchmark only)
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from sponsorships.services import reminders  # noqa: PLC0415

    tz = province_tz()
    due_day = periods.due_date(period, 20)
    now = dt.datetime.combine(due_day + dt.timedelta(days=1), dt.time(9), tzinfo=tz)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        if send:
            result = reminders.monthly_report_reminders_send_due(now=now)
        else:
            with _queued_only():
                result = reminders.monthly_report_reminders_send_due(now=now)
    return {
        "seconds": time.perf_counter() - started,
        "claimed": result.claimed,
        "enqueued": result.enqueued,
        "queries": len(queries.captured_queries),
    }


class _queued_only:
    """Swap the per-report task for a no-op while timing the sweep itself."""

    def __enter__(self):
        from sponsorships import tasks  # noqa: PLC0415

        self.tasks, self.original = tasks, tasks.monthly_report_reminder_send_task.delay
        tasks.monthly_report_reminder_send_task.delay = lambda *args, **kwargs: None
        return self

    def __exit__(self, *exc):
        self.tasks.monthly_report_reminder_send_task.delay = self.original
