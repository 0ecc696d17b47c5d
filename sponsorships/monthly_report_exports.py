"""The monthly report of a scope (province, district, agency, assignment) as an Excel workbook.

``monthly_report_data`` is the one data source: today it reads the live reports and activities
through the selectors; when frozen report versions arrive (issue 8), only it changes (to
``province_monthly_report(...)``). The command export_monthly_report and any later page call
``parse_scope``, ``write_monthly_report_xlsx`` and ``render_monthly_report_pdf``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from communes.models import District
from criteria.models import Result
from ntm_portal import periods
from ntm_portal.documents import xlsx
from ntm_portal.models import User
from sponsorships import exports
from sponsorships.models import (
    Agency,
    Assignment,
    MonthlyReport,
    MonthlyReportCriterion,
    SupportActivity,
)
from sponsorships.selectors.activities import activity_list
from sponsorships.selectors.monthly_reports import (
    monthly_report_criteria_lines,
    monthly_report_list,
)

SCOPES = ("province", "district", "agency", "assignment")


@dataclass(frozen=True)
class Scope:
    kind: str
    reports: Q
    label: str


@dataclass(frozen=True)
class MonthlyReportData:
    period: dt.date
    scope: Scope
    reports: list[MonthlyReport]
    totals: dict[int, dict]  # per assignment id: activities and money of the month
    activities: QuerySet[SupportActivity]  # the month's activities of those assignments


def office_reader() -> User:
    """An unsaved account with the office's role: the selectors' scope for cron and checks."""
    return User(username="export_monthly_report", role=User.Role.COORDINATION_OFFICE)


def parse_period(text: str) -> dt.date:
    try:
        return periods.parse_period(text)
    except ValueError as exc:
        message = _("Kỳ báo cáo “%(text)s” không hợp lệ: hãy ghi theo dạng YYYY-MM, ví dụ 2026-11.")
        raise ValidationError(message % {"text": text}, code="period") from exc


def parse_scope(text: str) -> Scope:
    """province | district:<code> | agency:<id> | assignment:<id>, checked against the data."""
    kind, _sep, value = text.partition(":")
    if kind == "province" and not value:
        return Scope("province", Q(), _("toàn tỉnh"))
    if kind not in SCOPES[1:] or not value:
        message = _("Phạm vi “%(text)s” không hợp lệ: dùng province, district:<mã>, ")
        message += _("agency:<số> hoặc assignment:<số>.")
        raise ValidationError(message % {"text": text}, code="scope")
    scope = _lookup(kind, value)
    if scope is None:
        raise ValidationError(_("Không có %(text)s.") % {"text": text}, code="scope_missing")
    return scope


def _lookup(kind: str, value: str) -> Scope | None:
    if kind == "district":
        district = District.objects.filter(code=value).first()
        return district and Scope(kind, Q(assignment__commune__district=district), str(district))
    if not value.isdigit():
        return None
    if kind == "agency":
        agency = Agency.objects.filter(pk=int(value)).first()
        return agency and Scope(kind, Q(assignment__agency=agency), agency.name)
    assignment = Assignment.objects.select_related("agency", "commune").filter(pk=int(value))
    found = assignment.first()
    return found and Scope(kind, Q(assignment=found), str(found))


def monthly_report_data(*, period: dt.date, scope: Scope) -> MonthlyReportData:
    """The reports of ``period`` in ``scope`` and their activities (the one data source)."""
    reader = office_reader()
    reports = list(
        monthly_report_list(user=reader)
        .filter(scope.reports, period=period)
        .prefetch_related(
            Prefetch(
                "criteria_progress",
                queryset=MonthlyReportCriterion.objects.select_related("criterion"),
            ),
            "assignment__focus_criteria",
        )
        .order_by("assignment__agency__name", "assignment__commune__name", "pk")
    )
    if not reports:
        message = _("Không có báo cáo tháng nào của kỳ %(period)s trong phạm vi %(scope)s.")
        raise ValidationError(
            message % {"period": f"{period:%m/%Y}", "scope": scope.label}, code="no_reports"
        )
    ids = [report.assignment_id for report in reports]
    month = Q(date__gte=period, date__lt=periods.add_months(period, 1), assignment_id__in=ids)
    activities = activity_list(user=reader).filter(month).order_by("date", "id")
    totals = {
        row["assignment_id"]: row
        for row in activities.order_by()
        .values("assignment_id")
        .annotate(count=Count("pk"), amount=Coalesce(Sum("amount"), 0))
    }
    return MonthlyReportData(period, scope, reports, totals, activities)


def report_columns() -> list[xlsx.Column]:
    return [
        xlsx.Column(_("Cơ quan"), 30),
        xlsx.Column(_("Xã"), 18),
        xlsx.Column(_("Huyện"), 18),
        xlsx.Column(_("Trạng thái"), 14),
        xlsx.Column(_("Ngày gửi"), 12, xlsx.DATE),
        xlsx.Column(_("Nộp muộn"), 10),
        xlsx.Column(_("Số hoạt động"), 12, xlsx.INTEGER),
        xlsx.Column(_("Giá trị (đồng)"), 16, xlsx.MONEY),
        xlsx.Column(_("Khó khăn, vướng mắc"), 40),
        xlsx.Column(_("Đề xuất, kiến nghị"), 40),
        xlsx.Column(_("Kế hoạch tháng tới"), 40),
    ]


def _report_row(report: MonthlyReport, totals: dict) -> list:
    commune = report.assignment.commune
    month = totals.get(report.assignment_id, {})
    return [
        exports.safe_text(report.assignment.agency.name),
        exports.safe_text(commune.name),
        exports.safe_text(str(commune.district) if commune.district_id else ""),
        str(report.get_status_display()),
        report.submitted_at,
        _("Có") if report.is_late else "",
        month.get("count", 0),
        month.get("amount", 0),
        exports.safe_text(report.difficulties),
        exports.safe_text(report.proposals),
        exports.safe_text(report.next_month_plan),
    ]


def criteria_columns() -> list[xlsx.Column]:
    return [
        xlsx.Column(_("Cơ quan"), 30),
        xlsx.Column(_("Xã"), 18),
        xlsx.Column(_("Tiêu chí"), 8, xlsx.INTEGER),
        xlsx.Column(_("Tên tiêu chí"), 30),
        xlsx.Column(_("Trọng tâm"), 10),
        xlsx.Column(_("Tháng trước"), 14),
        xlsx.Column(_("Tháng này"), 14),
        xlsx.Column(_("Tiến độ, kết quả"), 50),
    ]


def _criteria_rows(reports: list[MonthlyReport]):
    yes = _("Có")
    for report in reports:
        agency, commune = report.assignment.agency.name, report.assignment.commune.name
        for line in monthly_report_criteria_lines(report=report):
            yield [
                exports.safe_text(agency),
                exports.safe_text(commune),
                line.criterion.number,
                exports.safe_text(line.criterion.name),
                yes if line.is_focus else "",
                str(Result(line.result_before).label),
                str(line.result_label),
                exports.safe_text(line.progress),
            ]


def monthly_report_sheets(data: MonthlyReportData) -> list[xlsx.Sheet]:
    title = _("Báo cáo tháng %(month)s – %(scope)s") % {
        "month": f"{data.period:%m/%Y}",
        "scope": data.scope.label,
    }
    reports = xlsx.Sheet(
        name=_("Báo cáo"),
        title=title,
        columns=report_columns(),
        rows=(_report_row(report, data.totals) for report in data.reports),
    )
    criteria = xlsx.Sheet(
        name=_("Tiêu chí"), columns=criteria_columns(), rows=_criteria_rows(data.reports)
    )
    activities = exports.activities_sheet(data.activities)
    return [reports, criteria, activities]


def write_monthly_report_xlsx(target: str | IO[bytes], *, data: MonthlyReportData) -> int:
    return xlsx.write_workbook(target, monthly_report_sheets(data))


def render_monthly_report_pdf(*, data: MonthlyReportData) -> bytes:
    """The PDF through the kernel's document module: one assignment's report today
    (sponsorships.report_document); the compiled province, district and agency documents come
    with the frozen versions (issue 8) and plug in here."""
    from sponsorships.report_document import monthly_report_pdf  # noqa: PLC0415 (WeasyPrint)

    if data.scope.kind != "assignment":
        message = _("PDF hiện chỉ có cho báo cáo của một phân công (--scope assignment:<số>).")
        raise ValidationError(message, code="pdf_scope")
    return monthly_report_pdf(user=office_reader(), report=data.reports[0])
