"""The province's monthly report, compiled from what the agencies sent (never from live data).

``province_monthly_report(user=…, period=…, district=…, agency=…)`` is what the office's
compiled report (page, PDF, Excel) renders for a month, for the whole province or narrowed to
a district or an agency. It holds the parts of the issue's "Contents of the province report"
that come from the agency reports:

- ``sections``: per assignment (agency → commune), the frozen content of the version the
  province stands on — the accepted version, or failing that the version awaiting review —
  with its activities, totals, criteria lines, the commune's n/total and the texts;
- ``by_agency``: sponsorship activities and values of the month by agency (from those
  versions), and ``totals`` over all of them;
- ``completeness``: reports expected, on time, late, missing (draft or returned) and returned,
  the same counts as the completeness page (one definition: report_completeness.COUNTS);
- ``missing``: the reports of the period with no version to stand on (never sent, or returned
  and not yet sent again), with whom they concern;
- ``difficulties`` and ``proposals``: the non-empty texts of the sections, with their source;
- ``recorded_after``: activities of the month of the compiled reports' assignments that their
  versions do not hold as they are now (recorded or changed after sending), so nothing is
  hidden; live rows, with agency and commune loaded.

Scope is the user's (monthly_report_list): a user outside the scope, or a district or agency
outside it, gets an empty report (``is_empty``), never someone else's data. A returned report
is missing, not compiled: the office sent it back, so its last version is not what the
province reports. Accepting is final and acts on the latest version, so "the accepted version"
is the latest version of an accepted report. At most five queries whatever the number of
reports (measured: 110 reports of 20 activities each plus one late activity each, 36 ms on
SQLite and 35 ms on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery

from communes.models import District
from ntm_portal import periods
from ntm_portal.permissions import PortalUser
from sponsorships.models import Agency, MonthlyReport, MonthlyReportVersion, SupportActivity
from sponsorships.report_content import ReportContent, Totals, read_content
from sponsorships.selectors.monthly_reports import monthly_report_list
from sponsorships.selectors.report_completeness import COUNTS, CompletenessRow, completeness_row
from sponsorships.selectors.report_versions import frozen_changes, is_recorded_after

Status = MonthlyReport.Status
COMPILED_STATUSES = (Status.ACCEPTED, Status.SUBMITTED)


@dataclass(frozen=True)
class ReportSection:
    """One agency report of the month, as the version the province stands on says it."""

    report_id: int
    status: str  # "accepted" or "submitted" (awaiting review)
    version_number: int
    submitted_at: dt.datetime
    is_late: bool
    content: ReportContent

    @property
    def is_accepted(self) -> bool:
        return self.status == Status.ACCEPTED


@dataclass(frozen=True)
class AgencyTotals:
    agency_id: int
    agency_name: str
    reports: int
    activities: int
    amount: int
    labour_days: Decimal


@dataclass(frozen=True)
class MissingReport:
    report_id: int
    status: str  # "draft" or "returned" (or, a data error, sent without a version)
    agency_id: int
    agency_name: str
    commune_id: int
    commune_name: str
    district_name: str
    due_at: dt.datetime


@dataclass(frozen=True)
class Remark:
    """A difficulty or proposal, with the report it comes from."""

    report_id: int
    agency_name: str
    commune_name: str
    text: str


@dataclass(frozen=True)
class ProvinceMonthlyReport:
    period: dt.date
    district: District | None
    agency: Agency | None
    sections: tuple[ReportSection, ...]
    by_agency: tuple[AgencyTotals, ...]
    totals: Totals
    completeness: CompletenessRow
    missing: tuple[MissingReport, ...]
    difficulties: tuple[Remark, ...]
    proposals: tuple[Remark, ...]
    recorded_after: tuple[SupportActivity, ...]

    @property
    def is_empty(self) -> bool:
        """No report of the period in scope at all (nothing sent, nothing owed)."""
        return self.completeness.expected == 0


def _scoped(
    user: PortalUser, period: dt.date, district: District | None, agency: Agency | None
) -> QuerySet[MonthlyReport]:
    reports = monthly_report_list(user=user).filter(period=period)
    if district is not None:
        reports = reports.filter(assignment__commune__district=district)
    if agency is not None:
        reports = reports.filter(assignment__agency=agency)
    return reports


def _latest_versions(reports: QuerySet[MonthlyReport]) -> dict[int, MonthlyReportVersion]:
    latest = (
        MonthlyReportVersion.objects.filter(report=OuterRef("report"))
        .order_by("-number")
        .values("number")[:1]
    )
    rows = MonthlyReportVersion.objects.filter(
        report__in=reports.order_by().values("pk"), number=Subquery(latest)
    )
    return {version.report_id: version for version in rows}


def _section(report: MonthlyReport, version: MonthlyReportVersion) -> ReportSection:
    return ReportSection(
        report_id=report.pk,
        status=report.status,
        version_number=version.number,
        submitted_at=version.submitted_at,
        is_late=report.is_late,
        content=read_content(version.content),
    )


def _missing(report: MonthlyReport) -> MissingReport:
    assignment = report.assignment
    district = assignment.commune.district
    return MissingReport(
        report_id=report.pk,
        status=report.status,
        agency_id=assignment.agency_id,
        agency_name=assignment.agency.name,
        commune_id=assignment.commune_id,
        commune_name=str(assignment.commune),
        district_name=str(district) if district else "",
        due_at=report.due_at,
    )


def _by_agency(sections: list[ReportSection]) -> tuple[AgencyTotals, ...]:
    grouped: dict[int, list[ReportSection]] = defaultdict(list)
    for section in sections:
        grouped[section.content.agency_id].append(section)
    rows = [
        AgencyTotals(
            agency_id=agency_id,
            agency_name=items[0].content.agency_name,
            reports=len(items),
            **_sum_totals(items).__dict__,
        )
        for agency_id, items in grouped.items()
    ]
    return tuple(sorted(rows, key=lambda row: (-row.amount, row.agency_name)))


def _sum_totals(sections: list[ReportSection]) -> Totals:
    return Totals(
        activities=sum(s.content.totals.activities for s in sections),
        amount=sum(s.content.totals.amount for s in sections),
        labour_days=sum((s.content.totals.labour_days for s in sections), Decimal()),
    )


def _remarks(sections: list[ReportSection], field: str) -> tuple[Remark, ...]:
    return tuple(
        Remark(s.report_id, s.content.agency_name, s.content.commune_name, text.strip())
        for s in sections
        if (text := getattr(s.content, field)).strip()
    )


def _recorded_after(
    sections: list[ReportSection], compiled: QuerySet[MonthlyReport], period: dt.date
) -> tuple[SupportActivity, ...]:
    """The compiled assignments' activities of the month, or changed since the earliest freeze
    (to catch one moved out of the month), compared as bare rows; then the late ones, loaded
    with agency and commune (only when there are any: few)."""
    if not sections:
        return ()
    frozen: dict[int, dt.datetime | None] = {}
    for section in sections:
        frozen |= frozen_changes(section.content.activities)
    earliest = min(s.content.frozen_at or s.submitted_at for s in sections)
    end = periods.add_months(period, 1)
    candidates = SupportActivity.objects.filter(
        Q(date__gte=period, date__lt=end) | Q(updated_at__gte=earliest),
        assignment_id__in=compiled.values("assignment_id"),
    ).values_list("pk", "updated_at", "date", named=True)
    late = [row.pk for row in candidates if is_recorded_after(row, frozen=frozen, period=period)]
    if not late:
        return ()
    rows = SupportActivity.objects.filter(pk__in=late).select_related(
        "assignment__agency", "assignment__commune"
    )
    return tuple(rows.order_by("assignment__agency__name", "date", "id"))


def province_monthly_report(
    *,
    user: PortalUser,
    period: dt.date,
    district: District | None = None,
    agency: Agency | None = None,
) -> ProvinceMonthlyReport:
    """The month's compiled report in the user's scope, optionally one district or agency."""
    period = periods.period_start(period)
    scoped = _scoped(user, period, district, agency)
    reports = list(scoped.order_by("assignment__agency__name", "assignment__commune__name", "pk"))
    compiled = scoped.filter(status__in=COMPILED_STATUSES)
    versions = _latest_versions(compiled)
    sections = [_section(r, versions[r.pk]) for r in reports if r.pk in versions]
    counts = scoped.order_by().aggregate(**COUNTS)
    return ProvinceMonthlyReport(
        period=period,
        district=district,
        agency=agency,
        sections=tuple(sections),
        by_agency=_by_agency(sections),
        totals=_sum_totals(sections),
        completeness=completeness_row(period, periods.format_period(period), counts),
        missing=tuple(_missing(r) for r in reports if r.pk not in versions),
        difficulties=_remarks(sections, "difficulties"),
        proposals=_remarks(sections, "proposals"),
        recorded_after=_recorded_after(sections, compiled, period),
    )
