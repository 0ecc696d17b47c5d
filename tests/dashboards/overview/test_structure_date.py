"""The overview by the structure of a chosen date (?on=YYYY-MM-DD): Bắc Kạn with its districts
before 1/7/2025, the new Thái Nguyên by commune group after it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import CommuneSuccession, Province
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.dashboards.overview.pages import tables

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:province_overview")
API = reverse("dashboards-api:province")
LAST_DAY, REFORM = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def reform(settings):
    """Bắc Kạn: 2 districts, 3 communes to 30/6/2025, merged into 2 communes of Thái Nguyên."""
    settings.PORTAL_PROVINCE_CODE = "06"
    old = ProvinceFactory(code="06", name="Bắc Kạn", valid_to=LAST_DAY)
    new = ProvinceFactory(code="19", name="Thái Nguyên", valid_from=REFORM)
    districts = [
        DistrictFactory(province=old, code=code, name=name, valid_to=LAST_DAY)
        for code, name in (("064", "Chợ Đồn"), ("066", "Na Rì"))
    ]
    olds = [
        CommuneFactory(province=old, district=districts[i % 2], valid_to=LAST_DAY, criteria_met=i)
        for i in range(3)
    ]
    news = [
        CommuneFactory(
            province=new, district=None, valid_from=REFORM, commune_group=group, criteria_met=5
        )
        for group in ("group_1", "group_3")
    ]
    for i, commune in enumerate(olds):
        CommuneSuccession.objects.create(
            predecessor=commune, successor=news[i % 2], effective_on=REFORM
        )
    return old, new


def html(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_before_the_reform_the_province_compares_its_districts(reform, as_role):
    client, _user = as_role("leader")

    page = html(client, on="2025-06-30")

    assert "Tổng quan tỉnh Bắc Kạn" in page
    assert [row[0] for row in tables(page)["So sánh các huyện"]] == [
        "Huyện Chợ Đồn",
        "Huyện Na Rì",
    ]


@pytest.mark.parametrize("group_by", ["", "district", "commune_group"])
def test_after_the_reform_the_successor_province_compares_commune_groups(reform, as_role, group_by):
    client, _user = as_role("leader")

    page = html(client, on="2026-01-01", group_by=group_by)

    assert "Tổng quan tỉnh Thái Nguyên" in page
    assert "So sánh các huyện" not in tables(page)
    assert [row[0] for row in tables(page)["So sánh các nhóm xã"]] == ["Nhóm 1", "Nhóm 3"]
    assert ("không có cấp huyện" in page) is (group_by != "commune_group")


def test_the_new_province_chosen_for_a_date_before_it_shows_the_old_one(reform, as_role):
    client, _user = as_role("leader")

    page = html(client, province="19", on="2025-01-01")

    assert "Tổng quan tỉnh Bắc Kạn" in page


def test_the_api_reads_the_structure_date(reform, api_as):
    api, _user = api_as("leader")

    before = api.get(API, {"on": "2025-06-30"}).json()
    after = api.get(API, {"on": "2026-01-01", "group_by": "district"}).json()

    assert (before["province"]["code"], before["group_by"], before["on"]) == (
        "06",
        "district",
        "2025-06-30",
    )
    assert (after["province"]["code"], after["group_by"]) == ("19", "commune_group")
    assert [row["label"] for row in after["comparison"]] == ["Nhóm 1", "Nhóm 3"]
    assert api.get(API, {"on": "2025-13-01"}).status_code == 400


@pytest.mark.parametrize("day", ["2025-06-30", "2026-01-01"])
def test_query_count_by_structure_date_does_not_grow(
    reform, as_role, day, django_assert_max_num_queries
):
    old, new = reform
    client, _user = as_role("coordination_office")
    counts = []
    for _round in range(2):
        with django_assert_max_num_queries(22), CaptureQueriesContext(connection) as queries:
            html(client, on=day)
        counts.append(len(queries))
        CommuneFactory.create_batch(5, province=old, valid_to=LAST_DAY)
        CommuneFactory.create_batch(5, province=new, district=None, valid_from=REFORM)
    assert counts[0] == counts[1], counts


def test_a_province_code_shared_by_an_old_and_a_new_province_picks_the_new_one(reform, as_role):
    # Old Thái Nguyên (code 19) ended on 30/6/2025 too; the new one kept its code.
    Province.objects.create(code="19", name="Thái Nguyên (cũ)", region="tdmnpb", valid_to=LAST_DAY)
    client, _user = as_role("leader")

    page = html(client, province="19")

    assert "<h1>Tổng quan tỉnh Thái Nguyên</h1>" in page


def test_without_a_date_each_province_compares_what_it_had(reform, as_role):
    """Bắc Kạn (ended) by the districts of its last day; Thái Nguyên by commune group."""
    client, _user = as_role("leader")

    old_page, new_page = html(client), html(client, province="19")

    assert [row[0] for row in tables(old_page)["So sánh các huyện"]] == [
        "Huyện Chợ Đồn",
        "Huyện Na Rì",
    ]
    assert [row[0] for row in tables(new_page)["So sánh các nhóm xã"]] == ["Nhóm 1", "Nhóm 3"]


@pytest.mark.parametrize("code", ["06\x00", "\x00", "Thái\x00Nguyên"])
def test_a_province_code_with_a_nul_byte_is_an_invalid_choice_not_a_server_error(
    reform, api_as, code
):
    """Found by the API fuzz: PostgreSQL refuses NUL in a string literal (a 500)."""
    api, _user = api_as("coordination_office")

    for url in (API, reverse("dashboards-api:action-board")):
        response = api.get(url, {"province": code})

        assert response.status_code == 400, url
        assert "province" in response.json()
