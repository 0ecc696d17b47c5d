"""Request, run and clean up export jobs. The task only takes an id and calls export_job_run."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import tempfile
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from exports import registry
from exports.models import ExportJob

logger = logging.getLogger(__name__)
ACTIVE = (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)
PROGRESS_SECONDS = 1.0  # the row is updated at most this often while a file is written
REDRIVE_AFTER = dt.timedelta(minutes=5)
BROKER_ERRORS = (OperationalError, OSError)
STALE_AFTER = dt.timedelta(hours=1)  # well past the task's hard time limit (16 min)


def params_key(params: dict) -> str:
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _kind(name: str, user) -> registry.ExportKind:
    kind = registry.get(name)
    if kind is None:
        raise ValidationError(_("Không có loại tệp xuất này."), code="unknown_kind")
    if not kind.allowed(user):
        raise PermissionDenied
    return kind


def export_job_request(*, user, kind: str, params: dict) -> ExportJob:
    """The user's job for (kind, params): the one already queued or running, or a new one whose
    task is enqueued when the transaction commits. Two requests at once make one job: the
    second insert hits the partial unique constraint and returns the first row."""
    _kind(kind, user)
    key = params_key(params)
    _fail_stale(user=user, kind=kind, key=key)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                job = ExportJob.objects.create(
                    requested_by=user, kind=kind, params=params, params_key=key
                )
        except IntegrityError:
            job = ExportJob.objects.filter(
                requested_by=user, kind=kind, params_key=key, status__in=ACTIVE
            ).first()
            if job is not None:
                return job
            continue  # the other job finished meanwhile: try again
        job.is_queued = True  # False when the broker is down: the job waits for the re-drive
        transaction.on_commit(lambda job=job: setattr(job, "is_queued", _enqueue(job.pk)))
        return job
    raise ValidationError(_("Không tạo được yêu cầu xuất tệp, vui lòng thử lại."))


def _fail_stale(*, user, kind: str, key: str) -> None:
    """A job still queued or running after STALE_AFTER lost its worker (a crash, a kill): mark it
    failed, so it no longer stands in for the new request."""
    since = timezone.now() - STALE_AFTER
    stale = Q(status=ExportJob.Status.QUEUED, created_at__lt=since) | Q(
        status=ExportJob.Status.RUNNING, started_at__lt=since
    )
    ExportJob.objects.filter(stale, requested_by=user, kind=kind, params_key=key).update(
        status=ExportJob.Status.FAILED,
        error=_("Quá thời gian chạy: hãy yêu cầu lại."),
        finished_at=timezone.now(),
    )


def _enqueue(job_id: int) -> bool:
    """Publish the job's task; False if the broker cannot be reached (the row stays queued and
    ``export_jobs_redrive`` publishes it again)."""
    from exports.tasks import export_job_run_task  # noqa: PLC0415 (tasks import services)

    try:
        export_job_run_task.delay(job_id)
    except BROKER_ERRORS:
        logger.warning("Export queue unavailable; job %s waits for the re-drive", job_id)
        return False
    return True


def export_jobs_redrive(*, older_than: dt.timedelta = REDRIVE_AFTER) -> int:
    """Publish again the jobs still queued ``older_than`` after their request (a broker outage,
    a lost message); a second task for a job does nothing (the claim is queued → running)."""
    since = timezone.now() - older_than
    ids = ExportJob.objects.filter(
        status=ExportJob.Status.QUEUED, created_at__lte=since
    ).values_list("pk", flat=True)
    return sum(_enqueue(pk) for pk in ids)


def _claim(job_id: int) -> bool:
    """queued → running, by whoever updates the row first (a redelivered task does nothing)."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, started_at=timezone.now()
    )
    return claimed == 1


class _Reporter:
    """progress(done, total) → one UPDATE at most every PROGRESS_SECONDS."""

    def __init__(self, job_id: int, clock=time.monotonic):
        self.job_id, self.clock, self.last = job_id, clock, None
        self.depth = _transaction_depth()

    def __call__(self, done: int, total: int | None = None) -> None:
        now = self.clock()
        if self.last is not None and now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        percent = min(99, int(done * 100 / total)) if total else 0
        fields = {"done_count": done, "progress": percent}
        if total is not None:
            fields["total_count"] = total
        if _transaction_depth() > self.depth:
            _progress_save_aside(self.job_id, fields)
        else:
            ExportJob.objects.filter(pk=self.job_id).update(**fields)


def _transaction_depth() -> int:
    return len(transaction.get_connection().atomic_blocks)


def _progress_save_aside(job_id: int, fields: dict[str, int]) -> None:
    """A kind that writes in a transaction of its own (an assessment import: all or nothing)
    would hide its progress until the commit: a connection of its own saves it meanwhile.
    SQLite (development) locks the whole file for the writer, so there it waits for the commit."""
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        return
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        quote = side.ops.quote_name
        columns = [quote(ExportJob._meta.get_field(name).column) for name in fields]
        assignments = ", ".join(f"{column} = %s" for column in columns)
        sql = f"UPDATE {quote(ExportJob._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608 (names from the model)
        with side.cursor() as cursor:
            cursor.execute(sql, [*fields.values(), job_id])
    finally:
        side.close()


def export_job_run(*, job_id: int) -> str:
    """Write the job's file to default storage; done with an expiry, or failed with the error
    and no file. Returns the final status."""
    if not _claim(job_id):
        return "skipped"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        kind = _kind(job.kind, job.requested_by)
        _write(job, kind)
    except Exception as exc:  # noqa: BLE001 (any failure is recorded on the row)
        logger.exception("export job %s failed", job_id)
        _fail(job, exc)
        return ExportJob.Status.FAILED
    return ExportJob.Status.DONE


def _write(job: ExportJob, kind: registry.ExportKind) -> None:
    reporter = _Reporter(job.pk)
    with tempfile.TemporaryFile() as target:
        rows = kind.write(target, user=job.requested_by, params=job.params, progress=reporter)
        target.seek(0)
        filename = kind.filename(job.params)
        job.file.save(filename, File(target), save=False)
    now = timezone.now()
    finished = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
        file=job.file.name,
        filename=filename,
        status=ExportJob.Status.DONE,
        progress=100,
        done_count=rows,
        total_count=rows,
        finished_at=now,
        expires_at=now + dt.timedelta(days=settings.EXPORT_JOB_TTL_DAYS),
    )
    if not finished:  # given up as stale meanwhile: its file must not linger
        job.file.delete(save=False)


def _fail(job: ExportJob, exc: Exception) -> None:
    if job.file:
        job.file.delete(save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.FAILED, file="", error=_error(exc), finished_at=timezone.now()
    )


def _error(exc: Exception) -> str:
    """What the requester reads: our own messages in full, anything else by its kind only."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, PermissionDenied):
        return _("Bạn không còn quyền tạo tệp xuất này.")
    return _("Không tạo được tệp (%(error)s). Hãy thử lại sau.") % {"error": type(exc).__name__}


def export_jobs_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete the files and rows of jobs past their expiry, and of failed or abandoned jobs
    older than the same lifetime. Returns the number of jobs deleted."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.EXPORT_JOB_TTL_DAYS)
    expired = ExportJob.objects.filter(expires_at__lte=now) | ExportJob.objects.filter(
        expires_at__isnull=True, created_at__lte=cutoff
    )
    deleted = 0
    for job in expired.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
