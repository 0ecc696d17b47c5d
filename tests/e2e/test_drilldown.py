"""Browser: the office follows a figure to the filtered commune list, then drills down from a
commune to a criterion and an indicator; at 390 px none of these pages scrolls sideways."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET, small_criteria_set
from tests.dashboards.drilldown.conftest import enter
from tests.factories import UserFactory

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def province(settings):
    settings.PORTAL_PROVINCE_CODE = "06"
    with time_machine.travel(dt.datetime(2026, 11, 15, 2, tzinfo=dt.UTC), tick=True):
        province = ProvinceFactory(code="06", name="Bắc Kạn")
        district = DistrictFactory(province=province, name="Chợ Đồn", kind="Huyện")
        small_criteria_set(code="qd318", valid_from=dt.date(2021, 1, 1))
        office = UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)
        communes = {}
        for name, value in [("An", "95.5"), ("Bình", "85"), ("Cao", "91"), ("Dương", "60")]:
            commune = CommuneFactory(province=province, district=district, name=name)
            enter(commune, office, {**ALL_MET, "1.2": Decimal(value)})
            communes[name] = commune
        CommuneFactory(province=province, district=district, name="Em")  # never assessed
        yield communes


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_office_drills_down_from_the_filtered_list_to_an_indicator(log_in, live_server, province):
    page = log_in("office")
    page.set_viewport_size({"width": 390, "height": 844})

    # The overview's "2/4 xã đạt tiêu chí 1" link opens the list filtered to those communes.
    page.goto(f"{live_server.url}/communes/list/?criterion=1&criterion_result=met")
    assert page.get_by_text("Đang lọc:").is_visible()
    rows = page.locator("main table tbody tr th.key-col").all_inner_texts()
    assert sorted(rows) == ["Xã An", "Xã Cao"]  # 1.2 ≥ 90 %: 95,5 and 91; Bình 85, Dương 60
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.get_by_role("link", name="Xã Cao").click()
    page.wait_for_load_state("networkidle")
    assert "Xã Cao" in page.locator("h1").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    # The 3-criterion summary jumps to the criterion's section and opens it.
    page.get_by_role("link", name="Tiêu chí 1: Đạt").click()
    section = page.locator("#tc-1")
    # open-target.js opens it on the hash change: wait for that, as a reader's eye would.
    expect(section).to_have_attribute("open", "")
    section.get_by_role("link", name="Tiêu chí 1 trong cả tỉnh").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Tiêu chí 1:")
    main = page.locator("main").inner_text()
    assert page.locator("#group-met").count() == 1, (page.url, main[:1500])
    assert page.locator("#group-met").inner_text() == "Xã đạt (2)"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.locator(".indicator-links").get_by_role("link", name="1.2. Chỉ tiêu").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Chỉ tiêu 1.2")
    communes = page.locator("main table tbody th").all_inner_texts()
    # Closest to 90 % first: Cao 91 (1), Bình 85 (5), An 95,5 (5,5), Dương 60 (30), Em last.
    assert [c.split(" ·")[0] for c in communes] == [
        "Xã Cao",
        "Xã Bình",
        "Xã An",
        "Xã Dương",
        "Xã Em",
    ]
    crumbs = page.get_by_role("navigation", name="Đường dẫn").inner_text()
    assert "Xã Cao" in crumbs
    assert "Tiêu chí 1" in crumbs
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
