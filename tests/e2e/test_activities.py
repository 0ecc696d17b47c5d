"""Browser test: an agency staff member logs in through the form, adds an activity from the
staff home typing the money as 21.000.000, and finds it in the list and in the totals."""

import datetime as dt

import pytest

from ntm_portal.models import User
from sponsorships.models import SupportActivity
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_staff_records_an_activity_and_sees_it_in_the_list_and_the_totals(log_in, live_server):
    # given: Sở Công Thương helps xã Xuân Lạc this year
    district = DistrictFactory(
        province=ProvinceFactory(code="06", name="Bắc Kạn"), name="Chợ Đồn", kind="Huyện"
    )
    commune = CommuneFactory(
        province=district.province, district=district, name="Xuân Lạc", code="02023"
    )
    agency = AgencyFactory(name="Sở Công Thương", short_name="SCT")
    AssignmentFactory(agency=agency, commune=commune, start_date=dt.date(2025, 1, 1))
    UserFactory(username="sct", role=User.Role.AGENCY_STAFF, agency=agency)

    # when: the staff member logs in and uses the form on their home page
    page = log_in("sct")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Xã tôi giúp đỡ"
    ).click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Nội dung").fill("Tặng 600 bóng đèn compact tiết kiệm điện")
    page.get_by_label("Giá trị (đồng)").fill("21.000.000")
    page.get_by_label("Số lượng").fill("600")
    page.get_by_label("Đơn vị tính").fill("bóng đèn")
    page.get_by_role("button", name="Lưu hoạt động").click()
    page.wait_for_load_state("networkidle")

    # then: it is saved with the number the person meant, and shown
    assert page.get_by_text("Đã ghi nhận hoạt động").is_visible()
    assert SupportActivity.objects.get().amount == 21_000_000
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Hoạt động hỗ trợ"
    ).click()
    page.wait_for_load_state("networkidle")
    row = page.get_by_role("row", name="Tặng 600 bóng đèn compact tiết kiệm điện")
    assert row.is_visible()
    assert "21.000.000 đồng" in row.inner_text()

    page.get_by_role("link", name="Xem tổng hợp").click()
    page.wait_for_load_state("networkidle")
    by_agency = page.get_by_role("table", name="Theo cơ quan")
    assert "Sở Công Thương" in by_agency.inner_text()
    assert "21.000.000 đồng" in by_agency.inner_text()
