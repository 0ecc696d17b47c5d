"""Browser test of the province overview: a bar of the 0–19 chart opens the communes behind
it, and at 390 px the page does not scroll sideways (its charts scroll in their own box)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from criteria.services import assessment_create
from ntm_portal import periods
from ntm_portal.models import User
from sponsorships.services.report_messages import province_tz
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET, small_criteria_set
from tests.factories import UserFactory

TWO_MET = {**ALL_MET, "2.1": Decimal(20)}  # criterion 2 not met: 2 of 3


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_leader_follows_a_bar_to_the_communes_and_the_phone_page_fits(
    log_in, live_server, settings
):
    # given
    settings.PORTAL_PROVINCE_CODE = "06"
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    district = DistrictFactory(province=province, name="Chợ Đồn", kind="Huyện")
    small_criteria_set(valid_from=dt.date(2021, 1, 1))
    office = UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)
    # Assessed through the service, as the overview's counts are kept on write.
    for name, values in (("Xuân Lạc", TWO_MET), ("Đồng Lạc", TWO_MET), ("Nam Mẫu", ALL_MET)):
        commune = CommuneFactory(province=province, district=district, name=name)
        assessment_create(
            commune=commune,
            period=periods.current_period(timezone.now(), province_tz()),
            stage="self_assessed",
            values=values,
            entered_by=office,
        )
    UserFactory(username="leader", role=User.Role.LEADER)

    # when
    page = log_in("leader")
    page.goto(f"{live_server.url}/dashboards/")
    page.locator("svg.chart a").filter(has_text="2: 2").click()
    page.wait_for_load_state("networkidle")

    # then
    assert page.locator("h1").inner_text() == "Danh sách xã"
    assert "criteria_met=2" in page.url
    assert page.get_by_role("link", name="Xã Xuân Lạc").is_visible()
    assert page.get_by_role("link", name="Xã Đồng Lạc").is_visible()
    assert page.get_by_role("link", name="Xã Nam Mẫu").count() == 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/dashboards/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
