"""/api/v1/criteria-sets/ and /api/v1/assessments/: payloads, filters, create, role matrix."""

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Commune
from criteria.models import Assessment, CriterionResult, IndicatorValue
from criteria.services import assessment_create
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET
from tests.openapi import api_schema

SETS = reverse("criteria-api:criteria-set-list")
ASSESSMENTS = reverse("criteria-api:assessment-list")
BODY = {
    "period": "2026-11",
    "stage": "self_assessed",
    "values": {"1.1": True, "1.2": 95.5, "2.1": "4", "3.1": 50},
    "note": "Tự đánh giá",
}


def body(commune, **changes):
    return {"commune": commune.pk, **BODY, **changes}


def state(commune):
    commune = Commune.objects.get(pk=commune.pk)
    return (
        Assessment.objects.count(),
        IndicatorValue.objects.count(),
        CriterionResult.objects.count(),
        commune.criteria_met,
    )


def test_criteria_set_payload_nests_criteria_indicators_and_thresholds(api_as, criteria_set):
    api, _user = api_as("leader")

    response = api.get(reverse("criteria-api:criteria-set-detail", args=[criteria_set.pk]))

    assert response.status_code == 200
    data = response.json()
    assert {
        k: data[k]
        for k in ("id", "code", "name", "valid_from", "valid_to", "classification_scheme")
    } == {
        "id": criteria_set.pk,
        "code": criteria_set.code,
        "name": criteria_set.name,
        "valid_from": "2021-01-01",
        "valid_to": None,
        "classification_scheme": "region",
    }
    assert [c["number"] for c in data["criteria"]] == [1, 2, 3]
    first = data["criteria"][0]["indicators"][1]
    assert first == {
        "code": "1.2",
        "name_vi": "Chỉ tiêu",
        "name_en": "Indicator",
        "kind": "percent",
        "comparator": "gte",
        "unit": "%",
        "position": 1,
        "is_verified": True,
        "confidence": "",
        "thresholds": [
            {
                "classification_key": "dbsh",
                "year": None,
                "value": 95.0,
                "is_verified": True,
                "source": "",
                "note": "",
            },
            {
                "classification_key": "tdmnpb",
                "year": None,
                "value": 90.0,
                "is_verified": True,
                "source": "",
                "note": "",
            },
        ],
    }
    income = data["criteria"][2]["indicators"][0]["thresholds"]
    assert [(t["classification_key"], t["year"], t["value"]) for t in income] == [
        ("tdmnpb", 2022, 39),
        ("tdmnpb", 2025, 48),
    ]


@pytest.mark.parametrize("sets", [1, 3])
def test_criteria_set_list_query_count_does_not_grow(api_as, db, django_assert_num_queries, sets):
    from tests.criteria.factories import small_criteria_set

    for _ in range(sets):
        small_criteria_set()
    api, _user = api_as("leader")

    with django_assert_num_queries(5):  # count, sets, criteria, indicators, thresholds
        response = api.get(SETS)

    assert response.json()["count"] == sets


def test_no_role_reads_nothing_and_anonymous_is_refused(api_as, criteria_set):
    assert api_as("anonymous")[0].get(SETS).status_code in (401, 403)
    assert api_as("no_role_user")[0].get(ASSESSMENTS).status_code == 403


def test_create_returns_the_evaluated_result(api_as, criteria_set, commune_a):
    api, user = api_as("commune_officer")

    response = api.post(
        ASSESSMENTS, body(commune_a, values={**BODY["values"], "2.1": 12}), format="json"
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assessment = Assessment.objects.get()
    assert {k: v for k, v in data.items() if k not in ("criteria", "created_at")} == {
        "id": assessment.pk,
        "commune": commune_a.pk,
        "criteria_set": criteria_set.pk,
        "period": "2026-11",
        "stage": "self_assessed",
        "criteria_met": 2,
        "criteria_total": 3,
        "criteria_not_assessed": 0,
        "meets_standard": False,
        "is_current": True,
        "entered_by": user.username,
        "note": "Tự đánh giá",
    }
    assert data["criteria"] == [
        {
            "number": 1,
            "code": "TC01",
            "result": "met",
            "indicators_met": 2,
            "indicators_total": 2,
            "indicators": [
                {
                    "code": "1.1",
                    "value": 1.0,
                    "threshold": 1.0,
                    "result": "met",
                    "carried_from": None,
                },
                {
                    "code": "1.2",
                    "value": 95.5,
                    "threshold": 90.0,
                    "result": "met",
                    "carried_from": None,
                },
            ],
        },
        {
            "number": 2,
            "code": "TC02",
            "result": "not_met",
            "indicators_met": 0,
            "indicators_total": 1,
            "indicators": [
                {
                    "code": "2.1",
                    "value": 12.0,
                    "threshold": 10.0,
                    "result": "not_met",
                    "carried_from": None,
                }
            ],
        },
        {
            "number": 3,
            "code": "TC03",
            "result": "met",
            "indicators_met": 1,
            "indicators_total": 1,
            "indicators": [
                {
                    "code": "3.1",
                    "value": 50.0,
                    "threshold": 48.0,
                    "result": "met",
                    "carried_from": None,
                }
            ],
        },
    ]


@pytest.mark.parametrize(
    ("role", "stage", "expected"),
    [
        ("anonymous", "self_assessed", (401, 403)),
        ("no_role_user", "self_assessed", (403,)),
        ("leader", "self_assessed", (403,)),
        ("agency_staff", "self_assessed", (403,)),
        ("other_agency_staff", "self_assessed", (403,)),
        ("other_commune_officer", "self_assessed", (403,)),
        ("commune_officer", "appraised", (403,)),
        ("commune_officer", "self_assessed", (201,)),
        ("coordination_office", "appraised", (201,)),
        ("coordination_office", "self_assessed", (201,)),
    ],
)
def test_who_may_create_an_assessment_for_commune_a(
    api_as, criteria_set, commune_a, role, stage, expected
):
    api, _user = api_as(role)
    before = state(commune_a)

    response = api.post(ASSESSMENTS, body(commune_a, stage=stage), format="json")

    assert response.status_code in expected
    if response.status_code != 201:
        assert state(commune_a) == before


def test_a_commune_outside_scope_or_unknown_is_404_naming_the_field(api_as, criteria_set):
    api, _user = api_as("coordination_office")

    response = api.post(ASSESSMENTS, {**BODY, "commune": 999999}, format="json")

    assert response.status_code == 404
    assert response.json() == {"commune": ["Không tìm thấy xã này."]}
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"values": {"1.2": 140}}, "values.1.2"),
        ({"values": {"3.1": -3}}, "values.3.1"),
        ({"values": {"1.1": 2}}, "values.1.1"),
        ({"values": {"9.9": 1}}, "values.9.9"),
        ({"values": {"1.2": "abc"}}, "values.1.2"),
        ({"values": {"1.2": [1]}}, "values.1.2"),
        ({"values": {}}, "values"),
        ({"values": {"1.1": None}}, "values"),
        ({"period": "2026-12"}, "period"),
        ({"period": "11-2026x"}, "period"),
        ({"period": "2019-01"}, "period"),
        ({"stage": "approved"}, "stage"),
    ],
)
def test_invalid_create_is_400_naming_the_field_and_writes_nothing(
    api_as, criteria_set, commune_a, changes, field
):
    api, _user = api_as("coordination_office")

    response = api.post(ASSESSMENTS, body(commune_a, **changes), format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field], response.json()
    assert state(commune_a) == (0, 0, 0, None)


def test_error_messages_are_translated(api_as, criteria_set, commune_a):
    api, _user = api_as("coordination_office")

    vi = api.post(ASSESSMENTS, body(commune_a, values={"1.2": 140}), format="json")
    en = api.post(
        ASSESSMENTS, body(commune_a, values={"1.2": 140}), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert vi.json() == {"values.1.2": ["Tỷ lệ phải từ 0 đến 100 (đã nhập 140)."]}
    assert en.status_code == 400
    assert list(en.json()) == ["values.1.2"]


def test_a_ward_is_400_on_commune(api_as, criteria_set):
    ward = CommuneFactory(kind=Commune.Kind.PHUONG)
    api, _user = api_as("coordination_office")

    response = api.post(ASSESSMENTS, body(ward), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["commune"]


@pytest.fixture
def history(criteria_set, commune_a, commune_b, coordination_office):
    def enter(commune, period, stage):
        return assessment_create(
            commune=commune,
            period=period,
            stage=stage,
            values=ALL_MET,
            entered_by=coordination_office,
        )

    return [
        enter(commune_a, dt.date(2026, 10, 1), "self_assessed"),
        enter(commune_a, dt.date(2026, 11, 1), "appraised"),
        enter(commune_b, dt.date(2026, 11, 1), "self_assessed"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, [0, 1, 2]),
        ({"commune": "A"}, [0, 1]),
        ({"period": "2026-11"}, [1, 2]),
        ({"period": "10/2026"}, [0]),
        ({"stage": "appraised"}, [1]),
        ({"current": "true"}, [1, 2]),
        ({"current": "false"}, [0]),
    ],
)
def test_assessment_filters(api_as, history, commune_a, query, expected):
    api, _user = api_as("leader")
    if query.get("commune") == "A":
        query = {"commune": commune_a.pk}

    response = api.get(ASSESSMENTS, query)

    assert response.status_code == 200
    assert sorted(a["id"] for a in response.json()["results"]) == sorted(
        history[i].pk for i in expected
    )


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2026-13"},
        {"stage": "approved"},
        {"current": "maybe"},
        {"commune": "x"},
        {"commune": "1.5"},
        {"commune": str(10**30)},
    ],
)
def test_invalid_filters_are_400(api_as, history, query):
    api, _user = api_as("leader")

    assert api.get(ASSESSMENTS, query).status_code == 400


def test_assessment_list_query_count_does_not_grow(
    api_as, criteria_set, coordination_office, django_assert_num_queries
):
    api, _user = api_as("leader")
    counts = []
    for n in (1, 10):
        for _ in range(n - (1 if counts else 0)):
            assessment_create(
                commune=CommuneFactory(),
                period=dt.date(2026, 11, 1),
                stage="appraised",
                values=ALL_MET,
                entered_by=coordination_office,
            )
        with django_assert_num_queries(2):  # count + one joined page
            assert len(api.get(ASSESSMENTS).json()["results"]) == n
        counts.append(n)


def test_retrieve_has_the_full_result(api_as, history):
    api, _user = api_as("commune_officer")

    response = api.get(reverse("criteria-api:assessment-detail", args=[history[0].pk]))

    assert response.status_code == 200
    assert response.json()["period"] == "2026-10"
    assert len(response.json()["criteria"]) == 3


def test_current_filter_is_documented_as_a_boolean():
    # It was type boolean with a string enum ["false", "true"]: no value could satisfy both.
    parameters = api_schema().raw_schema["paths"]["/api/v1/assessments/"]["get"]["parameters"]
    current = next(p for p in parameters if p["name"] == "current")

    assert current["schema"] == {"type": "boolean"}
