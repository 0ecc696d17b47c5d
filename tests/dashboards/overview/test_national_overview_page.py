"""The national overview page: provinces side by side, or a pointer to the one province."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.dashboards.overview.pages import chart_values, tables

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:national_overview")
OVERVIEW = reverse("dashboards:province_overview")
CAPTION = "Số liệu chính theo tỉnh"


@pytest.fixture
def second_province(province_data):
    other = ProvinceFactory(code="08", name="Tuyên Quang")
    district = DistrictFactory(province=other)
    CommuneFactory(
        province=other, district=district, criteria_met=3, criteria_total=3, meets_standard=True
    )
    CommuneFactory(province=other, district=district, criteria_met=1, criteria_total=3)
    return other


def test_provinces_side_by_side_each_linking_to_its_overview(as_role, second_province):
    client, _user = as_role("leader")

    html = client.get(URL).content.decode()

    # Bắc Kạn: 1 of 3 xã at the standard now, 2 at the end of 2025, average 2,00.
    # Tuyên Quang: 1 of 2 now (no assessment history: 0 at the end of 2025), (3 + 1) / 2.
    rows = tables(html)[CAPTION]
    assert [row[:5] for row in rows] == [
        ["Bắc Kạn", "33%", "1/3", "\u22121", "2,00"],
        ["Tuyên Quang", "50%", "1/2", "+1", "2,00"],
    ]
    assert f'href="{OVERVIEW}?province=08"' in html
    assert chart_values(html, "Tỷ lệ xã đạt chuẩn (19/19) theo tỉnh") == [
        "Bắc Kạn: 33%",
        "Tuyên Quang: 50%",
    ]
    assert f'<a href="{URL}">Toàn quốc</a>' in html


def test_with_one_province_it_says_so_and_points_to_the_province(as_role, province_data):
    client, _user = as_role("leader")

    html = client.get(URL).content.decode()

    assert "chỉ quản lý một tỉnh" in html
    assert f'href="{OVERVIEW}"' in html
    assert CAPTION not in html


def test_account_without_role_sees_no_figures(as_role, second_province):
    client, _user = as_role("no_role_user")

    html = client.get(URL).content.decode()

    assert "chưa được phân vai trò" in html
    assert CAPTION not in html


def test_query_count_is_the_same_for_3_and_30_communes(
    as_role, second_province, django_assert_max_num_queries
):
    client, _user = as_role("leader")
    counts = []
    for n in (3, 27):
        for i in range(n):
            CommuneFactory(province=second_province, criteria_met=i % 4, criteria_total=3)
        with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


def test_a_write_shows_on_the_next_request_and_each_scope_has_its_own_page(
    as_role, second_province
):
    """The figures are shared until the next write (ntm_portal/versions.py), never longer."""
    leader, _user = as_role("leader")
    assert tables(leader.get(URL).content.decode())[CAPTION][1][2] == "1/2"
    second_province.communes.filter(meets_standard=False).update(
        criteria_met=3, meets_standard=True
    )
    assert tables(leader.get(URL).content.decode())[CAPTION][1][2] == "2/2"
    nobody, _user = as_role("no_role_user")
    assert CAPTION not in nobody.get(URL).content.decode()
