"""Reads of monthly reports, scoped by user: lists, one report with its content, the review trail.

Scope (the one place it is decided): the coordination office and leaders see every report,
agency staff their own agency's, commune officers their own commune's, anyone else nothing.
A report outside the scope is a 404 on every surface.

What a report says (activities, criteria, texts) is read through selectors/report_versions.py:
the version sent, or the live content built by its one builder while the report is a draft.
Never read a report's month of activities live for display: that is what let a back-dated
activity change an accepted report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from criteria.models import Assessment, Criterion, CriterionResult, Result
from ntm_portal import periods
from ntm_portal.permissions import (
    PortalUser,
    is_agency_staff,
    is_commune_officer,
    is_coordination_office,
    is_leader,
)
from sponsorships.models import (
    MonthlyReport,
    MonthlyReportCriterion,
    MonthlyReportEvent,
    MonthlyReportVersion,
)


def monthly_report_list(*, user: PortalUser) -> QuerySet[MonthlyReport]:
    """The reports the user may see, with what lists and the detail page show loaded."""
    queryset = MonthlyReport.objects.select_related(
        "assignment__agency", "assignment__commune__district", "submitted_by"
    )
    if is_coordination_office(user) or is_leader(user):
        return queryset
    if is_agency_staff(user):
        return queryset.filter(assignment__agency_id=user.agency_id)
    if is_commune_officer(user):
        return queryset.filter(assignment__commune_id=user.commune_id)
    return queryset.none()


def monthly_report_get(*, user: PortalUser, pk: int) -> MonthlyReport:
    """One report (404 outside the user's scope) with its criteria rows and review trail."""
    queryset = monthly_report_list(user=user).prefetch_related(
        Prefetch(
            "criteria_progress", queryset=MonthlyReportCriterion.objects.select_related("criterion")
        ),
        Prefetch("events", queryset=MonthlyReportEvent.objects.select_related("actor")),
        # The list of versions only: each version's content is read when it is shown.
        Prefetch(
            "versions",
            queryset=MonthlyReportVersion.objects.defer("content").select_related("submitted_by"),
        ),
        "assignment__focus_criteria",
    )
    return get_object_or_404(queryset, pk=pk)


def report_month_q(*, assignment_id: int, period: dt.date) -> Q:
    """The activities a report of ``period`` pulls in: its assignment's, dated in the month."""
    end = periods.add_months(period, 1)
    return Q(assignment_id=assignment_id, date__gte=period, date__lt=end)


def monthly_report_last_return(*, report: MonthlyReport) -> MonthlyReportEvent | None:
    """The latest "returned" step (its reason is what the agency must fix), from the prefetch."""
    returned = [e for e in report.events.all() if e.action == MonthlyReportEvent.Action.RETURNED]
    return returned[-1] if returned else None


@dataclass(frozen=True)
class CriterionLine:
    """One criterion of a report: why it is there, its status now and before, the progress text."""

    criterion: Criterion
    is_focus: bool
    result_now: str
    result_before: str
    progress: str
    saved_result: str

    @property
    def has_changed(self) -> bool:
        return self.result_now != self.result_before

    @property
    def result_label(self) -> str:
        return Result(self.saved_result or self.result_now).label


def _assessments_before(commune_id: int, day: dt.date) -> QuerySet[Assessment]:
    """The commune's assessments of periods before ``day``, latest first."""
    return Assessment.objects.filter(commune_id=commune_id, period__lt=day).order_by(
        "-period", "-created_at", "-id"
    )


def commune_standing(*, commune_id: int, period: dt.date) -> dict | None:
    """The commune's n/total at the end of ``period`` (the same assessment the criteria lines
    read), as ``criteria_met``, ``criteria_total``, ``meets_standard``, ``period``; one query."""
    end = periods.add_months(period, 1)
    return (
        _assessments_before(commune_id, end)
        .values("criteria_met", "criteria_total", "meets_standard", "period")
        .first()
    )


def commune_criterion_status(
    *, commune_id: int, period: dt.date
) -> tuple[dict[int, str], dict[int, str]]:
    """(results at the end of ``period``, results before it) by criterion id, each from the
    latest assessment in its window. Three queries whatever the number of criteria."""
    end = periods.add_months(period, 1)
    now_id = _assessments_before(commune_id, end).values_list("pk", flat=True).first()
    before_id = _assessments_before(commune_id, period).values_list("pk", flat=True).first()
    by_assessment: dict[int, dict[int, str]] = defaultdict(dict)
    rows = CriterionResult.objects.filter(assessment_id__in=[now_id, before_id])
    for assessment_id, criterion_id, result in rows.values_list(
        "assessment_id", "criterion_id", "result"
    ):
        by_assessment[assessment_id][criterion_id] = result
    return by_assessment.get(now_id, {}), by_assessment.get(before_id, {})


def monthly_report_criteria_lines(*, report: MonthlyReport) -> list[CriterionLine]:
    """Focus criteria of the assignment, any criterion whose status changed in the month, and any
    criterion already written about; in criterion order."""
    now, before = commune_criterion_status(
        commune_id=report.assignment.commune_id, period=report.period
    )
    saved = {row.criterion_id: row for row in report.criteria_progress.all()}
    focus = {c.pk: c for c in report.assignment.focus_criteria.all()}
    changed_ids = {pk for pk in set(now) | set(before) if now.get(pk) != before.get(pk)}
    missing = changed_ids - set(focus) - set(saved)
    extra = {c.pk: c for c in Criterion.objects.filter(pk__in=missing)} if missing else {}
    criteria = {**extra, **focus, **{pk: row.criterion for pk, row in saved.items()}}
    lines = [
        CriterionLine(
            criterion=criterion,
            is_focus=pk in focus,
            result_now=now.get(pk, Result.NOT_ASSESSED),
            result_before=before.get(pk, Result.NOT_ASSESSED),
            progress=saved[pk].progress if pk in saved else "",
            saved_result=saved[pk].result if pk in saved else "",
        )
        for pk, criterion in criteria.items()
    ]
    return sorted(lines, key=lambda line: (line.criterion.number, line.criterion.pk))
