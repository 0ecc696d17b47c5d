"""The real worker test of the exports: a request through the web path enqueues the task on
Redis, an embedded Celery worker writes the file, the row ends done with a readable workbook.
Same set-up as tests/sponsorships/test_monthly_report_worker.py, on a broker database of its own.
"""

import io

import pytest
from openpyxl import load_workbook

from exports.models import ExportJob
from exports.services.jobs import export_job_request
from tests.celery_worker import running_worker, wait_for
from tests.exports.conftest import KIND

TEST_BROKER = "redis://127.0.0.1:6379/5"


@pytest.fixture
def export_worker(needs_redis):
    with running_worker(TEST_BROKER):
        yield


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
