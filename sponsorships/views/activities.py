"""Activity pages that read: the filtered list, the totals, the exports, one activity, evidence."""

from __future__ import annotations

import logging
import tempfile

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from exports.selectors import export_job_list
from exports.services.jobs import export_job_request
from ntm_portal.filters import filtered_queryset
from sponsorships import exports
from sponsorships.filters import SupportActivityFilterSet
from sponsorships.permissions import (
    can_change_activity,
    can_delete_activity,
    can_record_activities,
    can_view_evidence,
)
from sponsorships.selectors.activities import (
    TOTALS,
    Summary,
    TotalRow,
    activity_get,
    activity_history,
    activity_keyset_page,
    activity_list,
    activity_summary,
    activity_totals,
    evidence_get,
    more_than,
)
from sponsorships.selectors.activity_summaries import summary_totals, summary_year
from sponsorships.views._access import PAGE_SIZE, paginate, role_required

logger = logging.getLogger(__name__)

EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def filtered_activities(request: HttpRequest) -> tuple[SupportActivityFilterSet, QuerySet]:
    """The scoped list narrowed by the shared filters (nothing when the filters are invalid)."""
    filterset = SupportActivityFilterSet(request.GET, queryset=activity_list(user=request.user))
    queryset = filtered_queryset(filterset)
    return filterset, queryset


# Parameters that do not narrow the list (the summary of the whole list is on the totals page).
NOT_FILTERS = {"sort", "page", "after"}


@require_GET
@role_required
def activity_list_view(request: HttpRequest) -> HttpResponse:
    """Newest first by keyset pages (?after=); another sort or an old ?page= link by page
    numbers. The summary is shown for a filtered list of at most EXPORT_SYNC_MAX_ROWS rows
    only: over every activity of the country, or a year's, it would be an aggregate of a
    million rows on each visit."""
    filterset, queryset = filtered_activities(request)
    by_keyset = not request.GET.get("sort") and "page" not in request.GET
    if by_keyset:
        page = activity_keyset_page(
            queryset=queryset,
            after=request.GET.get("after", ""),
            size=PAGE_SIZE,
            assignments=filterset.assignments(),
        )
    else:
        page = paginate(request, queryset)
    filtered = any(v for k, v in request.GET.items() if k not in NOT_FILTERS)
    large = more_than(queryset=queryset, limit=settings.EXPORT_SYNC_MAX_ROWS)
    return render(
        request,
        "sponsorships/activity_list.html",
        {
            "filter": filterset,
            "page_obj": None if by_keyset else page,
            "keyset_page": page if by_keyset else None,
            "activities": page.object_list,
            # A filter keeping more rows (a year: a million) is summed on the totals page, from
            # the summary tables where they answer it, not here on each visit.
            "summary": activity_summary(queryset=queryset) if filtered and not large else None,
            "summary_elsewhere": filtered and large,
            "summary_limit": settings.EXPORT_SYNC_MAX_ROWS,
            "export_in_background": large,
            "has_exports": export_job_list(user=request.user).exists(),
            "can_record": can_record_activities(request.user),
            "current_sort": request.GET.get("sort", ""),
            "has_sample": any(a.is_sample for a in page.object_list),
        },
    )


# Groupings that grow with the country (every agency, every commune): the totals page shows
# the largest TOTALS_SHOWN rows of each and links to the grouping alone (?by=), paged.
LONG_TOTALS = ("agency", "commune")
TOTALS_SHOWN = 20
TOTALS_PER_PAGE = 50


@require_GET
@role_required
def activity_totals_view(request: HttpRequest) -> HttpResponse:
    filterset, queryset = filtered_activities(request)
    only = request.GET.get("by")
    summary, totals = _totals(request, filterset, queryset, [only] if only in TOTALS else TOTALS)
    context = {"filter": filterset, "summary": summary}
    if only in TOTALS:
        page = paginate(request, totals[only], TOTALS_PER_PAGE)
        context.update(tables=[(only, page.object_list)], page_obj=page, only=only, more=())
        context["keep"] = {"by": only}
    else:
        full = [(by, totals[by]) for by in TOTALS]
        more = [by for by, rows in full if by in LONG_TOTALS and len(rows) > TOTALS_SHOWN]
        tables = [(by, rows[:TOTALS_SHOWN] if by in more else rows) for by, rows in full]
        counts = {f"{by}_count": len(rows) for by, rows in full}
        context.update(tables=tables, more=more, **counts)
    return render(request, "sponsorships/activity_totals.html", context)


def _totals(
    request: HttpRequest, filterset: SupportActivityFilterSet, queryset: QuerySet, groupings: list
) -> tuple[Summary, dict[str, list[TotalRow]]]:
    """Every activity, or a year's, from the summary tables; other filters from the rows."""
    readable, year = summary_year(filterset.form.cleaned_data if filterset.is_valid() else {})
    if filterset.is_valid() and readable:
        return summary_totals(user=request.user, year=year)
    totals = {by: activity_totals(queryset=queryset, by=by) for by in groupings}
    return activity_summary(queryset=queryset), totals


@require_GET
@role_required
def activity_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """CSV streams whatever its size; Excel in the request up to EXPORT_SYNC_MAX_ROWS rows,
    beyond that the list offers the background export instead."""
    filterset, queryset = filtered_activities(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(_("Bộ lọc không hợp lệ."))
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.activities_csv(queryset), content_type=EXPORT_TYPES[fmt]
        )
        response["Content-Disposition"] = f'attachment; filename="hoat-dong-ho-tro-{stamp}.csv"'
        return response
    if queryset.count() > settings.EXPORT_SYNC_MAX_ROWS:
        messages.info(
            request, _("Danh sách quá dài để tải ngay: hãy dùng “Xuất Excel (chạy nền)”.")
        )
        return redirect(reverse("sponsorships:activity_list") + _query(request))
    target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    exports.activities_xlsx(queryset, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=exports.activities_filename(),
        content_type=EXPORT_TYPES[fmt],
    )


@require_POST
@role_required
def activity_export_background_view(request: HttpRequest) -> HttpResponse:
    """Queue the Excel of the filtered list as a background job (the same one if already queued)."""
    filterset, _queryset = filtered_activities(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(_("Bộ lọc không hợp lệ."))
    job = export_job_request(
        user=request.user,
        kind=exports.ACTIVITIES_XLSX_KIND,
        params=exports.filter_params(request.GET),
    )
    if getattr(job, "is_queued", True):
        messages.success(request, _("Đã nhận yêu cầu xuất Excel. Tệp sẽ có ở đây khi tạo xong."))
    else:
        messages.warning(request, EXPORT_QUEUE_DOWN)
    return redirect("exports:list")


EXPORT_QUEUE_DOWN = gettext_lazy(
    "Hệ thống xuất tệp tạm thời không hoạt động; yêu cầu đã được ghi lại và tệp sẽ được tạo "
    "khi hệ thống hoạt động trở lại."
)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return f"?{query.urlencode()}" if query else ""


@require_GET
@role_required
def activity_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get(user=request.user, pk=pk)
    return render(
        request,
        "sponsorships/activity_detail.html",
        {
            "activity": activity,
            "history": activity_history(activity=activity),
            "can_change": can_change_activity(request.user, activity),
            "can_delete": can_delete_activity(request.user, activity),
            "can_view_evidence": can_view_evidence(request.user, activity),
        },
    )


@require_GET
@role_required
def evidence_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Served only through this authorising view, as a download, never rendered inline.

    A row whose file is gone from the storage (a lost disk, a restore of the database without
    its media archive) answers a 404 page that says so, not a server error.
    """
    evidence = evidence_get(user=request.user, pk=pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        logger.warning("Evidence %s: file %s is missing from storage", pk, evidence.file.name)
        context = {"evidence": evidence, "activity": evidence.activity}
        return render(request, "sponsorships/evidence_missing.html", context, status=404)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
