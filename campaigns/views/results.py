"""A campaign's results page, and its summary as PDF and Excel."""

from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from campaigns.report_document import (
    campaign_report_pdf,
    report_filename,
    write_campaign_report_xlsx,
)
from campaigns.selectors.campaigns import campaign_get
from campaigns.selectors.results import LEADERBOARD_SIZE, campaign_results
from campaigns.views.campaigns import SHOWN
from ntm_portal.pagination import paginate
from sponsorships.views._access import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@role_required
def campaign_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    results = campaign_results(user=request.user, campaign=campaign)
    context = {
        "campaign": campaign,
        "results": results,
        "top_communes": results.communes[:LEADERBOARD_SIZE],
        "top_agencies": results.agencies[:LEADERBOARD_SIZE],
        # Every one is in the PDF and the Excel; the page shows them a page at a time.
        **{
            f"{name}_page": paginate(request, getattr(results, name), SHOWN, f"{name}_page")
            for name in ("pledges", "exemplars", "awards")
        },
    }
    return render(request, "campaigns/campaign_results.html", context)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@role_required
def campaign_report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    content = campaign_report_pdf(user=request.user, campaign=campaign)
    return _download(content, report_filename(campaign, "pdf"), "application/pdf")


@require_GET
@role_required
def campaign_report_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    buffer = io.BytesIO()
    write_campaign_report_xlsx(
        buffer, results=campaign_results(user=request.user, campaign=campaign)
    )
    return _download(buffer.getvalue(), report_filename(campaign, "xlsx"), XLSX)
