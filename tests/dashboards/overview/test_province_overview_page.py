"""The overview page: what it shows, its charts against its tables, filters in the URL, roles,
"current at once" and its query count."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import Commune
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET
from tests.dashboards.overview.conftest import assess
from tests.dashboards.overview.pages import chart_values, tables
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:province_overview")
ROLES_WITH_ACCESS = [
    "leader",
    "coordination_office",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
]


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def change(html, key):
    return re.search(rf'data-figure="{key}">([^<]*)<', html).group(1)


def test_cards_show_each_figure_and_its_change(as_role, province_data):
    client, _user = as_role("leader")

    html = page(client)

    assert "Tổng quan tỉnh Bắc Kạn" in html
    assert '<span class="of">/3</span>' in html  # 1 of the 3 xã meets the standard
    assert [change(html, k) for k in ("at_standard", "level_standard", "level_advanced")] == [
        "\u22121",
        "0",
        "+1",
    ]
    assert '<span class="value">2,00</span>' in html  # not "2" beside "2,50"
    assert change(html, "average_met") == "\u22121,00"
    assert "Thay đổi so với cuối kỳ 2025" in html


def test_averages_keep_two_decimals_even_when_whole(as_role):
    # Moved from the old overview's test: (19 + 12) / 2 in Vietnamese format.
    province = ProvinceFactory(code="06", name="Bắc Kạn", is_sample_data=True)
    alone = DistrictFactory(province=province, code="801", name="Chợ Đồn")
    other = DistrictFactory(province=province, code="802", name="Na Rì")
    CommuneFactory(province=province, district=alone, criteria_met=19, criteria_total=19)
    CommuneFactory(province=province, district=other, criteria_met=12, criteria_total=19)
    client, _user = as_role("leader")

    html = page(client)

    assert 'class="sample-banner"' in html
    assert '<span class="value">15,50</span>' in html
    rows = tables(html)["So sánh các huyện"]
    assert [(row[0], row[4]) for row in rows] == [
        ("Huyện Chợ Đồn", "19,00"),
        ("Huyện Na Rì", "12,00"),
    ]


def test_charts_show_the_numbers_of_their_tables(as_role, province_data):
    client, _user = as_role("leader")

    html = page(client)

    found = tables(html)
    distribution = chart_values(html, "Số xã theo số tiêu chí đạt")
    assert distribution == ["1: 1", "2: 1", "3: 1"]  # bars of zero are not drawn
    assert [
        f"{label}: {value}" for label, value in found["Số xã theo số tiêu chí đạt"] if value != "0"
    ] == distribution
    criteria = chart_values(html, "Số xã đạt từng tiêu chí (tiêu chí yếu nhất trước)")
    table = found["Số xã đạt từng tiêu chí, tiêu chí yếu nhất trước"]
    assert [title.rsplit(": ", 1)[1] for title in criteria] == [r[1].split("/")[0] for r in table]
    assert [r[1] for r in table] == ["1/3 xã", "2/3 xã", "3/3 xã"]
    trend = found["Xu hướng theo kỳ"]
    assert chart_values(html, "Số xã đạt chuẩn (19/19 tiêu chí) cuối mỗi kỳ") == [
        f"{row[0].split(' ')[0]}: {row[1]}" for row in trend
    ]
    assert chart_values(html, "Tiêu chí đạt bình quân mỗi xã cuối mỗi kỳ") == [
        "2022: 0,00", "2023: 0,00", "2024: 2,00", "2025: 3,00", "2026: 2,00",
    ]  # fmt: skip
    assert [row[2] for row in trend] == ["—", "—", "2,00", "3,00", "2,00"]
    comparison = found["So sánh các huyện"]
    assert chart_values(html, "Tỷ lệ xã đạt chuẩn (19/19) theo huyện") == [
        f"{row[0]}: {row[1]}" for row in comparison if row[1] != "0%"
    ]


def test_every_figure_links_to_the_rows_behind_it(as_role, province_data):
    client, _user = as_role("leader")
    commune_list = reverse("communes:commune_list")

    html = page(client)

    assert f'<a href="{commune_list}?kind=xa&amp;criteria_met=2" aria-label="2: 1">' in html
    tc2 = province_data.criteria_set.criteria.get(number=2)
    assert reverse("dashboards:criterion_detail", args=[tc2.pk]) in html
    assert f"{commune_list}?criterion=2&amp;criterion_result=met" in html
    assert reverse("dashboards:district_detail", args=[province_data.a.district_id]) in html
    assert f"{commune_list}?kind=xa&amp;ntm_level=advanced" in html


def test_bar_of_a_count_opens_the_communes_with_exactly_that_count(as_role, province_data):
    client, _user = as_role("leader")

    response = client.get(reverse("communes:commune_list"), {"kind": "xa", "criteria_met": 2})

    assert [c.name for c in response.context["communes"]] == [province_data.a.name]


def test_filters_in_the_url_choose_the_trend_grouping_year_and_province(
    as_role, province_data, sponsorship_data
):
    client, _user = as_role("leader")

    quarter = page(client, period="quarter", group_by="commune_group", year=2025)
    other = page(client, province="08")

    assert "Q3/2026" in quarter
    assert "Thay đổi so với cuối kỳ Q3/2026" in quarter
    assert [row[0] for row in tables(quarter)["So sánh các nhóm xã"]] == [
        "Nhóm 1",
        "Nhóm 2",
        "Chưa xếp nhóm",
    ]
    assert "Giúp đỡ xã năm 2025" in quarter
    assert "99.000.000 đồng" in quarter
    assert "Tổng quan tỉnh Tuyên Quang" in other
    # The switches keep the other filters.
    assert "?period=year&amp;group_by=commune_group&amp;year=2025#trend-heading" in quarter


@pytest.mark.parametrize(
    "params",
    [{"period": "month"}, {"year": "abc"}, {"year": "1999"}, {"group_by": "x"}, {"province": "99"}],
)
def test_invalid_filter_is_shown_and_nothing_is_listed(as_role, province_data, params):
    client, _user = as_role("leader")

    html = page(client, **params)

    assert 'class="form-errors"' in html
    assert "Bộ lọc chưa hợp lệ" in html
    assert 'class="stat"' not in html
    assert "chart-figure" not in html


@pytest.mark.parametrize("role", ROLES_WITH_ACCESS)
def test_every_portal_role_sees_the_figures(as_role, role, province_data):
    client, _user = as_role(role)

    html = page(client)

    assert 'data-figure="at_standard"' in html
    assert ("Báo cáo tháng 11/2026" in html) == (role in ("leader", "coordination_office"))


def test_account_without_role_sees_no_figures(as_role, province_data):
    client, _user = as_role("no_role_user")

    html = page(client)

    assert "chưa được phân vai trò" in html
    assert 'class="stat"' not in html


def test_anonymous_is_sent_to_login(client, province_data):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_without_units_says_how_to_load_them(as_role):
    client, _user = as_role("leader")

    assert "Chưa có dữ liệu đơn vị hành chính" in page(client)


def test_a_saved_assessment_or_activity_shows_on_the_next_request(
    as_role, province_data, coordination_office
):
    client, _user = as_role("leader")
    before = page(client)

    assess(province_data.c, dt.date(2026, 11, 1), ALL_MET, coordination_office)
    assignment = AssignmentFactory(commune=province_data.c)
    SupportActivityFactory(assignment=assignment, date=dt.date(2026, 11, 2), amount=7_000_000)
    after = page(client)

    assert change(before, "at_standard") == "\u22121"
    assert change(after, "at_standard") == "0"  # B and now C meet 3/3
    assert "7.000.000 đồng" in after


def make_communes(province, n):
    districts = DistrictFactory.create_batch(3, province=province)
    for i in range(n):
        CommuneFactory(
            province=province,
            district=districts[i % 3],
            criteria_met=i % 4,
            criteria_total=3,
            commune_group=["group_1", "group_2", ""][i % 3],
            kind=Commune.Kind.XA if i % 5 else Commune.Kind.PHUONG,
        )


@pytest.mark.parametrize("params", [{}, {"period": "quarter", "group_by": "commune_group"}])
def test_query_count_is_the_same_for_3_and_30_communes(
    as_role, province_data, sponsorship_data, params, django_assert_max_num_queries
):
    client, _user = as_role("coordination_office")
    counts = []
    for n in (3, 27):
        make_communes(province_data.province, n)
        with django_assert_max_num_queries(22), CaptureQueriesContext(connection) as queries:
            page(client, **params)
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


def test_national_menu_entry_only_with_several_provinces(as_role, province_data):
    client, _user = as_role("leader")
    national = reverse("dashboards:national_overview")

    alone = page(client)
    ProvinceFactory(code="08", name="Tuyên Quang")
    several = page(client)

    assert national not in alone
    assert national in several
