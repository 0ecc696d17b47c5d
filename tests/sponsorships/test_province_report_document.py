"""The province's monthly report as a document: who may download it, what it says, and that it
stays what was sent."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from criteria.services import assessment_create
from ntm_portal.models import User
from sponsorships.services import monthly_reports as services
from tests.criteria.factories import ALL_MET, small_criteria_set
from tests.factories import UserFactory
from tests.pdf_tools import pdf_text, require_pdf_tools
from tests.sponsorships.factories import SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import local, make_report

pytestmark = pytest.mark.django_db
NOVEMBER = dt.date(2026, 11, 1)


def url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse('sponsorships:province_report')}?{query}"


@pytest.fixture
def sent_month(assignment_a, assignment_b, coordination_office, settings):
    """Agency A sent November (2 activities, 7.500.000 đồng); agency B did not. Commune A was
    appraised 3/3 in November."""
    settings.PORTAL_PROVINCE_CODE = assignment_a.commune.province.code
    small_criteria_set(valid_from=dt.date(2021, 1, 1))
    assessment_create(
        commune=assignment_a.commune, period=NOVEMBER, stage="appraised", values=ALL_MET,
        entered_by=coordination_office,
    )  # fmt: skip
    report = make_report(assignment_a, difficulties="Thiếu vốn đối ứng")
    make_report(assignment_b)
    with time_machine.travel(local(2026, 11, 10, 8), tick=False):
        SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 5), amount=5_000_000)
        SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 9), amount=2_500_000)
    staff = UserFactory(role=User.Role.AGENCY_STAFF, agency=assignment_a.agency)
    with time_machine.travel(local(2026, 11, 18, 9), tick=False):
        services.monthly_report_submit(report=report, actor=staff)
    return report


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordination_office", 200),
        ("leader", 200),
        ("agency_staff", 403),
        ("commune_officer", 403),
        ("no_role_user", 403),
        ("anonymous", 302),
    ],
)
def test_who_may_open_the_province_report(as_role, role, status):
    client, _user = as_role(role)

    assert client.get(url(period="2026-11")).status_code == status


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2026-13", "format": "pdf"}, "Kỳ báo cáo"),
        ({"period": "2026-11", "format": "doc"}, "Định dạng"),
        ({"period": "2026-11", "format": "pdf", "district": "999999"}, "Huyện"),
        ({"period": "2026-11", "format": "pdf", "agency": "abc"}, "Cơ quan"),
    ],
)
def test_bad_input_is_a_400_with_the_form_and_its_errors(as_role, params, message):
    client, _user = as_role("coordination_office")

    response = client.get(url(**params))

    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_district_and_an_agency_at_once_is_refused(as_role, sent_month, agency_a):
    client, _user = as_role("coordination_office")
    district = sent_month.assignment.commune.district

    response = client.get(
        url(period="2026-11", format="pdf", district=district.pk, agency=agency_a.pk)
    )

    assert response.status_code == 400
    assert "không chọn cả hai" in response.content.decode()


@pytest.mark.pdf
def test_the_pdf_says_what_the_agencies_sent_and_where_the_communes_stand(as_role, sent_month):
    require_pdf_tools()
    client, _user = as_role("coordination_office")

    response = client.get(url(period="2026-11", format="pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "tháng 11 năm 2026" in text
    assert "3/3" in text  # commune A's criteria at the end of November
    assert "7.500.000" in text
    assert "Thiếu vốn đối ứng" in text
    assert "Nơi nhận" in text


@pytest.mark.pdf
def test_a_back_dated_activity_does_not_change_the_sent_month(as_role, sent_month):
    require_pdf_tools()
    client, _user = as_role("coordination_office")
    before = pdf_text(client.get(url(period="2026-11", format="pdf")).content)

    SupportActivityFactory(
        assignment=sent_month.assignment, date=dt.date(2026, 11, 3), amount=40_000_000
    )
    after = " ".join(pdf_text(client.get(url(period="2026-11", format="pdf")).content).split())

    assert "40.000.000" not in after
    assert "7.500.000" in after
    assert "sau khi gửi báo cáo" in after  # said, not hidden
    assert "40.000.000" not in before


def test_the_excel_holds_numbers_and_dates(as_role, sent_month, agency_a):
    client, _user = as_role("coordination_office")

    response = client.get(url(period="2026-11", format="xlsx"))

    book = load_workbook(io.BytesIO(response.content))
    rows = {row[0]: row for row in book["Báo cáo"].iter_rows(min_row=4, values_only=True)}
    sent = rows[agency_a.name]
    assert (sent[7], sent[8]) == (2, 7_500_000)
    assert isinstance(sent[5], dt.datetime)
    communes = list(book["Tiêu chí theo xã"].iter_rows(min_row=2, values_only=True))
    assert ("Xuân Lạc", 3, 3) in [(row[0], row[2], row[3]) for row in communes]


def count_queries(user) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sponsorships.province_document import province_report_document

    with CaptureQueriesContext(connection) as context:
        province_report_document(user=user, period=NOVEMBER)
    return len(context.captured_queries)


def test_the_document_reads_the_same_number_of_queries_for_one_or_many_reports(
    coordination_office, sent_month
):
    from ntm_portal.models import DocumentSettings
    from tests.sponsorships.factories import AssignmentFactory

    DocumentSettings.load()  # the office's letterhead exists once it has been read
    one = count_queries(coordination_office)
    for number in range(4):
        assignment = AssignmentFactory(commune__code=f"7700{number}")
        report = make_report(assignment)
        SupportActivityFactory(assignment=assignment, date=dt.date(2026, 11, 4), amount=1_000_000)
        staff = UserFactory(role=User.Role.AGENCY_STAFF, agency=assignment.agency)
        services.monthly_report_submit(report=report, actor=staff)

    assert count_queries(coordination_office) == one
