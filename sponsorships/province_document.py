"""The province's monthly report as an official document: one context builder, one PDF.

Built from what the agencies sent (``province_monthly_report``: the accepted, else awaiting,
versions) and from where the communes stood at the end of the month and the month before
(``criteria_month``), so the document of October reads the same in December. The template
(templates/documents/sponsorships/province_report.html) sees only the dataclass returned here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from communes.models import District
from communes.selectors import commune_list
from criteria.selectors.months import CriteriaMonth, criteria_month
from ntm_portal import periods
from ntm_portal.charts import Chart, bar_chart
from ntm_portal.documents import render_pdf, verification_code
from ntm_portal.documents.layout import Letterhead, month_name, office_letterhead
from ntm_portal.models import DocumentSettings
from ntm_portal.permissions import PortalUser
from sponsorships.models import Agency, Assignment
from sponsorships.report_document import in_sentence
from sponsorships.selectors.province_report import ProvinceMonthlyReport, province_monthly_report
from sponsorships.services.report_messages import province_tz

TEMPLATE = "documents/sponsorships/province_report.html"
KIND = "province_report"


@dataclass(frozen=True)
class ProvinceReportDocument:
    doc: Letterhead
    scope: str  # "" for the province, else "huyện Chợ Đồn" / "Sở Công Thương"
    reports: ProvinceMonthlyReport
    criteria: CriteriaMonth

    @property
    def distribution_chart(self) -> Chart:
        rows = self.criteria.distribution()
        return bar_chart(
            "Số xã theo số tiêu chí đạt",
            [str(met) for met, _count in rows],
            [count for _met, count in rows],
            width=460,
        )

    @property
    def agency_chart(self) -> Chart | None:
        rows = [row for row in self.reports.by_agency if row.amount]
        if len(rows) < 2:
            return None
        return bar_chart(
            "Giá trị hỗ trợ trong tháng theo cơ quan (đồng)",
            [row.agency_name for row in rows],
            [row.amount for row in rows],
            horizontal=True,
            width=460,
        )


def province_report_document(
    *,
    user: PortalUser,
    period: dt.date,
    district: District | None = None,
    agency: Agency | None = None,
) -> ProvinceReportDocument:
    """Everything the province's PDF (and its Excel) shows for ``period``, in the user's scope."""
    reports = province_monthly_report(user=user, period=period, district=district, agency=agency)
    communes = _communes(user=user, period=reports.period, district=district, agency=agency)
    return ProvinceReportDocument(
        doc=_letterhead(reports, district=district, agency=agency),
        scope=_scope_name(district, agency),
        reports=reports,
        criteria=criteria_month(communes=communes, period=reports.period),
    )


def province_report_pdf(**scope) -> bytes:
    document = province_report_document(**scope)
    return render_pdf(template_name=TEMPLATE, context={"report": document, "doc": document.doc})


def report_filename(
    *, period: dt.date, district: District | None, agency: Agency | None, ext: str
) -> str:
    suffix = f"-huyen-{district.code}" if district else f"-co-quan-{agency.pk}" if agency else ""
    return f"bao-cao-tinh-{period:%Y-%m}{suffix}.{ext}"


def _communes(*, user, period, district, agency):
    communes = commune_list(user=user).filter(province__code=settings.PORTAL_PROVINCE_CODE)
    if district is not None:
        communes = communes.filter(district=district)
    if agency is not None:
        next_month = periods.add_months(period, 1)
        helped = Assignment.objects.filter(agency=agency, start_date__lt=next_month)
        communes = communes.filter(pk__in=helped.values("commune_id"))
    return communes.order_by("district__name", "name")


def _scope_name(district: District | None, agency: Agency | None) -> str:
    if district is not None:
        return in_sentence(district)
    return agency.name if agency is not None else ""


def _letterhead(reports: ProvinceMonthlyReport, *, district, agency) -> Letterhead:
    scope = _scope_name(district, agency)
    programme = "Tình hình thực hiện Chương trình xây dựng nông thôn mới"
    subject = f"{programme} {month_name(reports.period)}"
    scope_key = f"district:{district.pk}" if district else f"agency:{agency.pk}" if agency else ""
    version = sum(section.version_number for section in reports.sections)
    path = reverse("sponsorships:monthly_report_completeness")
    return office_letterhead(
        DocumentSettings.load(),
        date=timezone.localtime(timezone.now(), province_tz()).date(),
        doc_type="Báo cáo",
        subject=f"{subject} ({scope})" if scope else subject,
        code=verification_code(
            kind=f"{KIND}:{scope_key}", object_id=int(f"{reports.period:%Y%m}"), version=version
        ),
        verify_url=f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}?period={reports.period:%Y-%m}",
    )
