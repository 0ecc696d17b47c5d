"""The per-assignment monthly report as an official document (PDF): one context builder.

``monthly_report_document`` is the ONE place that reads the report for the document; the template
(templates/documents/sponsorships/monthly_report.html) sees only the dataclass it returns. It reads
the version sent (``monthly_report_view``), so the PDF of an accepted report stays what was sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from criteria.models import Result
from ntm_portal.charts import Chart, bar_chart
from ntm_portal.documents import render_pdf, verification_code
from ntm_portal.documents.layout import Letterhead, month_name
from ntm_portal.models import DocumentSettings
from ntm_portal.permissions import PortalUser
from sponsorships.models import MonthlyReport
from sponsorships.selectors.report_versions import monthly_report_view
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
    recorded_after: int = 0  # activities of the month recorded or changed after sending

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
    """Everything the PDF shows, evaluated (the template runs no query): the version sent (the
    latest), or the live content while the report is with the agency, never live activities
    once sent."""
    view = monthly_report_view(user=user, report=report)
    content, progress = view.content, view.content.commune_progress
    with translation.override("vi"):
        return MonthlyReportDocument(
            doc=_letterhead(report, version=view.version.number if view.version else 0),
            agency=content.agency_name,
            commune=in_sentence(report.assignment.commune),
            district=in_sentence(report.assignment.commune.district),
            period=report.period,
            status=report.get_status_display(),
            criteria_met=progress.criteria_met if progress.assessment_period else None,
            criteria_total=progress.criteria_total if progress.assessment_period else None,
            criteria=tuple(_criterion_row(item) for item in content.criteria),
            activities=tuple(
                ActivityRow(a.date, a.title, a.kind_label, a.amount) for a in content.activities
            ),
            amount_total=content.totals.amount,
            difficulties=content.difficulties,
            proposals=content.proposals,
            next_month_plan=content.next_month_plan,
            recorded_after=len(view.recorded_after),
        )


def monthly_report_pdf(*, user: PortalUser, report: MonthlyReport) -> bytes:
    return render_pdf(
        template_name=TEMPLATE,
        context=document_context(monthly_report_document(user=user, report=report)),
    )


def document_context(document: MonthlyReportDocument) -> dict:
    """The template's context: the report and its letterhead (documents/base.html reads doc)."""
    return {"report": document, "doc": document.doc}


def report_verification_code(report: MonthlyReport, *, version: int) -> str:
    """The code printed on the PDF of the report's version ``version`` (0 while never sent); the
    report page shows it to check a paper copy. A new version, a new code."""
    return verification_code(kind=KIND, object_id=report.pk, version=version)


def pdf_filename(report: MonthlyReport) -> str:
    return f"bao-cao-thang-{report.period:%Y-%m}-{report.pk}.pdf"


def in_sentence(unit) -> str:
    """'xã Xuân Lạc', 'huyện Chợ Đồn': a unit's kind in lower case inside a sentence."""
    if unit is None:
        return ""
    kind = unit.get_kind_display() if hasattr(unit, "get_kind_display") else unit.kind
    return f"{kind.lower()} {unit.name}".strip()


def _criterion_row(item) -> CriterionRow:
    return CriterionRow(
        title=str(item),
        result=item.result_label,
        is_met=item.result == Result.MET,
        is_focus=item.is_focus,
        has_changed=item.has_changed,
        progress=item.progress,
    )


def _letterhead(report: MonthlyReport, *, version: int) -> Letterhead:
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
        verification_code=report_verification_code(report, version=version),
        is_draft=report.is_open,
        verify_url=settings.PORTAL_BASE_URL.rstrip("/")
        + reverse("sponsorships:monthly_report_detail", args=[report.pk]),
    )
