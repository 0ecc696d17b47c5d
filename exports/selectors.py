"""Reads of export jobs: a user sees only the jobs they requested (anyone else's is a 404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from exports.models import ExportJob
from ntm_portal.permissions import PortalUser, has_portal_role

MY_EXPORTS_SHOWN = 50


def export_job_list(*, user: PortalUser) -> QuerySet[ExportJob]:
    if not has_portal_role(user):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(requested_by=user)


def export_job_get(*, user: PortalUser, pk: int) -> ExportJob:
    return get_object_or_404(export_job_list(user=user), pk=pk)
