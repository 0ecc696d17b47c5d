"""/api/v1/communes/, /provinces/, /districts/: payloads, shared filters, roles, query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Commune
from tests.communes.factories import (
    CommuneFactory,
    DistrictFactory,
    ProvinceFactory,
    VillageFactory,
)
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db

COMMUNES = reverse("communes-api:commune-list")
ROLES_WITH_ACCESS = [
    "leader",
    "coordination_office",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
]


def commune_payload(commune: Commune) -> dict:
    return {
        "id": commune.pk,
        "code": commune.code,
        "name": commune.name,
        "kind": commune.kind,
        "province": commune.province.code,
        "district": commune.district.code if commune.district else None,
        "district_name": commune.district.name if commune.district else None,
        "region": commune.region,
        "commune_group": commune.commune_group,
        "difficulty": commune.difficulty,
        "ntm_level": commune.ntm_level,
        "ntm_level_year": commune.ntm_level_year,
        "target_year": commune.target_year,
        "criteria_met": commune.criteria_met,
        "criteria_total": commune.criteria_total,
        "meets_standard": commune.meets_standard,
        "assessed_period": commune.assessed_period.isoformat() if commune.assessed_period else None,
        "valid_from": None,
        "valid_to": None,
        "villages": list(commune.villages.order_by("name").values_list("name", flat=True)),
    }


@pytest.fixture
def xuan_lac():
    district = DistrictFactory(code="064", name="Chợ Đồn")
    commune = CommuneFactory(
        code="02023",
        name="Xuân Lạc",
        district=district,
        commune_group="group_3",
        difficulty=Commune.Difficulty.DIFFICULT,
        ntm_level=Commune.Level.STANDARD,
        ntm_level_year=2020,
        target_year=2019,
        criteria_met=19,
        criteria_total=19,
        meets_standard=True,
        assessed_period=dt.date(2026, 10, 1),
    )
    VillageFactory(commune=commune, name="Bản Ó")
    VillageFactory(commune=commune, name="Bản He")
    return commune


def test_list_returns_exact_payload(api_as, xuan_lac):
    other = CommuneFactory(code="01948", name="Trung Hoà", district=None)
    api, _user = api_as("leader")

    response = api.get(COMMUNES)

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [commune_payload(other), commune_payload(xuan_lac)],
    }


def test_retrieve_returns_the_same_fields_with_villages(api_as, xuan_lac):
    api, _user = api_as("commune_officer")

    response = api.get(reverse("communes-api:commune-detail", args=[xuan_lac.pk]))

    assert response.status_code == 200
    assert response.json() == commune_payload(xuan_lac)
    assert response.json()["villages"] == ["Bản He", "Bản Ó"]


def test_list_uses_the_shared_filterset(api_as, xuan_lac):
    CommuneFactory(name="Trung Hoà", criteria_met=8)
    api, _user = api_as("leader")

    response = api.get(
        COMMUNES, {"q": "xuan lac", "criteria_met_min": 12, "ordering": "-criteria_met"}
    )

    assert [row["code"] for row in response.json()["results"]] == [xuan_lac.code]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"criteria_met_min": "abc"}, {"criteria_met_min": ["Nhập một số nguyên."]}),
        (
            {"criteria_met_min": 12, "criteria_met_max": 3},
            {"criteria_met_max": ['Giá trị "đến" phải lớn hơn hoặc bằng giá trị "từ".']},
        ),
        (
            {"kind": "village"},
            {
                "kind": [
                    "Hãy chọn một lựa chọn hợp lệ. "
                    "village không phải là một trong các lựa chọn khả thi."
                ]
            },
        ),
    ],
)
def test_invalid_filter_is_400_with_field_errors(api_as, xuan_lac, params, errors):
    api, _user = api_as("leader")

    response = api.get(COMMUNES, params)

    assert response.status_code == 400
    assert response.json() == errors


def test_invalid_ordering_is_400(api_as):
    api, _user = api_as("leader")

    response = api.get(COMMUNES, {"ordering": "password"})

    assert response.status_code == 400
    assert list(response.json()) == ["ordering"]


@pytest.mark.parametrize("role", ROLES_WITH_ACCESS)
def test_every_role_reads_the_api(api_as, role, commune_a, commune_b):
    api, _user = api_as(role)

    response = api.get(COMMUNES)

    assert response.status_code == 200
    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    "url",
    [COMMUNES, reverse("communes-api:province-list"), reverse("communes-api:district-list")],
)
@pytest.mark.parametrize(("role", "statuses"), [("anonymous", {401, 403}), ("no_role_user", {403})])
def test_anonymous_and_users_without_role_are_refused(api_as, commune_a, url, role, statuses):
    api, _user = api_as(role)

    assert api.get(url).status_code in statuses
    assert (
        api.get(reverse("communes-api:commune-detail", args=[commune_a.pk])).status_code in statuses
    )


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only_and_writes_nothing(api_as, commune_a, method):
    api, _user = api_as("coordination_office")
    url = (
        reverse("communes-api:commune-detail", args=[commune_a.pk])
        if method != "post"
        else COMMUNES
    )

    response = getattr(api, method)(url, {"name": "Đổi tên"}, format="json")

    assert response.status_code == 405
    commune_a.refresh_from_db()
    assert commune_a.name == "Xuân Lạc"
    assert Commune.objects.count() == 1


def test_provinces_and_districts_payloads(api_as):
    province = ProvinceFactory(code="06", name="Bắc Kạn", region="tdmnpb")
    district = DistrictFactory(province=province, code="064", name="Chợ Đồn", kind="Huyện")
    api, _user = api_as("leader")

    provinces = api.get(reverse("communes-api:province-list")).json()["results"]
    districts = api.get(reverse("communes-api:district-list"), {"province": province.pk}).json()[
        "results"
    ]

    assert provinces == [
        {
            "id": province.pk,
            "code": "06",
            "name": "Bắc Kạn",
            "region": "tdmnpb",
            "is_sample_data": False,
            "valid_from": None,
            "valid_to": None,
        }
    ]
    assert districts == [
        {
            "id": district.pk,
            "code": "064",
            "name": "Chợ Đồn",
            "kind": "Huyện",
            "province": "06",
            "valid_from": None,
            "valid_to": None,
        }
    ]


def test_list_query_count_does_not_grow(api_as, django_assert_num_queries):
    api, _user = api_as("leader")
    for n in (1, 20):
        CommuneFactory.create_batch(n)
        # count + page + villages (force_authenticate needs no session)
        with django_assert_num_queries(3):
            api.get(COMMUNES)


def test_commune_without_group_or_district_matches_the_documented_schema(api_as):
    # "" commune_group was outside the documented enum; a null district_name was not nullable
    commune = CommuneFactory(commune_group="", district=None)
    api, _user = api_as("leader")

    listing = api.get(COMMUNES)
    detail = api.get(reverse("communes-api:commune-detail", args=[commune.pk]))

    assert detail.json()["commune_group"] == ""
    assert detail.json()["district_name"] is None
    assert_documented(listing, "/api/v1/communes/")
    assert_documented(detail, "/api/v1/communes/{id}/")
