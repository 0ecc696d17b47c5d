"""Browser test: "my exports" follows a running job without a reload (the static script polls the
JSON status) and shows the download link when the file is ready."""

import pytest
from django.core.files.base import ContentFile

from exports.models import ExportJob
from ntm_portal.models import User
from tests.exports.factories import ExportJobFactory
from tests.factories import UserFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_progress_bar_follows_the_job_and_the_link_appears(log_in, live_server):
    user = UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)
    job = ExportJobFactory(requested_by=user, status="running", progress=10)
    page = log_in("office")
    page.goto(f"{live_server.url}/exports/")
    bar = page.locator("progress.export-progress")
    assert bar.get_attribute("value") == "10"
    assert page.locator("a.export-download").is_hidden()

    job.file.save("so-lieu.xlsx", ContentFile(b"PK"), save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        status="done", progress=100, file=job.file.name, filename="so-lieu.xlsx"
    )
    page.locator("a.export-download").wait_for(state="visible", timeout=10_000)
    assert bar.get_attribute("value") == "100"
    assert page.locator(".export-status").inner_text() == "Xong"
