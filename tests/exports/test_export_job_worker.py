"""The real worker test of the exports: a request through the web path enqueues the task on
Redis, an embedded Celery worker writes the file, the row ends done with a readable workbook.
Same set-up as tests/sponsorships/test_monthly_report_worker.py, on a broker database of its own.
"""

import io

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from openpyxl import load_workbook

from exports.models import ExportJob
from exports.services.jobs import export_job_request
from ntm_portal.celery import app
from tests.exports.conftest import KIND
from tests.sponsorships.test_monthly_report_worker import (
    _close_worker_connections,
    _reset_connections,
    wait_for,
)

TEST_BROKER = "redis://127.0.0.1:6379/5"


@pytest.fixture
def export_worker(needs_redis):
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=TEST_BROKER, task_always_eager=False, result_backend=None)
    _reset_connections()
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)
    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=20, loglevel="WARNING"
        ):
            yield
    finally:
        task_postrun.disconnect(_close_worker_connections)
        app.conf.update(saved)
        _reset_connections()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_the_requested_file(export_worker, leader):
    job = export_job_request(user=leader, kind=KIND, params={"rows": 1_500})
    wait_for(lambda: ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.DONE)
    job.refresh_from_db()
    assert (job.status, job.done_count) == ("done", 1_500)
    with job.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()))["Số liệu"]
    assert sheet.max_row == 1_501
