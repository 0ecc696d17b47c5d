"""My exports: the list with progress, a JSON status for the progress script, the download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from exports import registry
from exports.models import ExportJob
from exports.selectors import MY_EXPORTS_SHOWN, export_job_get, export_job_list
from ntm_portal.permissions import has_portal_role

GONE = 410


def _label(job: ExportJob) -> str:
    kind = registry.get(job.kind)
    return str(kind.label) if kind else job.kind


def job_status(job: ExportJob) -> dict:
    """What the page and the progress script show of one job."""
    ready = job.status == ExportJob.Status.DONE and not job.is_expired()
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "done": job.done_count,
        "total": job.total_count,
        "error": job.error,
        "download_url": reverse("exports:download", args=[job.pk]) if ready else "",
        "expired": job.is_expired(),
    }


@require_GET
def export_job_list_view(request: HttpRequest) -> HttpResponse:
    if not has_portal_role(request.user):
        raise PermissionDenied
    jobs = list(export_job_list(user=request.user)[:MY_EXPORTS_SHOWN])
    rows = [(job, _label(job), job_status(job)) for job in jobs]
    return render(request, "exports/export_job_list.html", {"rows": rows})


@require_GET
def export_job_status_view(request: HttpRequest, pk: int) -> JsonResponse:
    job = export_job_get(user=request.user, pk=pk)
    response = JsonResponse(job_status(job))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_job_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the requester's finished file; expired → 410 with a message."""
    job = export_job_get(user=request.user, pk=pk)
    if job.is_expired(timezone.now()):
        return render(request, "exports/export_job_expired.html", {"job": job}, status=GONE)
    if job.status != ExportJob.Status.DONE or not job.file:
        return render(request, "exports/export_job_not_ready.html", {"job": job}, status=404)
    response = FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.filename or job.file.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
