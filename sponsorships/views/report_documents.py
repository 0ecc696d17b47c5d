"""The monthly report as a PDF document (same scope and predicate as the report page), and the
province's compiled report of a month as a PDF or an Excel workbook."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View
from django.views.decorators.http import require_GET

from sponsorships import report_permissions as perms
from sponsorships.forms.monthly_reports import ProvinceReportForm
from sponsorships.monthly_report_exports import province_report_xlsx
from sponsorships.province_document import province_report_pdf, report_filename
from sponsorships.report_document import monthly_report_pdf, pdf_filename
from sponsorships.views._access import require, role_required
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


@require_GET
@role_required
def province_report_view(request: HttpRequest) -> HttpResponse:
    """The office's compiled report of a month (province, a district or an agency): the form,
    then the PDF or the Excel. Office and leaders, who see every report."""
    require(perms.can_view_report_completeness(request.user))
    if "format" not in request.GET:  # the form, with the month the link came from
        form = ProvinceReportForm(initial=request.GET.dict(), user=request.user)
        return render(request, "sponsorships/province_report_form.html", {"form": form})
    form = ProvinceReportForm(request.GET, user=request.user)
    if not form.is_valid():
        context = {"form": form}
        return render(request, "sponsorships/province_report_form.html", context, status=400)
    scope = {key: form.cleaned_data[key] for key in ("period", "district", "agency")}
    if form.cleaned_data["format"] == "xlsx":
        content = province_report_xlsx(user=request.user, **scope)
        return _attachment(content, XLSX, **scope, ext="xlsx")
    return _attachment(province_report_pdf(user=request.user, **scope), PDF, **scope, ext="pdf")


PDF, XLSX = "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content: bytes, content_type: str, *, ext: str, **scope) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = report_filename(**scope, ext=ext)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
