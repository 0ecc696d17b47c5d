"""Reads for the assessment import page: the user's recent import jobs (their progress)."""

from __future__ import annotations

from exports.models import ExportJob
from exports.selectors import export_job_list
from ntm_portal.permissions import PortalUser

ASSESSMENT_IMPORT_KIND = "criteria.assessment_import"  # the export job kind that applies a file
IMPORT_JOBS_SHOWN = 10


def assessment_import_jobs(*, user: PortalUser) -> list[ExportJob]:
    jobs = export_job_list(user=user).filter(kind=ASSESSMENT_IMPORT_KIND)
    return list(jobs[:IMPORT_JOBS_SHOWN])
