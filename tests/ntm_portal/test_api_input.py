"""ntm_portal.api.InputSerializer: values have the JSON type and length the schema documents."""

import pytest
from django.utils import translation
from rest_framework import serializers

from communes.models import District
from ntm_portal.api import InputSerializer
from tests.communes.factories import DistrictFactory


class Example(InputSerializer):
    name = serializers.CharField(required=False, max_length=5)
    email = serializers.EmailField(required=False)
    count = serializers.IntegerField(required=False, allow_null=True)
    share = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    flag = serializers.BooleanField(required=False)
    district = serializers.PrimaryKeyRelatedField(queryset=District.objects.all(), required=False)
    districts = serializers.PrimaryKeyRelatedField(
        queryset=District.objects.all(), many=True, required=False
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": 0}, "name"),  # DRF would store "0"
        ({"name": ["a"]}, "name"),
        ({"email": 1}, "email"),
        ({"count": "5"}, "count"),  # DRF would read 5
        ({"count": 5.5}, "count"),
        ({"count": True}, "count"),
        ({"share": "1.5"}, "share"),
        ({"share": False}, "share"),
        ({"flag": "true"}, "flag"),  # DRF would read True
        ({"flag": 1}, "flag"),
        ({"district": "1"}, "district"),
        ({"district": True}, "district"),  # DRF would look up pk=1
        ({"districts": [1, "2"]}, "districts"),
        # 6 characters as sent, 5 after DRF trims the whitespace: the schema says maxLength 5
        ({"name": "\x1cHà Nộ"}, "name"),
        ({"name": " abcde"}, "name"),
    ],
)
def test_wrong_type_or_too_long_value_is_a_field_error(data, field):
    serializer = Example(data=data)

    assert not serializer.is_valid()
    assert list(serializer.errors) == [field]


@pytest.mark.django_db
def test_values_of_the_documented_types_pass():
    first, second = DistrictFactory(), DistrictFactory()
    data = {
        "name": "Ba Bể",
        "email": "a@b.vn",
        "count": None,
        "share": 1.5,
        "flag": False,
        "district": first.pk,
        "districts": [first.pk, second.pk],
    }

    serializer = Example(data=data)

    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["districts"] == [first, second]


def test_messages_are_drf_own():
    serializer = Example(data={"count": "5", "district": "1"})

    with translation.override("en"):
        serializer.is_valid()

    assert serializer.errors == {
        "count": ["A valid integer is required."],
        "district": ["Incorrect type. Expected pk value, received str."],
    }


def test_too_long_message_is_drf_own():
    serializer = Example(data={"name": " abcde"})

    with translation.override("en"):
        serializer.is_valid()

    assert serializer.errors == {"name": ["Ensure this field has no more than 5 characters."]}


@pytest.mark.django_db
def test_a_search_with_a_null_character_is_a_400_under_its_parameter(api_as):
    client, _user = api_as("coordination_office")

    response = client.get("/api/v1/assessments/", {"search": "Xu\x00ân"})

    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["search"]
    assert len(body["search"]) == 1
