"""ntm_portal.api.StandardPagination, through a list endpoint: page_size is checked, not guessed."""

import pytest
from django.urls import reverse

from tests.communes.factories import DistrictFactory

pytestmark = pytest.mark.django_db

DISTRICTS = reverse("communes-api:district-list")


@pytest.mark.parametrize("page_size", ["abc", "0", "-3", "null"])
def test_invalid_page_size_is_a_400_naming_the_parameter(api_as, page_size):
    # DRF's default silently used 50 rows: a client asking for "abc" never learnt it was wrong
    api, _user = api_as("leader")

    response = api.get(DISTRICTS, {"page_size": page_size})

    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


def test_page_size_pages_and_is_capped_at_the_maximum(api_as):
    first, second, third = (DistrictFactory(code=code) for code in ["901", "902", "903"])
    api, _user = api_as("leader")

    two = api.get(DISTRICTS, {"page_size": 2}).json()
    capped = api.get(DISTRICTS, {"page_size": 100_000}).json()

    assert [row["id"] for row in two["results"]] == [first.pk, second.pk]
    assert two["next"] is not None
    assert [row["id"] for row in capped["results"]] == [first.pk, second.pk, third.pk]


def test_empty_page_and_page_size_are_the_first_page_of_the_default_size(api_as):
    district = DistrictFactory()
    api, _user = api_as("leader")

    response = api.get(DISTRICTS, {"page": "", "page_size": ""})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [district.pk]


def test_page_parameters_are_documented_from_one(client):
    schema = client.get("/api/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/districts/"]["get"]["parameters"]}

    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
