"""Browser test of the review cycle: the agency submits, the office returns it with a reason,
the agency sees the reason and can send the report again."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import make_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
REASON = "Chưa nêu tiến độ tiêu chí 7 (chợ xã); đề nghị bổ sung số liệu."


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The pages are Vietnamese first; the browser asks for Vietnamese as a user here would.
    return {**browser_context_args, "locale": "vi-VN"}


def test_agency_submits_office_returns_with_a_reason_agency_sees_it(live_server, page, log_in):
    # given
    agency = AgencyFactory(name="Sở Công Thương", short_name="SCT")
    UserFactory(username="staff_a", role="agency_staff", agency=agency)
    UserFactory(username="office", role="coordination_office")
    report = make_report(AssignmentFactory(agency=agency))
    detail = f"{live_server.url}/sponsorships/reports/{report.pk}/"

    # the agency submits
    log_in("staff_a")
    page.goto(detail)
    page.get_by_text("Gửi báo cáo", exact=True).click()  # opens the confirmation step
    page.get_by_role("button", name="Xác nhận gửi").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo tới văn phòng điều phối.")
    page.context.clear_cookies()

    # the office returns it, with a reason
    log_in("office")
    page.goto(detail)
    page.get_by_label("Lý do trả lại").fill(REASON)
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Đã trả lại báo cáo")
    page.context.clear_cookies()

    # the agency sees the reason and may send it again
    log_in("staff_a")
    page.goto(detail)
    expect(page.get_by_role("alert")).to_contain_text(REASON)
    expect(page.locator("summary", has_text="Gửi lại báo cáo")).to_be_visible()
    expect(page.locator(".bell .badge")).to_have_text(re.compile(r"^\d+$"))
