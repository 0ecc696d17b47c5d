"""The per-assignment monthly report as an official document (PDF): one context builder.

``monthly_report_document`` is the ONE place that reads the report for the document; the template
(templates/documents/sponsorships/monthly_report.html) sees only the dataclass it returns. It reads
today's report through the report selectors; when reports are frozen at submission, this function
switches to the frozen version and nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from criteria.models import Assessment, Result
from ntm_portal import periods
from ntm_portal.charts import Chart, bar_chart
from ntm_portal.documents import render_pdf, verification_code
from ntm_portal.documents.layout import Letterhead, month_name
from ntm_portal.models import DocumentSettings
from ntm_portal.permissions import PortalUser
from sponsorships.models import MonthlyReport
from sponsorships.selectors.monthly_reports import (
    monthly_report_activities,
    monthly_report_criteria_lines,
)
from sponsorships.services.report_messages import province_tz

TEMPLATE = "documents/sponsorships/monthly_report.html"
KIND = "monthly_report"


@dataclass(frozen=True)
class CriterionRow:
    title: str
    result: str
    is_met: bool
    is_focus: bool
    has_changed: bool
    progress: str


@dataclass(frozen=True)
class ActivityRow:
    date: dt.date
    title: str
    kind: str
    amount: int


@dataclass(frozen=True)
class MonthlyReportDocument:
    doc: Letterhead
    agency: str
    commune: str
    district: str
    period: dt.date
    status: str
    criteria_met: int | None
    criteria_total: int | None
    criteria: tuple[CriterionRow, ...]
    activities: tuple[ActivityRow, ...]
    amount_total: int
    difficulties: str
    proposals: str
    next_month_plan: str

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    @property
    def by_kind_chart(self) -> Chart | None:
        """The month's value by kind of support, when there are two kinds or more to compare."""
        totals: dict[str, int] = {}
        for activity in self.activities:
            totals[activity.kind] = totals.get(activity.kind, 0) + activity.amount
        if len(totals) < 2:
            return None
        kinds = sorted(totals, key=lambda kind: (-totals[kind], kind))
        return bar_chart(
            "Giá trị hỗ trợ theo hình thức (đồng)",
            kinds,
            [totals[kind] for kind in kinds],
            horizontal=True,
            width=460,  # drawn 150 mm wide: 11-unit text prints at about 10 pt
        )


def monthly_report_document(*, user: PortalUser, report: MonthlyReport) -> MonthlyReportDocument:
    """Everything the PDF shows, evaluated (the template runs no query)."""
    with translation.override("vi"):
        activities = tuple(
            ActivityRow(a.date, a.title, a.get_kind_display(), a.amount)
            for a in monthly_report_activities(user=user, report=report)
        )
        criteria = tuple(
            _criterion_row(line) for line in monthly_report_criteria_lines(report=report)
        )
        assignment = report.assignment
        met, total = _criteria_score(commune_id=assignment.commune_id, period=report.period)
        return MonthlyReportDocument(
            doc=_letterhead(report),
            agency=assignment.agency.name,
            commune=in_sentence(assignment.commune),
            district=in_sentence(assignment.commune.district),
            period=report.period,
            status=report.get_status_display(),
            criteria_met=met,
            criteria_total=total,
            criteria=criteria,
            activities=activities,
            amount_total=sum(a.amount for a in activities),
            difficulties=report.difficulties,
            proposals=report.proposals,
            next_month_plan=report.next_month_plan,
        )


def monthly_report_pdf(*, user: PortalUser, report: MonthlyReport) -> bytes:
    return render_pdf(
        template_name=TEMPLATE,
        context=document_context(monthly_report_document(user=user, report=report)),
    )


def document_context(document: MonthlyReportDocument) -> dict:
    """The template's context: the report and its letterhead (documents/base.html reads doc)."""
    return {"report": document, "doc": document.doc}


def report_verification_code(report: MonthlyReport) -> str:
    """The code printed on the report's PDF; the report page shows it to check a paper copy."""
    return verification_code(kind=KIND, object_id=report.pk, version=report.version)


def pdf_filename(report: MonthlyReport) -> str:
    return f"bao-cao-thang-{report.period:%Y-%m}-{report.pk}.pdf"


def in_sentence(unit) -> str:
    """'xã Xuân Lạc', 'huyện Chợ Đồn': a unit's kind in lower case inside a sentence."""
    if unit is None:
        return ""
    kind = unit.get_kind_display() if hasattr(unit, "get_kind_display") else unit.kind
    return f"{kind.lower()} {unit.name}".strip()


def _criterion_row(line) -> CriterionRow:
    result = line.saved_result or line.result_now
    return CriterionRow(
        title=str(line.criterion),
        result=str(Result(result).label),
        is_met=result == Result.MET,
        is_focus=line.is_focus,
        has_changed=line.has_changed,
        progress=line.progress,
    )


def _criteria_score(*, commune_id: int, period: dt.date) -> tuple[int | None, int | None]:
    """(criteria met, criteria in the set) at the end of the month: the latest assessment."""
    end = periods.add_months(period, 1)
    row = (
        Assessment.objects.filter(commune_id=commune_id, period__lt=end)
        .order_by("-period", "-created_at", "-id")
        .values_list("criteria_met", "criteria_total")
        .first()
    )
    return row if row else (None, None)


def _letterhead(report: MonthlyReport) -> Letterhead:
    office = DocumentSettings.load()
    agency, commune = report.assignment.agency, in_sentence(report.assignment.commune)
    moment = report.submitted_at or timezone.now()
    return Letterhead(
        parent_body=office.parent_body,
        issuing_body=agency.name,
        number_symbol=f"BC-{agency.short_name}" if agency.short_name else "BC",
        place_name=office.place_name,
        date=timezone.localtime(moment, province_tz()).date(),
        doc_type="Báo cáo",
        subject=(f"Kết quả giúp đỡ {commune} xây dựng nông thôn mới {month_name(report.period)}"),
        signer_title="Người báo cáo",
        signer_name=str(report.submitted_by or ""),
        recipients=(
            "Văn phòng Điều phối nông thôn mới tỉnh (b/c);",
            f"UBND {commune} (p/h);",
            "Lưu: VT.",
        ),
        verification_code=verification_code(kind=KIND, object_id=report.pk, version=report.version),
        is_draft=report.is_open,
        verify_url=settings.PORTAL_BASE_URL.rstrip("/")
        + reverse("sponsorships:monthly_report_detail", args=[report.pk]),
    )
