"""Browser test: the office opens the completeness page, follows "Báo cáo tháng của tỉnh" and
downloads the month's compiled report as a PDF (the report an agency sent is in it)."""

from pathlib import Path

import pytest

from ntm_portal.models import User
from sponsorships.services import monthly_reports as services
from tests.factories import UserFactory
from tests.pdf_tools import pdf_text, require_pdf_tools
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import make_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_office_downloads_the_province_pdf_from_the_page(live_server, page, log_in, settings):
    # given: Sở Công Thương sent its November report (21.000.000 đồng)
    require_pdf_tools()
    agency = AgencyFactory(name="Sở Công Thương", short_name="SCT")
    assignment = AssignmentFactory(agency=agency)
    settings.PORTAL_PROVINCE_CODE = assignment.commune.province.code
    report = make_report(assignment)
    SupportActivityFactory(assignment=assignment, date=report.period, amount=21_000_000)
    staff = UserFactory(role=User.Role.AGENCY_STAFF, agency=agency)
    services.monthly_report_submit(report=report, actor=staff)
    UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)

    # when: the office goes from the completeness page to the report's form and downloads it
    log_in("office")
    page.goto(f"{live_server.url}/sponsorships/reports/completeness/?period={report.period:%Y-%m}")
    page.get_by_role("link", name="Báo cáo tháng của tỉnh (PDF, Excel)").click()
    with page.expect_download() as download_info:
        page.get_by_role("main").get_by_role("button", name="Tải báo cáo").click()
    download = download_info.value

    # then: a PDF named for the month, with the agency's report in it
    assert download.suggested_filename == f"bao-cao-tinh-{report.period:%Y-%m}.pdf"
    text = pdf_text(Path(download.path()).read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Sở Công Thương" in text
    assert "21.000.000" in text
