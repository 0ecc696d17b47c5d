"""/api/v1/assessments/: what an indicator value may be (null, trailing zeros, booleans), flat
errors, and the documented types of the list filters."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from criteria.models import Assessment, IndicatorValue, Result
from criteria.services import assessment_create
from tests.criteria.factories import ALL_MET
from tests.openapi import api_schema

ASSESSMENTS = reverse("criteria-api:assessment-list")


def post(api, commune, values, **changes):
    body = {"commune": commune.pk, "period": "2026-11", "stage": "appraised", "values": values}
    return api.post(ASSESSMENTS, {**body, **changes}, format="json")


def stored(code):
    return IndicatorValue.objects.get(indicator__code=code)


def test_null_means_not_assessed(api_as, criteria_set, commune_a):
    api, _user = api_as("coordination_office")

    response = post(api, commune_a, {**ALL_MET, "3.1": None})

    assert response.status_code == 201, response.json()
    assert (stored("3.1").value, stored("3.1").result) == (None, Result.NOT_ASSESSED)
    assert response.json()["criteria_not_assessed"] == 1


def test_null_clears_a_value_that_would_otherwise_be_carried(
    api_as, criteria_set, commune_a, coordination_office
):
    assessment_create(
        commune=commune_a,
        period=dt.date(2026, 10, 1),
        stage="appraised",
        values=ALL_MET,
        entered_by=coordination_office,
    )
    api, _user = api_as("coordination_office")

    response = post(api, commune_a, {"3.1": None})

    assert response.status_code == 201, response.json()
    assert (response.json()["criteria_met"], response.json()["criteria_not_assessed"]) == (2, 1)


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"1.1": None}, "values"),  # nothing at all to evaluate
        ({"1.2": [95]}, "values.1.2"),
        ({"1.2": {"value": 95}}, "values.1.2"),
        ({"1.2": True}, "values.1.2"),  # a boolean for a percentage
        ({"3.1": False}, "values.3.1"),  # a boolean for a number
        ({"1.2": "90.125"}, "values.1.2"),  # a third decimal that matters
        ({"1.1": 0.5}, "values.1.1"),
    ],
)
def test_every_value_error_is_flat_and_writes_nothing(api_as, criteria_set, commune_a, values, key):
    api, _user = api_as("coordination_office")

    response = post(api, commune_a, values)

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [key], errors
    assert all(isinstance(message, str) for message in errors[key]), errors
    assert Assessment.objects.count() == 0


def test_a_boolean_for_a_number_says_why(api_as, criteria_set, commune_a):
    api, _user = api_as("coordination_office")

    response = post(api, commune_a, {**ALL_MET, "1.2": True})

    assert response.json() == {"values.1.2": ["Chỉ tiêu này nhận một số, không nhận true/false."]}


@pytest.mark.parametrize("raw", ["95.000", 95.0, "95.00000", "95"])
def test_trailing_zeros_are_the_same_number(api_as, criteria_set, commune_a, raw):
    api, _user = api_as("coordination_office")

    response = post(api, commune_a, {**ALL_MET, "1.2": raw})

    assert response.status_code == 201, response.json()
    assert stored("1.2").value == Decimal(95)


@pytest.mark.parametrize(("raw", "value"), [(True, 1), (False, 0), (1, 1), (0, 0)])
def test_a_pass_fail_indicator_takes_true_false_or_1_0(api_as, criteria_set, commune_a, raw, value):
    api, _user = api_as("coordination_office")

    response = post(api, commune_a, {**ALL_MET, "1.1": raw})

    assert response.status_code == 201, response.json()
    assert stored("1.1").value == value


@pytest.mark.parametrize("text", ["2026-10", "10/2026"])
def test_the_period_filter_takes_both_documented_forms(
    api_as, criteria_set, commune_a, coordination_office, text
):
    for month in (10, 11):
        assessment_create(
            commune=commune_a,
            period=dt.date(2026, month, 1),
            stage="appraised",
            values=ALL_MET,
            entered_by=coordination_office,
        )
    api, _user = api_as("coordination_office")

    response = api.get(ASSESSMENTS, {"period": text})

    assert response.status_code == 200
    assert [row["period"] for row in response.json()["results"]] == ["2026-10"]


@pytest.mark.parametrize("path", ["/api/v1/assessments/", "/api/v1/monthly-reports/"])
def test_the_period_filter_is_documented_as_a_month_not_a_date(path):
    parameters = api_schema().raw_schema["paths"][path]["get"]["parameters"]
    period = next(p for p in parameters if p["name"] == "period")

    assert period["schema"]["type"] == "string"
    assert "format" not in period["schema"]
    assert "YYYY-MM" in period["description"]
    assert "MM/YYYY" in period["description"]


def test_the_commune_filter_is_documented_as_an_integer():
    parameters = api_schema().raw_schema["paths"]["/api/v1/assessments/"]["get"]["parameters"]
    commune = next(p for p in parameters if p["name"] == "commune")

    assert commune["schema"]["type"] == "integer"
