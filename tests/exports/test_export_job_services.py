"""Requesting, running and cleaning up export jobs: one job per identical request, progress as
the file is written, failures recorded with no file left, expired files deleted by beat."""

import datetime as dt
import io
import threading
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from exports import registry
from exports.models import ExportJob
from exports.services import jobs
from tests.exports.conftest import KIND
from tests.exports.factories import ExportJobFactory, done_job
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_same_request_twice_is_one_job(leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = jobs.export_job_request(user=leader, kind=KIND, params={"rows": 5, "a": [1]})
        second = jobs.export_job_request(user=leader, kind=KIND, params={"a": [1], "rows": 5})
    assert first.pk == second.pk
    assert ExportJob.objects.count() == 1
    assert len(callbacks) == 1  # one task enqueued, on commit


def test_other_params_or_another_user_make_another_job(leader, coordination_office):
    job = jobs.export_job_request(user=leader, kind=KIND, params={"rows": 5})
    assert jobs.export_job_request(user=leader, kind=KIND, params={"rows": 6}).pk != job.pk
    assert jobs.export_job_request(user=coordination_office, kind=KIND, params={"rows": 5}).pk != (
        job.pk
    )


def test_a_finished_job_does_not_block_a_new_request(leader):
    done = done_job(leader, params={"rows": 5})
    assert jobs.export_job_request(user=leader, kind=KIND, params={"rows": 5}).pk != done.pk


def test_an_unknown_kind_or_a_user_without_role_creates_nothing(leader, no_role_user):
    with pytest.raises(ValidationError):
        jobs.export_job_request(user=leader, kind="no.such.kind", params={})
    with pytest.raises(PermissionDenied):
        jobs.export_job_request(user=no_role_user, kind=KIND, params={})
    assert not ExportJob.objects.exists()


def test_the_task_writes_the_file_on_commit(leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.export_job_request(user=leader, kind=KIND, params={"rows": 2_500})
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)
    assert (job.done_count, job.total_count) == (2_500, 2_500)
    assert job.expires_at == job.finished_at + dt.timedelta(days=7)
    with job.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()))["Số liệu"]
    assert sheet["B3"].value == 1_000
    assert sheet["B3"].data_type == "n"


def test_a_failure_keeps_the_error_and_leaves_no_file(leader):
    job = ExportJobFactory(requested_by=leader, params={"rows": 3_000, "fail_at": 1_500})
    before = stored_files()
    assert jobs.export_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert "RuntimeError" in job.error
    assert not job.file
    assert job.finished_at is not None
    assert stored_files() == before


def stored_files(path: str = "") -> list[str]:
    if path and not default_storage.exists(path):
        return []
    folders, files = default_storage.listdir(path)
    found = [f"{path}/{name}".lstrip("/") for name in files]
    for folder in folders:
        found += stored_files(f"{path}/{folder}".lstrip("/"))
    return found


def test_a_requester_who_lost_the_role_gets_a_failed_job(leader):
    job = ExportJobFactory(requested_by=leader)
    leader.role = ""
    leader.save()
    assert jobs.export_job_run(job_id=job.pk) == "failed"
    assert ExportJob.objects.get(pk=job.pk).file == ""


def test_a_job_runs_once_even_if_the_task_is_delivered_twice(leader):
    job = ExportJobFactory(requested_by=leader)
    assert jobs.export_job_run(job_id=job.pk) == "done"
    assert jobs.export_job_run(job_id=job.pk) == "skipped"


def test_progress_is_written_at_most_once_a_second(leader):
    job = ExportJobFactory(requested_by=leader)
    ticks = iter([0.0, 0.4, 1.1, 1.5, 2.3])
    reporter = jobs._Reporter(job.pk, clock=lambda: next(ticks))
    seen = []
    for done in (0, 100, 200, 300, 400):
        reporter(done, 1_000)
        seen.append(ExportJob.objects.get(pk=job.pk).done_count)
    assert seen == [0, 0, 200, 200, 400]
    assert ExportJob.objects.get(pk=job.pk).progress == 40


def test_the_beat_task_deletes_expired_files_and_old_rows(leader):
    expired = done_job(leader, days_left=-1)
    kept = done_job(leader, days_left=3)
    old_failed = ExportJobFactory(
        requested_by=leader, status="failed", created_at=timezone.now() - dt.timedelta(days=8)
    )
    recent_failed = ExportJobFactory(requested_by=leader, status="failed")
    name = expired.file.name
    from exports.tasks import export_jobs_delete_expired_task

    assert export_jobs_delete_expired_task.delay().get() == 2
    assert not default_storage.exists(name)
    assert set(ExportJob.objects.values_list("pk", flat=True)) == {kept.pk, recent_failed.pk}
    assert default_storage.exists(kept.file.name)
    assert old_failed.pk not in ExportJob.objects.values_list("pk", flat=True)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_make_one_job_on_postgresql(needs_postgres, monkeypatch):
    monkeypatch.setattr(jobs, "_enqueue", lambda job_id: None)  # keep both jobs queued
    user = UserFactory()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def request():
        try:
            barrier.wait()
            results.append(jobs.export_job_request(user=user, kind=KIND, params={"rows": 1}).pk)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert ExportJob.objects.filter(requested_by=user).count() == 1


def test_the_clean_up_is_scheduled_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["export-jobs-delete-expired"]
    assert entry["task"] == "exports.tasks.export_jobs_delete_expired_task"
    assert entry["schedule"].hour == {2}


def test_a_job_whose_worker_died_no_longer_stands_in(leader):
    lost = ExportJobFactory(
        requested_by=leader,
        status="running",
        params={"rows": 5},
        started_at=timezone.now() - dt.timedelta(hours=2),
    )
    job = jobs.export_job_request(user=leader, kind=KIND, params={"rows": 5})
    lost.refresh_from_db()
    assert job.pk != lost.pk
    assert lost.status == "failed"
    assert lost.error == "Quá thời gian chạy: hãy yêu cầu lại."


def test_stored_names_cannot_be_guessed(leader):
    job = ExportJobFactory(requested_by=leader)
    jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    parts = job.file.name.split("/")
    assert parts[0] == "exports"
    assert len(parts[3]) == 32
    assert parts[4] == "so-lieu.xlsx"


def test_the_row_shows_progress_while_the_file_is_written(leader, monkeypatch, numbers_kind):
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)
    seen = []

    def write(target, *, user, params, progress):
        def spy(done, total):
            progress(done, total)
            row = ExportJob.objects.get(requested_by=user)
            seen.append((row.status, row.progress, row.done_count, row.total_count))

        return numbers_kind.write(target, user=user, params=params, progress=spy)

    registry.register(replace(numbers_kind, write=write))
    job = ExportJobFactory(requested_by=leader, params={"rows": 2_500})
    jobs.export_job_run(job_id=job.pk)
    assert seen == [
        ("running", 0, 0, 2_500),
        ("running", 40, 1_000, 2_500),
        ("running", 80, 2_000, 2_500),
        ("running", 99, 2_500, 2_500),
    ]
    assert ExportJob.objects.get(pk=job.pk).progress == 100


def test_a_job_given_up_while_writing_leaves_no_file(leader, monkeypatch, numbers_kind):
    def write(target, *, user, params, progress):
        ExportJob.objects.filter(requested_by=user).update(status="failed", error="Quá thời gian")
        return numbers_kind.write(target, user=user, params=params, progress=progress)

    registry.register(replace(numbers_kind, write=write))
    job = ExportJobFactory(requested_by=leader)
    before = stored_files()
    jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.file.name) == ("failed", "")
    assert stored_files() == before
