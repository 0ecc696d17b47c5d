"""Reads of what a monthly report says: the one content builder, its versions, and what was
recorded after it was sent.

``monthly_report_content`` is the only function that turns live data into report content (the
JSON documented in sponsorships/report_content.py). The submit service freezes its output as a
version; the page of a report still with the agency renders the same output live. A report with
the province (submitted or accepted) is shown from its latest version; an activity recorded or
changed after that version was frozen is listed apart, "ghi nhận sau khi gửi báo cáo", on that
report and on the next month's report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from ntm_portal import periods
from ntm_portal.permissions import PortalUser
from sponsorships.models import MonthlyReport, MonthlyReportVersion, SupportActivity
from sponsorships.report_content import SCHEMA, ActivityItem, ReportContent, read_content
from sponsorships.selectors.activities import activity_list
from sponsorships.selectors.monthly_reports import (
    CriterionLine,
    commune_standing,
    monthly_report_criteria_lines,
    report_month_q,
)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _activity_row(activity: SupportActivity) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "date": activity.date.isoformat(),
        "title": activity.title,
        "kind": activity.kind,
        "amount": activity.amount,
        "quantity": _text(activity.quantity),
        "quantity_unit": activity.quantity_unit,
        "labour_days": _text(activity.labour_days),
        "beneficiaries": activity.beneficiaries,
        "beneficiary_unit": activity.beneficiary_unit,
        "funding_source": activity.funding_source,
        "village": activity.village.name if activity.village else None,
        "criteria": sorted(c.number for c in activity.target_criteria.all()),
        "updated_at": activity.updated_at.isoformat(),
    }


def _criterion_row(line: CriterionLine) -> dict[str, Any]:
    criterion = line.criterion
    return {
        "id": criterion.pk,
        "number": criterion.number,
        "code": criterion.code,
        "name_vi": criterion.name_vi,
        "name_en": criterion.name_en,
        "is_focus": line.is_focus,
        "has_changed": line.has_changed,
        "result": line.saved_result or line.result_now,
        "result_before": line.result_before,
        "progress": line.progress,
    }


def _progress_row(report: MonthlyReport) -> dict[str, Any]:
    standing = commune_standing(commune_id=report.assignment.commune_id, period=report.period)
    if standing is None:
        return {
            "criteria_met": 0,
            "criteria_total": 0,
            "meets_standard": False,
            "assessment_period": None,
        }
    return {
        "criteria_met": standing["criteria_met"],
        "criteria_total": standing["criteria_total"],
        "meets_standard": standing["meets_standard"],
        "assessment_period": periods.format_period(standing["period"]),
    }


def _assignment_row(report: MonthlyReport) -> dict[str, Any]:
    assignment = report.assignment
    district = assignment.commune.district
    return {
        "id": assignment.pk,
        "agency_id": assignment.agency_id,
        "agency_name": assignment.agency.name,
        "commune_id": assignment.commune_id,
        "commune_name": str(assignment.commune),
        "district_name": str(district) if district else "",
    }


def report_month_activities(*, report: MonthlyReport) -> QuerySet[SupportActivity]:
    return (
        SupportActivity.objects.filter(
            report_month_q(assignment_id=report.assignment_id, period=report.period)
        )
        .select_related("village")
        .prefetch_related("target_criteria")
        .order_by("date", "id")
    )


def monthly_report_content(
    *, report: MonthlyReport, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The report's content as of now, in the documented JSON shape (a fixed number of
    queries: activities, their criteria, the criteria lines, the commune's standing)."""
    activities = [_activity_row(a) for a in report_month_activities(report=report)]
    return {
        "schema": SCHEMA,
        "frozen_at": (now or timezone.now()).isoformat(),
        "period": periods.format_period(report.period),
        "assignment": _assignment_row(report),
        "activities": activities,
        "criteria": [_criterion_row(line) for line in monthly_report_criteria_lines(report=report)],
        "commune_progress": _progress_row(report),
        "texts": {
            "difficulties": report.difficulties,
            "proposals": report.proposals,
            "next_month_plan": report.next_month_plan,
        },
        "totals": _totals_row(activities),
    }


def _totals_row(activities: list[dict[str, Any]]) -> dict[str, Any]:
    """Computed once, when the content is built; readers never add the rows up again."""
    days = sum((Decimal(row["labour_days"] or 0) for row in activities), Decimal())
    return {
        "activities": len(activities),
        "amount": sum(row["amount"] for row in activities),
        "labour_days": str(days),
    }


@dataclass(frozen=True)
class ReportView:
    """What a report page shows: the content (a version's, or live while with the agency), the
    version it comes from, and the activities recorded after it was sent (this month's, and
    earlier months' recorded since the previous report was sent)."""

    content: ReportContent
    version: MonthlyReportVersion | None
    recorded_after: list[SupportActivity]
    earlier_recorded_after: list[SupportActivity]

    @property
    def is_frozen(self) -> bool:
        return self.version is not None


def monthly_report_version_get(*, report: MonthlyReport, number: int) -> MonthlyReportVersion:
    """One version of a report already looked up in scope; 404 if it has no such version."""
    version = MonthlyReportVersion.objects.filter(report=report, number=number).first()
    if version is None:
        raise Http404
    return version


def _latest_version(report: MonthlyReport) -> MonthlyReportVersion | None:
    """The version a report with the province stands on; None while it is with the agency."""
    if report.is_open:
        return None
    listed = list(report.versions.all())
    return MonthlyReportVersion.objects.get(pk=listed[-1].pk) if listed else None


def monthly_report_view(
    *, user: PortalUser, report: MonthlyReport, number: int | None = None
) -> ReportView:
    """The report as the page and the API show it, or one of its versions by ``number``."""
    if number is not None:
        version = monthly_report_version_get(report=report, number=number)
    else:
        version = _latest_version(report)
    if version is None:
        content = read_content(monthly_report_content(report=report))
        late: list[SupportActivity] = []
    else:
        content = read_content(version.content)
        late = recorded_after_submission(user=user, report=report, content=content)
    earlier = earlier_months_recorded_after(user=user, report=report)
    return ReportView(content, version, late, earlier)


def recorded_after_submission(
    *, user: PortalUser, report: MonthlyReport, content: ReportContent
) -> list[SupportActivity]:
    """Activities of the report's month that the frozen ``content`` does not hold as they are
    now: recorded after it was frozen, or changed since (one moved out of the month included).
    "Changed" compares each activity's last change with the one frozen, so no clock is
    trusted. One query plus criteria, over the month's activities of one assignment."""
    frozen = frozen_changes(content.activities)
    in_month = report_month_q(assignment_id=report.assignment_id, period=report.period)
    candidates = activity_list(user=user).filter(in_month | Q(pk__in=list(frozen)))
    return [
        activity
        for activity in candidates.order_by("date", "id")
        if is_recorded_after(activity, frozen=frozen, period=report.period)
    ]


def frozen_changes(activities: Iterable[ActivityItem]) -> dict[int, dt.datetime | None]:
    """Each frozen activity's last change as frozen, by id."""
    return {item.id: item.updated_at for item in activities}


def is_recorded_after(
    activity: Any, *, frozen: dict[int, dt.datetime | None], period: dt.date
) -> bool:
    """Whether a live activity (a row or any object with ``pk``, ``updated_at`` and ``date``)
    differs from what the reports of ``period`` froze: one frozen and changed since (moved out
    of the month included), or one of the month never frozen."""
    if activity.pk in frozen:
        return frozen[activity.pk] != activity.updated_at
    return periods.period_start(activity.date) == period


def _frozen_at(assignment_id: int, period: OuterRef) -> Subquery:
    return Subquery(
        MonthlyReportVersion.objects.filter(
            report__assignment_id=assignment_id, report__period=period
        )
        .order_by("-number")
        .values("created_at")[:1]
    )


def earlier_months_recorded_after(
    *, user: PortalUser, report: MonthlyReport
) -> list[SupportActivity]:
    """Activities dated in earlier months, recorded or changed after their own month's report
    was sent, since the previous month's report was sent and (once this one is sent) before
    this one was: each late activity is shown on the next report written after it. Two
    queries plus criteria, whatever the number of months."""
    previous = periods.add_months(report.period, -1)
    since = (
        MonthlyReportVersion.objects.filter(
            report__assignment_id=report.assignment_id, report__period=previous
        )
        .order_by("-number")
        .values_list("created_at", flat=True)
        .first()
    )
    rows = (
        activity_list(user=user)
        .filter(assignment_id=report.assignment_id, date__lt=report.period)
        .annotate(month=TruncMonth("date"))
        .annotate(month_frozen_at=_frozen_at(report.assignment_id, OuterRef("month")))
        .filter(updated_at__gt=F("month_frozen_at"))
    )
    if since is not None:
        rows = rows.filter(updated_at__gt=since)
    until = _own_frozen_at(report)
    if until is not None:
        rows = rows.filter(updated_at__lte=until)
    return list(rows.order_by("date", "id"))


def _own_frozen_at(report: MonthlyReport) -> dt.datetime | None:
    listed = list(report.versions.all())
    return listed[-1].created_at if listed and not report.is_open else None
