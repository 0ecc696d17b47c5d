"""Excel and CSV exports hold exactly the filtered list the page shows, readable in Excel."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from exports.models import ExportJob
from tests.criteria.factories import CriterionFactory
from tests.sponsorships.activity_fixtures import url
from tests.sponsorships.factories import SupportActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(assignment_a, assignment_b):
    bulbs = SupportActivityFactory(
        assignment=assignment_a,
        date=dt.date(2024, 3, 5),
        title="Tặng 600 bóng đèn",
        amount=21_000_000,
        quantity=Decimal("600"),
        quantity_unit="bóng đèn",
        is_sample=True,
    )
    bulbs.target_criteria.set([CriterionFactory(number=4)])
    market = SupportActivityFactory(
        assignment=assignment_a,
        date=dt.date(2024, 9, 14),
        title='=HYPERLINK("x")',
        amount=40_000_000,
    )
    SupportActivityFactory(
        assignment=assignment_b, date=dt.date(2024, 5, 1), title="Cổng chào", amount=25_000_000
    )
    return bulbs, market


def test_excel_export_matches_the_filtered_list(as_role, listed, agency_a):
    client, _user = as_role("leader")
    params = {"agency": agency_a.pk, "sort": "date"}
    page = client.get(url("activity_list"), params)
    response = client.get(url("activity_export_xlsx"), params)
    assert response["Content-Disposition"].startswith('attachment; filename="hoat-dong-ho-tro-')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ngày", "Cơ quan", "Xã")
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet["A2"].is_date
    assert sheet["A2"].number_format == "dd/mm/yyyy"
    assert sheet["I2"].data_type == "n"
    assert sheet["I2"].number_format == "#,##0"
    assert [row[6] for row in rows[1:]] == [
        a.title if not a.title.startswith("=") else "'" + a.title
        for a in page.context["activities"]
    ]
    first = rows[1]
    assert (first[0].date(), first[1], first[2], first[7], first[8], first[9], first[15]) == (
        dt.date(2024, 3, 5),
        agency_a.name,
        "Xuân Lạc",
        "4",
        21_000_000,
        600,
        "Có",
    )


def test_csv_export_is_utf8_with_bom_and_neutralises_formulas(as_role, listed, agency_a):
    client, _user = as_role("agency_staff")
    response = client.get(url("activity_export_csv"), {"agency": agency_a.pk, "sort": "-date"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming  # never built in memory
    chunks = list(response.streaming_content)
    assert len(chunks) == 3  # the header line, then one chunk per activity
    content = b"".join(chunks)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][0] == "Ngày"
    assert [(r[0], r[6], r[8]) for r in rows[1:]] == [
        ("2024-09-14", '\'=HYPERLINK("x")', "40000000"),
        ("2024-03-05", "Tặng 600 bóng đèn", "21000000"),
    ]


def test_export_with_invalid_filters_is_refused(as_role, listed):
    client, _user = as_role("leader")
    assert client.get(url("activity_export_csv"), {"date_from": "hôm qua"}).status_code == 400


def test_export_needs_a_role(as_role, listed):
    client, _user = as_role("no_role_user")
    assert client.get(url("activity_export_xlsx")).status_code == 403


def test_a_long_list_offers_the_background_export_instead(as_role, listed, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    client, _user = as_role("leader")
    page = client.get(url("activity_list"))
    assert "Xuất Excel (chạy nền)" in page.content.decode()
    response = client.get(url("activity_export_xlsx"), {"sort": "date"})
    assert response.status_code == 302
    assert response.url == url("activity_list") + "?sort=date"


def test_a_short_list_downloads_at_once(as_role, listed):
    client, _user = as_role("leader")
    page = client.get(url("activity_list"))
    assert "Xuất Excel (chạy nền)" not in page.content.decode()
    assert "Tải Excel" in page.content.decode()


def test_the_background_excel_holds_the_filtered_list(
    as_role, listed, agency_a, django_capture_on_commit_callbacks
):
    client, _user = as_role("coordination_office")
    query = f"?agency={agency_a.pk}&sort=-date"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("activity_export_background") + query)
    job = ExportJob.objects.get()
    assert (job.status, job.total_count, job.done_count) == ("done", 2, 2)
    assert job.filename.startswith("hoat-dong-ho-tro-")
    response = client.get(reverse("exports:download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        '\'=HYPERLINK("x")',
        "Tặng 600 bóng đèn",
    ]


def test_a_background_job_with_invalid_filters_fails_without_a_file(leader, listed):
    from exports.services.jobs import export_job_run
    from tests.exports.factories import ExportJobFactory

    job = ExportJobFactory(
        requested_by=leader, kind="sponsorships.activities_xlsx", params={"date_from": ["hôm qua"]}
    )
    assert export_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.error == "Bộ lọc không hợp lệ."
    assert not job.file


def test_the_rows_cost_the_same_queries_for_3_or_30_activities(
    assignment_a, django_assert_num_queries
):
    from sponsorships.exports import activities_csv
    from sponsorships.selectors.activities import activity_list
    from tests.factories import UserFactory

    user = UserFactory()
    SupportActivityFactory.create_batch(3, assignment=assignment_a)
    with django_assert_num_queries(2):  # the rows, then their criteria (one batch)
        list(activities_csv(activity_list(user=user)))
    SupportActivityFactory.create_batch(27, assignment=assignment_a)
    with django_assert_num_queries(2):
        list(activities_csv(activity_list(user=user)))
