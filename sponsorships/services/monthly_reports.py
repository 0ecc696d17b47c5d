"""Writes of the monthly reporting cycle: open a period, edit a draft, submit, accept, return.

Every state change is a conditional UPDATE on the state (and, for edits, on ``version``), so two
people acting at once cannot both win; the loser gets a clear message and nothing changes.
Every review step leaves a MonthlyReportEvent with its actor and reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ntm_portal import periods
from sponsorships import report_permissions as perms
from sponsorships.models import (
    OPEN_REPORT_STATUSES,
    Assignment,
    MonthlyReport,
    MonthlyReportCriterion,
    MonthlyReportEvent,
    MonthlyReportVersion,
)
from sponsorships.selectors.monthly_reports import monthly_report_criteria_lines
from sponsorships.selectors.report_versions import (
    monthly_report_content,
    report_month_activities,
)
from sponsorships.services import reminders
from sponsorships.services.report_messages import (
    agency_side_users,
    notify,
    office_users,
    province_tz,
    reminder_policy,
    report_url,
)
from sponsorships.services.report_summaries import lock_report_counts, report_counts_kept

Status = MonthlyReport.Status
Action = MonthlyReportEvent.Action


def period_due_at(period: dt.date) -> dt.datetime:
    return periods.due_at(
        period,
        settings.MONTHLY_REPORT_DUE_DAY,
        province_tz(),
        settings.MONTHLY_REPORT_WEEKEND_RULE,
    )


@transaction.atomic
def monthly_reports_open(*, period: dt.date) -> int:
    """Create the report every assignment active in ``period`` owes; returns how many are new.

    Safe to run again and concurrently: the unique (assignment, period) constraint with
    ``ignore_conflicts`` makes a second run a no-op.
    """
    end = periods.add_months(period, 1) - dt.timedelta(days=1)
    active = Assignment.objects.filter(start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period)
    )
    due = period_due_at(period)
    tz = province_tz()
    first = periods.first_reminder_at(periods.local_date(due, tz), tz, reminder_policy())
    before = MonthlyReport.objects.filter(period=period).count()
    lock_report_counts()
    with report_counts_kept(MonthlyReport.objects.filter(period=period), lock=False):
        MonthlyReport.objects.bulk_create(
            [
                MonthlyReport(assignment_id=pk, period=period, due_at=due, next_reminder_at=first)
                for pk in active.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
    _open_focus_criteria(period)
    return MonthlyReport.objects.filter(period=period).count() - before


def _open_focus_criteria(period: dt.date) -> None:
    """A progress row for every focus criterion of every report of the period (idempotent)."""
    pairs = MonthlyReport.objects.filter(
        period=period, assignment__focus_criteria__isnull=False
    ).values_list("pk", "assignment__focus_criteria")
    MonthlyReportCriterion.objects.bulk_create(
        [MonthlyReportCriterion(report_id=r, criterion_id=c) for r, c in pairs],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _refuse_unless_open(report: MonthlyReport) -> None:
    if not report.is_open:
        raise ValidationError(
            _("Báo cáo đã gửi hoặc đã được chấp nhận nên không thể sửa hay gửi lại."),
            code="not_open",
        )


def _conflict() -> ValidationError:
    return ValidationError(
        _("Báo cáo vừa được người khác cập nhật. Vui lòng tải lại trang và thử lại."),
        code="conflict",
    )


@transaction.atomic
def monthly_report_update(
    *,
    report: MonthlyReport,
    actor,
    version: int,
    difficulties: str,
    proposals: str,
    next_month_plan: str,
    criteria_progress: Mapping[int, str] | None = None,
) -> MonthlyReport:
    """Save the draft's text. Refused once submitted; refused if someone saved in between."""
    if not perms.can_edit_monthly_report(actor, report):
        raise PermissionDenied(_("Bạn không có quyền sửa báo cáo này."))
    _refuse_unless_open(report)
    updated = MonthlyReport.objects.filter(
        pk=report.pk, version=version, status__in=OPEN_REPORT_STATUSES
    ).update(
        difficulties=difficulties,
        proposals=proposals,
        next_month_plan=next_month_plan,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _conflict()
    _save_criteria_progress(report, criteria_progress or {})
    report.refresh_from_db()
    return report


def _save_criteria_progress(report: MonthlyReport, progress: Mapping[int, str]) -> None:
    allowed = {line.criterion.pk for line in monthly_report_criteria_lines(report=report)}
    for criterion_id, text in progress.items():
        if criterion_id not in allowed:
            raise ValidationError(
                {"criteria_progress": [_("Tiêu chí không thuộc báo cáo này.")]}, code="invalid"
            )
        MonthlyReportCriterion.objects.update_or_create(
            report=report, criterion_id=criterion_id, defaults={"progress": text}
        )


def _snapshot_criteria(report: MonthlyReport) -> None:
    """Freeze each criterion's status as it was when the report was submitted."""
    for line in monthly_report_criteria_lines(report=report):
        MonthlyReportCriterion.objects.update_or_create(
            report=report, criterion=line.criterion, defaults={"result": line.result_now}
        )


def _transition(report: MonthlyReport, *, to: str, **changes) -> None:
    """Move the report from its current state to ``to``, or fail if someone moved it first."""
    with report_counts_kept(MonthlyReport.objects.filter(pk=report.pk)):
        updated = MonthlyReport.objects.filter(pk=report.pk, status=report.status).update(
            status=to, version=F("version") + 1, updated_at=timezone.now(), **changes
        )
    if not updated:
        raise _conflict()


@transaction.atomic
def monthly_report_submit(
    *, report: MonthlyReport, actor, now: dt.datetime | None = None
) -> MonthlyReport:
    """The agency sends its report; after the due moment it is marked late.

    Lateness is decided by the first submission: a report returned for corrections and sent
    again keeps the on-time or late mark it earned.
    """
    if not perms.can_submit_monthly_report(actor, report):
        raise PermissionDenied(_("Chỉ cán bộ của cơ quan giúp đỡ mới được gửi báo cáo này."))
    _refuse_unless_open(report)
    _refuse_if_empty(report)
    now = now or timezone.now()
    resubmission = report.status == Status.RETURNED
    is_late = report.is_late if resubmission else periods.is_late(now, report.due_at)
    _transition(
        report,
        to=Status.SUBMITTED,
        submitted_at=now,
        submitted_by=actor,
        is_late=is_late,
        next_reminder_at=None,
    )
    _snapshot_criteria(report)
    version = _freeze_version(report)
    action = Action.RESUBMITTED if resubmission else Action.SUBMITTED
    MonthlyReportEvent.objects.create(
        report=report, action=action, actor=actor, version_number=version.number
    )
    report.refresh_from_db()
    notify(
        office_users(),
        title=_("Báo cáo tháng %(period)s đã gửi: %(report)s")
        % {"period": f"{report.period:%m/%Y}", "report": report.assignment},
        body=_("Báo cáo đang chờ văn phòng điều phối xem xét."),
        url=report_url(report),
    )
    return report


def monthly_report_is_empty(report: MonthlyReport) -> bool:
    """Nothing to tell the office: no text, no progress on any criterion, no activity recorded
    in the month."""
    texts = (report.difficulties, report.proposals, report.next_month_plan)
    if any(text.strip() for text in texts):
        return False
    if report.criteria_progress.exclude(progress="").exists():
        return False
    return not report_month_activities(report=report).exists()


def _refuse_if_empty(report: MonthlyReport) -> None:
    if monthly_report_is_empty(report):
        raise ValidationError(
            _(
                "Báo cáo còn trống: hãy ghi tiến độ, khó khăn, đề xuất hoặc kế hoạch tháng sau, "
                "hoặc ghi nhận hoạt động của tháng, trước khi gửi."
            ),
            code="empty",
        )


def _freeze_version(report: MonthlyReport) -> MonthlyReportVersion:
    """Store what is being sent as the next version (1, then n + 1 after each return).

    The report is read afresh (submitter, texts, criteria results just snapshotted), so the
    version holds exactly what the page shows; the status transition before it has already
    made this submission the only one, and (report, number) is unique besides.
    """
    fresh = MonthlyReport.objects.select_related(
        "assignment__agency", "assignment__commune__district"
    ).get(pk=report.pk)
    latest = fresh.versions.order_by("-number").values_list("number", flat=True).first()
    return MonthlyReportVersion.objects.create(
        report=fresh,
        number=(latest or 0) + 1,
        submitted_at=fresh.submitted_at,
        submitted_by=fresh.submitted_by,
        is_late=fresh.is_late,
        content=monthly_report_content(report=fresh),
    )


def _refuse_unless_submitted(report: MonthlyReport) -> None:
    if report.status != Status.SUBMITTED:
        raise ValidationError(
            _("Chỉ xem xét được báo cáo đã gửi và đang chờ xem xét."), code="not_submitted"
        )


def _reviewed_version(report: MonthlyReport, seen: int | None) -> int | None:
    """The number of the version under review: the latest. When the reviewer says which one
    they read (``seen``) and it is no longer the latest, the review is refused."""
    latest = report.versions.order_by("-number").values_list("number", flat=True).first()
    if seen is not None and seen != latest:
        raise ValidationError(
            _("Báo cáo đã được gửi lại bản mới. Vui lòng tải lại trang và xem bản mới nhất."),
            code="stale_version",
        )
    return latest


@transaction.atomic
def monthly_report_accept(
    *, report: MonthlyReport, actor, version_number: int | None = None
) -> MonthlyReport:
    """Accept the latest version (``version_number``, when given, must be that one)."""
    if not perms.can_review_monthly_report(actor, report):
        raise PermissionDenied(_("Chỉ văn phòng điều phối mới được xem xét báo cáo."))
    _refuse_unless_submitted(report)
    number = _reviewed_version(report, version_number)
    _transition(report, to=Status.ACCEPTED)
    MonthlyReportEvent.objects.create(
        report=report, action=Action.ACCEPTED, actor=actor, version_number=number
    )
    report.refresh_from_db()
    notify(
        agency_side_users(report),
        title=_("Báo cáo tháng %(period)s đã được chấp nhận")
        % {"period": f"{report.period:%m/%Y}"},
        body=str(report.assignment),
        url=report_url(report),
    )
    return report


@transaction.atomic
def monthly_report_return(
    *,
    report: MonthlyReport,
    actor,
    reason: str,
    now: dt.datetime | None = None,
    version_number: int | None = None,
) -> MonthlyReport:
    """Send the latest version back to the agency with a mandatory reason; reminders resume."""
    if not perms.can_review_monthly_report(actor, report):
        raise PermissionDenied(_("Chỉ văn phòng điều phối mới được xem xét báo cáo."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Vui lòng nêu lý do trả lại báo cáo.")]}, code="required"
        )
    _refuse_unless_submitted(report)
    number = _reviewed_version(report, version_number)
    now = now or timezone.now()
    next_at = reminders.monthly_report_returned_next_reminder_at(now=now)
    _transition(report, to=Status.RETURNED, next_reminder_at=next_at)
    MonthlyReportEvent.objects.create(
        report=report, action=Action.RETURNED, actor=actor, reason=reason, version_number=number
    )
    report.refresh_from_db()
    reminders.monthly_report_return_email(report=report)
    notify(
        agency_side_users(report),
        title=_("Báo cáo tháng %(period)s bị trả lại") % {"period": f"{report.period:%m/%Y}"},
        body=reason,
        url=report_url(report),
    )
    return report
