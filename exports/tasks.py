"""Celery tasks of the export jobs: thin wrappers that take ids and call one service."""

from __future__ import annotations

from celery import shared_task

from exports.services import jobs


@shared_task(soft_time_limit=900, time_limit=960)
def export_job_run_task(job_id: int) -> str:
    """Write one export's file (safe twice: a job is claimed queued → running once)."""
    return jobs.export_job_run(job_id=job_id)


@shared_task
def export_jobs_delete_expired_task() -> int:
    """The daily clean-up of expired export files and rows."""
    return jobs.export_jobs_delete_expired()


@shared_task
def export_jobs_redrive_task() -> int:
    """Publish again the jobs a broker outage or a lost message left queued."""
    return jobs.export_jobs_redrive()
