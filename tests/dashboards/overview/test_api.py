"""/api/v1/dashboards/province/ and /national/: the figures of the pages, the same filters
(400 on an invalid one), the same scoping, documented in the schema, a fixed query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET
from tests.dashboards.overview.conftest import assess
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db

PROVINCE = reverse("dashboards-api:province")
NATIONAL = reverse("dashboards-api:national")
READERS = [
    "leader",
    "coordination_office",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
]


def test_province_figures_are_those_computed_by_hand(api_as, province_data, sponsorship_data):
    api, _user = api_as("leader")

    response = api.get(PROVINCE)

    body = response.json()
    assert response.status_code == 200
    assert_documented(response, "/api/v1/dashboards/province/")
    assert body["province"] == {"code": "06", "name": "Bắc Kạn"}
    assert body["previous"] == {"label": "2025", "start": "2025-01-01", "end": "2026-01-01"}
    assert body["figures"] == {
        "at_standard": {"value": 1, "previous": 2, "change": -1},
        "level_standard": {"value": 1, "previous": 1, "change": 0},
        "level_advanced": {"value": 1, "previous": 0, "change": 1},
        "level_model": {"value": 0, "previous": 0, "change": 0},
        "average_met": {"value": 2.0, "previous": 3.0, "change": -1.0},
    }
    assert [(d["criteria_met"], d["communes"]) for d in body["distribution"]] == [
        (0, 0),
        (1, 1),
        (2, 1),
        (3, 1),
    ]
    assert [(c["number"], c["met"], c["assessed"]) for c in body["criteria"]] == [
        (2, 1, 3),
        (1, 2, 3),
        (3, 3, 3),
    ]
    assert [(p["label"], p["at_standard"], p["average_met"]) for p in body["trend"]] == [
        ("2022", 0, None),
        ("2023", 0, None),
        ("2024", 0, 2.0),
        ("2025", 2, 3.0),
        ("2026", 1, 2.0),
    ]
    assert [
        (r["label"], r["at_standard"], r["at_standard_before"], r["average_met"])
        for r in body["comparison"]
    ] == [("Huyện Chợ Đồn", 1, 2, 2.5), ("Huyện Ba Bể", 0, 0, 1.0)]
    sponsorship = body["sponsorship"]
    assert (sponsorship["count"], sponsorship["amount"]) == (3, 37_000_000)
    assert [(m["month"], m["amount"]) for m in sponsorship["months"] if m["count"]] == [
        ("2026-03-01", 25_000_000),
        ("2026-11-01", 12_000_000),
    ]
    assert body["completeness"] == {
        "expected": 2,
        "submitted": 1,
        "on_time": 1,
        "late": 0,
        "missing": 1,
        "returned": 0,
        "percent_submitted": 50,
    }


def test_same_filters_as_the_page(api_as, province_data):
    api, _user = api_as("leader")

    response = api.get(PROVINCE, {"period": "quarter", "group_by": "commune_group"})

    body = response.json()
    assert body["previous"]["label"] == "Q3/2026"
    assert body["figures"]["average_met"] == {"value": 2.0, "previous": 2.5, "change": -0.5}
    assert [p["label"] for p in body["trend"]][-2:] == ["Q3/2026", "Q4/2026"]
    assert [(r["key"], r["label"]) for r in body["comparison"]] == [
        ("group_1", "Nhóm 1"),
        ("group_2", "Nhóm 2"),
        (None, "Chưa xếp nhóm"),
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"period": "month"}, "period", "Hãy chọn một lựa chọn hợp lệ."),
        ({"year": "abc"}, "year", "Nhập một năm, ví dụ 2026."),
        ({"group_by": "x"}, "group_by", "Hãy chọn một lựa chọn hợp lệ."),
        ({"province": "99"}, "province", "Không có tỉnh với mã này."),
    ],
)
def test_invalid_filter_is_a_400_with_a_translated_message(
    api_as, province_data, params, field, message
):
    api, _user = api_as("leader")

    response = api.get(PROVINCE, params, HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert response.json()[field][0].startswith(message)
    assert_documented(response, "/api/v1/dashboards/province/")


@pytest.mark.parametrize("role", READERS)
def test_every_portal_role_reads_the_figures(api_as, province_data, role):
    api, _user = api_as(role)

    response = api.get(PROVINCE)

    assert response.status_code == 200
    shown = response.json()["completeness"] is not None
    assert shown == (role in ("leader", "coordination_office"))


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("no_role_user", 403)])
def test_no_figures_without_a_portal_role(api_as, province_data, role, status):
    api, _user = api_as(role)

    for url in (PROVINCE, NATIONAL):
        response = api.get(url)
        assert response.status_code == status, url
        assert "figures" not in response.json()


def test_without_units_the_province_is_not_found(api_as):
    api, _user = api_as("leader")

    assert api.get(PROVINCE).status_code == 404


def test_a_saved_assessment_shows_on_the_next_request(api_as, province_data, coordination_office):
    api, _user = api_as("leader")
    before = api.get(PROVINCE).json()["figures"]["at_standard"]["value"]

    assess(province_data.c, dt.date(2026, 11, 1), ALL_MET, coordination_office)

    assert (before, api.get(PROVINCE).json()["figures"]["at_standard"]["value"]) == (1, 2)


def test_national_figures_per_province(api_as, province_data):
    other = ProvinceFactory(code="08", name="Tuyên Quang")
    CommuneFactory(
        province=other, district=DistrictFactory(province=other), criteria_met=3, criteria_total=3
    )
    api, _user = api_as("leader")

    response = api.get(NATIONAL)

    body = response.json()
    assert response.status_code == 200
    assert_documented(response, "/api/v1/dashboards/national/")
    assert body["is_national"] is True
    assert [
        (
            r["province"]["code"],
            r["xa"],
            r["at_standard"],
            r["at_standard_before"],
            r["average_met"],
        )
        for r in body["provinces"]
    ] == [("06", 3, 1, 2, 2.0), ("08", 1, 0, 0, 3.0)]


@pytest.mark.parametrize("url", [PROVINCE, NATIONAL])
def test_query_count_is_the_same_for_3_and_30_communes(
    api_as, province_data, sponsorship_data, url, django_assert_max_num_queries
):
    api, _user = api_as("coordination_office")
    counts = []
    for n in (3, 27):
        for i in range(n):
            CommuneFactory(province=province_data.province, criteria_met=i % 4, criteria_total=3)
        with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as queries:
            assert api.get(url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
