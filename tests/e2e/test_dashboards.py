"""Browser test of the province overview: a bar of the 0–19 chart opens the communes behind
it, and at 390 px the page does not scroll sideways (its charts scroll in their own box)."""

import pytest

from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.factories import UserFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_leader_follows_a_bar_to_the_communes_and_the_phone_page_fits(
    log_in, live_server, settings
):
    # given
    settings.PORTAL_PROVINCE_CODE = "06"
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    district = DistrictFactory(province=province, name="Chợ Đồn", kind="Huyện")
    for name, met in (("Xuân Lạc", 12), ("Đồng Lạc", 12), ("Nam Mẫu", 19)):
        CommuneFactory(
            province=province, district=district, name=name, criteria_met=met, criteria_total=19
        )
    UserFactory(username="leader", role=User.Role.LEADER)

    # when
    page = log_in("leader")
    page.goto(f"{live_server.url}/dashboards/")
    page.locator("svg.chart a").filter(has_text="12: 2").click()
    page.wait_for_load_state("networkidle")

    # then
    assert page.locator("h1").inner_text() == "Danh sách xã"
    assert "criteria_met=12" in page.url
    assert page.get_by_role("link", name="Xã Xuân Lạc").is_visible()
    assert page.get_by_role("link", name="Xã Đồng Lạc").is_visible()
    assert page.get_by_role("link", name="Xã Nam Mẫu").count() == 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/dashboards/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
