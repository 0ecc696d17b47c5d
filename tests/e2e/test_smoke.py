"""Browser smoke test: log in through the form, open the overview, the list, then a commune."""

import pytest

from communes.models import Commune
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Vietnamese first: Django's own strings (login labels) follow the browser language.
    return {**browser_context_args, "locale": "vi-VN"}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_officer_logs_in_and_opens_a_commune_from_the_list(log_in, live_server, settings):
    # given
    settings.PORTAL_PROVINCE_CODE = "06"
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    district = DistrictFactory(province=province, name="Chợ Đồn", kind="Huyện")
    commune = CommuneFactory(
        province=province,
        district=district,
        name="Xuân Lạc",
        code="02023",
        criteria_met=12,
        criteria_total=19,
        difficulty=Commune.Difficulty.DIFFICULT,
    )
    UserFactory(username="officer", role=User.Role.COMMUNE_OFFICER, commune=commune)

    # when
    page = log_in("officer")

    # then: a commune officer lands on their own commune (issue 9: a home for every role)
    assert "Xuân Lạc" in page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Tổng quan"
    ).click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Tổng quan tỉnh Bắc Kạn"
    assert page.get_by_role("row", name="Huyện Chợ Đồn").is_visible()

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Danh sách xã"
    ).click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Danh sách xã"
    page.get_by_label("Tìm xã").fill("xuan lac")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("cell", name="12/19").is_visible()

    page.get_by_role("link", name="Xã Xuân Lạc").click()
    page.wait_for_load_state("networkidle")
    assert "Xuân Lạc" in page.locator("h1").inner_text()
    assert page.url.endswith(f"/communes/{commune.pk}/")
