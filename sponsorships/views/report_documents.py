"""The monthly report as a PDF document: same scope (404) and predicate as the report page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import View

from sponsorships.report_document import monthly_report_pdf, pdf_filename
from sponsorships.views.monthly_reports import ReportMixin


class MonthlyReportPdfView(ReportMixin, View):
    """Rendered in the request: one commune's report is a few pages (well under a second)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report(request, pk)
        response = HttpResponse(
            monthly_report_pdf(user=request.user, report=report), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{pdf_filename(report)}"'
        response["Cache-Control"] = "private, no-store"
        return response
