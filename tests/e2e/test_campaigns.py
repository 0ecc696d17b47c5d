"""Browser test: the office adds a sprint to the province's 2026 campaign, Sở Công Thương
registers for it with a pledge of 20.000.000 đồng, and the results page shows the pledge kept
(the agency's 21.000.000 activity in the sprint) and the agency on the leaderboard."""

import datetime as dt

import pytest

from campaigns.models import Campaign, Pledge
from ntm_portal.models import User
from tests.campaigns.factories import CampaignFactory
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, SupportActivityFactory


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=name).click()
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_office_creates_a_sprint_agency_pledges_results_show_it(log_in, live_server, page):
    # given: the 2026 provincial campaign, and Sở Công Thương helping xã Xuân Lạc with 21 M
    district = DistrictFactory(province=ProvinceFactory(code="06", name="Bắc Kạn"), name="Chợ Đồn")
    commune = CommuneFactory(province=district.province, district=district, name="Xuân Lạc")
    agency = AgencyFactory(name="Sở Công Thương", short_name="SCT")
    assignment = AssignmentFactory(agency=agency, commune=commune, start_date=dt.date(2025, 1, 1))
    SupportActivityFactory(assignment=assignment, date=dt.date(2026, 6, 1), amount=21_000_000)
    CampaignFactory(name="Bắc Kạn chung sức xây dựng nông thôn mới 2026")
    UserFactory(username="vpdp", role=User.Role.COORDINATION_OFFICE)
    UserFactory(username="sct", role=User.Role.AGENCY_STAFF, agency=agency)

    # when: the office adds a sprint from the campaign's page
    log_in("vpdp")
    nav(page, "Thi đua")
    page.get_by_role("link", name="Bắc Kạn chung sức xây dựng nông thôn mới 2026").click()
    page.get_by_role("link", name="Thêm đợt thi đua cao điểm").click()
    page.get_by_label("Tên phong trào").fill("100 ngày đêm về đích 2026")
    page.get_by_label("Cơ quan phát động").fill("UBND tỉnh Bắc Kạn")
    page.get_by_label("Từ ngày").fill("01/05/2026")
    page.get_by_label("Đến ngày").fill("31/08/2026")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state("networkidle")
    sprint = Campaign.objects.get(kind="sprint")
    assert sprint.parent.name == "Bắc Kạn chung sức xây dựng nông thôn mới 2026"

    # and the agency registers for it with a pledge
    page.context.clear_cookies()
    log_in("sct")
    page.goto(f"{live_server.url}{sprint.get_absolute_url()}")
    page.get_by_role("link", name="Đăng ký tham gia, cam kết").click()
    page.get_by_label("Nội dung cam kết").fill("Hỗ trợ xã Xuân Lạc 20 triệu đồng")
    page.get_by_label("Thời hạn hoàn thành").fill("30/06/2026")
    page.get_by_label("Giá trị hỗ trợ cam kết (đồng)").fill("20.000.000")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_load_state("networkidle")
    assert Pledge.objects.get().agency == agency

    # then: the results page shows the pledge kept and the agency on the leaderboard
    page.get_by_role("link", name="Kết quả phong trào").click()
    page.wait_for_load_state("networkidle")
    pledge_row = page.get_by_role("row", name="Sở Công Thương Hỗ trợ xã Xuân Lạc 20 triệu đồng")
    assert "Đã hoàn thành" in pledge_row.inner_text()
    assert "21.000.000" in pledge_row.inner_text()
    leaderboard = page.get_by_role("region", name="Bảng xếp hạng các cơ quan")
    assert "Sở Công Thương" in leaderboard.inner_text()
    assert "1/1" in leaderboard.inner_text()
