"""My exports: only the requester sees a job's status and downloads its file (anyone else: 404,
signed out: the login page); an expired file is a 410 with a message; the list page and the
activity list's background button."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from exports.models import ExportJob
from tests.conftest import ROLES
from tests.exports.factories import ExportJobFactory, done_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(leader):
    return done_job(leader)


def snapshot():
    return list(ExportJob.objects.order_by("pk").values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["exports:status", "exports:download"])
def test_only_the_requester_reaches_a_job(as_role, job, role, name):
    client, _user = as_role(role)
    before = snapshot()
    response = client.get(reverse(name, args=[job.pk]))
    if role == "leader":
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == 404
    assert snapshot() == before


def test_the_download_streams_the_file_privately(as_role, job):
    client, _user = as_role("leader")
    response = client.get(reverse("exports:download", args=[job.pk]))
    assert b"".join(response.streaming_content) == b"PK-noi-dung"
    assert response["Content-Disposition"] == 'attachment; filename="so-lieu.xlsx"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_status_says_how_far_the_job_got(as_role, leader):
    running = ExportJobFactory(requested_by=leader, status="running", progress=40, done_count=400)
    client, _user = as_role("leader")
    data = client.get(reverse("exports:status", args=[running.pk])).json()
    assert data["status"] == "running"
    assert (data["progress"], data["done"], data["download_url"]) == (40, 400, "")
    assert data["status_label"] == "Đang chạy"


def test_an_expired_file_is_gone_with_a_message(as_role, job):
    client, user = as_role("leader")
    with time_machine.travel(job.expires_at + dt.timedelta(seconds=1)):
        client.force_login(user)  # a week later the old session has timed out
        response = client.get(reverse("exports:download", args=[job.pk]))
        status = client.get(reverse("exports:status", args=[job.pk])).json()
    assert response.status_code == 410
    assert "đã hết hạn" in response.content.decode()
    assert (status["expired"], status["download_url"]) == (True, "")


def test_an_unfinished_job_has_nothing_to_download(as_role, leader):
    failed = ExportJobFactory(requested_by=leader, status="failed", error="Không tạo được tệp")
    client, _user = as_role("leader")
    response = client.get(reverse("exports:download", args=[failed.pk]))
    assert response.status_code == 404
    assert "Không tạo được tệp" in response.content.decode()


def test_my_exports_lists_only_my_jobs_with_a_progress_bar(as_role, job, coordination_office):
    ExportJobFactory(requested_by=coordination_office)
    running = ExportJobFactory(requested_by=job.requested_by, status="running", progress=30)
    client, _user = as_role("leader")
    page = client.get(reverse("exports:list"))
    html = page.content.decode()
    assert [row[0].pk for row in page.context["rows"]] == [running.pk, job.pk]
    assert '<progress class="export-progress" max="100" value="30"' in html
    assert reverse("exports:status", args=[running.pk]) in html
    assert reverse("exports:download", args=[job.pk]) in html
    assert "js/export-progress.js" in html
    assert 'aria-live="polite"' in html


def test_my_exports_needs_a_role(as_role):
    client, _user = as_role("no_role_user")
    assert client.get(reverse("exports:list")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_activity_list_queues_the_excel_in_the_background(
    as_role, role, django_capture_on_commit_callbacks
):
    client, user = as_role(role)
    url = reverse("sponsorships:activity_export_background") + "?sort=date&page=3"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
        again = client.post(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert not ExportJob.objects.exists()
    elif role == "no_role_user":
        assert response.status_code == 403
        assert not ExportJob.objects.exists()
    else:
        assert (response.status_code, again.status_code) == (302, 302)
        assert response.url == reverse("exports:list")
        job = ExportJob.objects.get()
        assert (job.requested_by, job.kind, job.params) == (
            user,
            "sponsorships.activities_xlsx",
            {"sort": ["date"]},
        )
        assert job.status == "done"


def test_the_background_export_needs_a_post(as_role):
    client, _user = as_role("leader")
    response = client.get(reverse("sponsorships:activity_export_background"))
    assert response.status_code == 405
    assert not ExportJob.objects.exists()


def test_the_activity_list_links_my_exports_once_i_have_one(as_role, leader):
    client, _user = as_role("leader")
    assert (
        reverse("exports:list")
        not in client.get(reverse("sponsorships:activity_list")).content.decode()
    )
    ExportJobFactory(requested_by=leader)
    assert (
        reverse("exports:list")
        in client.get(reverse("sponsorships:activity_list")).content.decode()
    )


def test_my_exports_passes_the_content_security_policy(as_role, job, leader):
    from tests.ntm_portal.test_csp import inline_code

    ExportJobFactory(requested_by=leader, status="running")
    client, _user = as_role("leader")
    assert inline_code(client.get(reverse("exports:list")).content.decode()) == []
