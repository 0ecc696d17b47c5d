"""A month's report (province, district, agency or one assignment) as a file, from what was sent.

Every scope reads the same frozen data: ``province_report_document`` (the accepted, else awaiting,
versions of the agency reports and where the communes stood at the end of the month). The page
``province_report_view`` and the command ``export_monthly_report`` call ``scope_document``,
``monthly_report_sheets`` and the PDF renderers here.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from communes.models import District
from criteria.models import Result
from ntm_portal import periods
from ntm_portal.documents import xlsx
from ntm_portal.models import User
from sponsorships.exports import safe_text
from sponsorships.models import Agency, Assignment, MonthlyReport
from sponsorships.province_document import ProvinceReportDocument, province_report_document

SCOPES = ("province", "district", "agency", "assignment")


@dataclass(frozen=True)
class Scope:
    kind: str
    label: str
    district: District | None = None
    agency: Agency | None = None
    assignment: Assignment | None = None


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
        return Scope("province", _("toàn tỉnh"))
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
        district = District.objects.filter(code=value).newest_first().first()
        return district and Scope(kind, str(district), district=district)
    if not value.isdigit():
        return None
    if kind == "agency":
        agency = Agency.objects.filter(pk=int(value)).first()
        return agency and Scope(kind, agency.name, agency=agency)
    found = Assignment.objects.select_related("agency", "commune").filter(pk=int(value)).first()
    return found and Scope(kind, str(found), agency=found.agency, assignment=found)


def scope_document(*, user: User, period: dt.date, scope: Scope) -> ProvinceReportDocument:
    """The month's compiled report in ``scope``; an error when the period has no report there."""
    document = province_report_document(
        user=user, period=period, district=scope.district, agency=scope.agency
    )
    if scope.assignment is not None:
        document = _one_assignment(document, scope.assignment)
    if document.reports.is_empty or not (document.reports.sections or document.reports.missing):
        message = _("Không có báo cáo tháng nào của kỳ %(period)s trong phạm vi %(scope)s.")
        raise ValidationError(
            message % {"period": f"{period:%m/%Y}", "scope": scope.label}, code="no_reports"
        )
    return document


def _one_assignment(document: ProvinceReportDocument, assignment: Assignment):
    reports = document.reports
    sections = tuple(s for s in reports.sections if s.content.assignment_id == assignment.pk)
    missing = tuple(m for m in reports.missing if m.commune_id == assignment.commune_id)
    communes = [c for c in document.criteria.communes if c.commune_id == assignment.commune_id]
    return replace(
        document,
        reports=replace(reports, sections=sections, missing=missing, by_agency=()),
        criteria=replace(document.criteria, communes=communes),
    )


def monthly_report_sheets(document: ProvinceReportDocument, *, label: str) -> list[xlsx.Sheet]:
    title = _("Báo cáo tháng %(month)s – %(scope)s") % {
        "month": f"{document.reports.period:%m/%Y}",
        "scope": label,
    }
    return [
        xlsx.Sheet(
            name=_("Báo cáo"), title=title, columns=_report_columns(), rows=_report_rows(document)
        ),
        xlsx.Sheet(name=_("Tiêu chí"), columns=_criteria_columns(), rows=_criteria_rows(document)),
        xlsx.Sheet(name=_("Hoạt động"), columns=_activity_columns(), rows=_activity_rows(document)),
        xlsx.Sheet(
            name=_("Tiêu chí theo xã"), columns=_commune_columns(), rows=_commune_rows(document)
        ),
    ]


def write_monthly_report_xlsx(target: str | IO[bytes], *, document, label: str) -> int:
    return xlsx.write_workbook(target, monthly_report_sheets(document, label=label))


def province_report_xlsx(**scope) -> bytes:
    """The page's Excel: the same sheets as the command's, for the province, a district or an
    agency."""
    document = province_report_document(**scope)
    label = document.scope or _("toàn tỉnh")
    buffer = io.BytesIO()
    write_monthly_report_xlsx(buffer, document=document, label=label)
    return buffer.getvalue()


def render_monthly_report_pdf(*, user: User, period: dt.date, scope: Scope) -> bytes:
    """One assignment: the agency's own report (its version sent); otherwise the compiled one."""
    from sponsorships.province_document import province_report_pdf  # noqa: PLC0415 (WeasyPrint)
    from sponsorships.report_document import monthly_report_pdf  # noqa: PLC0415

    if scope.assignment is None:
        return province_report_pdf(
            user=user, period=period, district=scope.district, agency=scope.agency
        )
    report = MonthlyReport.objects.filter(assignment=scope.assignment, period=period).first()
    if report is None:
        message = _("Không có báo cáo tháng nào của kỳ %(period)s trong phạm vi %(scope)s.")
        raise ValidationError(
            message % {"period": f"{period:%m/%Y}", "scope": scope.label}, code="no_reports"
        )
    return monthly_report_pdf(user=user, report=report)


def _report_columns() -> list[xlsx.Column]:
    return [
        xlsx.Column(_("Cơ quan"), 30),
        xlsx.Column(_("Xã"), 18),
        xlsx.Column(_("Huyện"), 18),
        xlsx.Column(_("Trạng thái"), 16),
        xlsx.Column(_("Lần gửi"), 8, xlsx.INTEGER),
        xlsx.Column(_("Ngày gửi"), 12, xlsx.DATE),
        xlsx.Column(_("Nộp muộn"), 10),
        xlsx.Column(_("Số hoạt động"), 12, xlsx.INTEGER),
        xlsx.Column(_("Giá trị (đồng)"), 16, xlsx.MONEY),
        xlsx.Column(_("Khó khăn, vướng mắc"), 40),
        xlsx.Column(_("Đề xuất, kiến nghị"), 40),
        xlsx.Column(_("Kế hoạch tháng tới"), 40),
    ]


def _report_rows(document: ProvinceReportDocument):
    labels = dict(MonthlyReport.Status.choices)
    for section in document.reports.sections:
        c = section.content
        yield [
            safe_text(c.agency_name),
            safe_text(c.commune_name),
            safe_text(c.district_name),
            str(labels[section.status]),
            section.version_number,
            section.submitted_at,
            _("Có") if section.is_late else "",
            c.totals.activities,
            c.totals.amount,
            safe_text(c.difficulties),
            safe_text(c.proposals),
            safe_text(c.next_month_plan),
        ]
    for missing in document.reports.missing:
        yield [
            safe_text(missing.agency_name),
            safe_text(missing.commune_name),
            safe_text(missing.district_name),
            _("Chưa gửi"),
            None,
            None,
            "",
            None,
            None,
            "",
            "",
            "",
        ]


def _criteria_columns() -> list[xlsx.Column]:
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


def _criteria_rows(document: ProvinceReportDocument):
    results = dict(Result.choices)
    for section in document.reports.sections:
        c = section.content
        for item in c.criteria:
            yield [
                safe_text(c.agency_name),
                safe_text(c.commune_name),
                item.number,
                safe_text(item.name),
                _("Có") if item.is_focus else "",
                str(results.get(item.result_before, item.result_before)),
                str(item.result_label),
                safe_text(item.progress),
            ]


def _activity_columns() -> list[xlsx.Column]:
    return [
        xlsx.Column(_("Cơ quan"), 30),
        xlsx.Column(_("Xã"), 18),
        xlsx.Column(_("Ngày"), 12, xlsx.DATE),
        xlsx.Column(_("Nội dung"), 50),
        xlsx.Column(_("Hình thức"), 18),
        xlsx.Column(_("Giá trị (đồng)"), 16, xlsx.MONEY),
        xlsx.Column(_("Ngày công"), 10, xlsx.DECIMAL),
    ]


def _activity_rows(document: ProvinceReportDocument):
    for section in document.reports.sections:
        c = section.content
        for a in c.activities:
            yield [
                safe_text(c.agency_name),
                safe_text(c.commune_name),
                a.date,
                safe_text(a.title),
                a.kind_label,
                a.amount,
                a.labour_days,
            ]


def _commune_columns() -> list[xlsx.Column]:
    return [
        xlsx.Column(_("Xã"), 20),
        xlsx.Column(_("Huyện"), 18),
        xlsx.Column(_("Tiêu chí đạt"), 12, xlsx.INTEGER),
        xlsx.Column(_("Tổng số tiêu chí"), 12, xlsx.INTEGER),
        xlsx.Column(_("Tháng trước"), 12, xlsx.INTEGER),
        xlsx.Column(_("Tăng"), 20),
        xlsx.Column(_("Giảm"), 20),
        xlsx.Column(_("Đạt chuẩn"), 10),
    ]


def _commune_rows(document: ProvinceReportDocument):
    for row in document.criteria.communes:
        now, before = row.now, row.before
        yield [
            safe_text(row.name),
            safe_text(row.district),
            now.met if now else None,
            now.total if now else None,
            before.met if before else None,
            ", ".join(row.gained),
            ", ".join(row.lost),
            _("Có") if now and now.meets_standard else "",
        ]
