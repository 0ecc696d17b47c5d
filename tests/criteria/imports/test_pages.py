"""The import page: office only (anonymous → login, other roles → 403 and nothing written), the
template download, the dry run's report, the apply through the background job, query counts."""

import io

import openpyxl
import pytest
from django.urls import reverse

from criteria.models import Assessment
from exports.models import ExportJob
from tests.conftest import ROLES
from tests.criteria.imports.files import filled
from tests.exports.factories import ExportJobFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("criteria:assessment_import")
TEMPLATE = reverse("criteria:assessment_import_template")


def upload(data: io.BytesIO, name: str = "danh-gia.xlsx") -> io.BytesIO:
    data.name = name
    return data


def snapshot():
    return (Assessment.objects.count(), ExportJob.objects.count())


def template_query(criteria_set, province):
    return {
        "criteria_set": criteria_set.pk,
        "province": province.pk,
        "period": "10/2026",
        "stage": "appraised",
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_office_reaches_the_import_page(as_role, template, communes, role, method):
    client, _user = as_role(role)
    data = {"file": upload(filled(template, {communes[0].code: {"1.1": 1}})), "action": "apply"}
    response = client.get(PAGE) if method == "get" else client.post(PAGE, data)
    if role == "coordination_office":
        assert response.status_code in (200, 302)
    elif role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    if role != "coordination_office":
        assert snapshot() == (0, 0)


@pytest.mark.parametrize("role", ["leader", "commune_officer", "agency_staff", "no_role_user"])
def test_only_the_office_downloads_the_template(as_role, criteria_set, province, role):
    client, _user = as_role(role)
    assert client.get(TEMPLATE, template_query(criteria_set, province)).status_code == 403


def test_the_template_downloads_for_a_set_and_a_province(as_role, criteria_set, province, communes):
    client, _user = as_role("coordination_office")
    response = client.get(TEMPLATE, template_query(criteria_set, province))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        f"mau-nhap-danh-gia-P90-{criteria_set.code}-2026-10.xlsx" in response["Content-Disposition"]
    )
    data = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [data.cell(row=r, column=1).value for r in (3, 4, 5)] == [c.code for c in communes]


def test_a_bad_template_request_shows_the_form_errors(as_role, criteria_set, province):
    client, _user = as_role("coordination_office")
    query = {**template_query(criteria_set, province), "period": "tháng mười"}
    response = client.get(TEMPLATE, query)
    assert response.status_code == 400
    assert "Nhập kỳ theo dạng tháng/năm" in response.content.decode()


def test_the_dry_run_lists_errors_by_place_and_writes_nothing(as_role, template, communes):
    client, _user = as_role("coordination_office")
    data = filled(template, {communes[0].code: {"1.1": 1, "1.2": 120}})
    response = client.post(PAGE, {"file": upload(data), "action": "check"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có 1 lỗi; chưa ghi gì" in page
    assert "<td>Đánh giá</td><td>3</td><td>F</td>" in page
    assert snapshot() == (0, 0)


def test_the_dry_run_previews_the_scores(as_role, template, communes):
    client, _user = as_role("coordination_office")
    data = filled(template, {communes[0].code: {"1.1": 1, "1.2": 96, "2.1": 3, "3.1": 60}})
    page = client.post(PAGE, {"file": upload(data), "action": "check"}).content.decode()
    assert "Tệp hợp lệ: 1 xã sẽ được nhập" in page
    assert "<td>3/3</td>" in page
    assert snapshot() == (0, 0)


def test_a_file_that_is_not_xlsx_is_refused_on_the_page(as_role):
    client, _user = as_role("coordination_office")
    data = upload(io.BytesIO(b"ma_xa,1.1\n"), "danh-gia.csv")
    page = client.post(PAGE, {"file": data, "action": "check"}).content.decode()
    assert "Tệp không phải là bảng tính Excel (.xlsx)." in page


def test_the_apply_runs_as_a_job_and_stores_the_assessments(
    as_role, template, communes, django_capture_on_commit_callbacks
):
    client, user = as_role("coordination_office")
    data = filled(template, {c.code: {"1.1": 1, "1.2": 96} for c in communes[:2]})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, {"file": upload(data), "action": "apply"})
    assert response.status_code == 302
    job = ExportJob.objects.get(requested_by=user)
    assert (job.status, job.progress, job.done_count) == ("done", 100, 2)
    assert Assessment.objects.filter(commune__in=communes[:2]).count() == 2
    page = client.get(PAGE).content.decode()
    assert "danh-gia.xlsx" in page
    assert reverse("exports:download", args=[job.pk]) in page


def test_an_applied_file_with_errors_fails_its_job_with_the_places(
    as_role, template, communes, django_capture_on_commit_callbacks
):
    client, user = as_role("coordination_office")
    data = filled(template, {communes[0].code: {"1.1": 1}, communes[2].code: {"1.1": "?"}})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"file": upload(data), "action": "apply"})
    job = ExportJob.objects.get(requested_by=user)
    assert job.status == "failed"
    assert job.error.startswith("Đánh giá!E5:")
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize("jobs", [1, 5])
def test_the_page_query_count_does_not_grow_with_jobs(
    as_role, criteria_set, province, django_assert_num_queries, jobs
):
    client, user = as_role("coordination_office")
    for n in range(jobs):
        ExportJobFactory(
            requested_by=user,
            kind="criteria.assessment_import",
            status="running",
            params={"upload": f"imports/{n}.xlsx", "filename": f"{n}.xlsx"},
        )
    with django_assert_num_queries(6):  # session, user, the shell, two choice lists, jobs
        response = client.get(PAGE)
    assert response.content.decode().count('class="export-job"') == jobs
