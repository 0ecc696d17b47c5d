"""API for agencies, assignments and activities: role matrix on every write with nothing
changed on refusal, payloads, ETag / If-Match (428, 412), filters shared with the pages."""

import datetime as dt

import pytest

from sponsorships.models import Agency, Assignment, SupportActivity
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import CriterionFactory
from tests.openapi import api_schema, assert_documented
from tests.sponsorships.activity_fixtures import api_url, snapshot
from tests.sponsorships.factories import (
    AgencyFactory,
    AssignmentFactory,
    SupportActivityFactory,
)

pytestmark = pytest.mark.django_db

OFFICE_ONLY = [
    ("anonymous", 401),  # with WWW-Authenticate: Token
    ("no_role_user", 403),
    ("leader", 403),
    ("commune_officer", 403),
    ("agency_staff", 403),
    ("other_agency_staff", 403),
    ("coordination_office", None),
]
AGENCY_A = [
    ("anonymous", 401),  # with WWW-Authenticate: Token
    ("no_role_user", 403),
    ("leader", 403),
    ("commune_officer", 403),
    ("other_commune_officer", 403),
    ("other_agency_staff", 403),
    ("agency_staff", None),
    ("coordination_office", None),
]


def activity_payload(assignment, **overrides):
    return {
        "assignment": assignment.pk,
        "date": "2024-03-15",
        "kind": "goods",
        "title": "Tặng 14 lò đốt rác mini",
        "amount": 21_000_000,
        "funding_source": "staff_fund",
        **overrides,
    }


def refused_or(response, expected, ok_status, before):
    if expected is None:
        assert response.status_code == ok_status, response.content
        return True
    assert response.status_code == expected, response.content
    assert snapshot() == before
    return False


@pytest.mark.parametrize(("role", "expected"), OFFICE_ONLY)
def test_agency_writes(api_as, role, expected):
    target = AgencyFactory(name="Sở Giao thông Vận tải")
    api, _user = api_as(role)
    before = snapshot()
    response = api.post(
        api_url("agency-list"), {"name": "Tỉnh đoàn", "kind": "mass_organisation"}, format="json"
    )
    if refused_or(response, expected, 201, before):
        assert Agency.objects.filter(name="Tỉnh đoàn").exists()
    before = snapshot()
    response = api.patch(
        api_url("agency-detail", target.pk), {"short_name": "SGTVT"}, format="json"
    )
    if refused_or(response, expected, 200, before):
        assert Agency.objects.get(pk=target.pk).short_name == "SGTVT"
    before = snapshot()
    response = api.delete(api_url("agency-detail", target.pk))
    if refused_or(response, expected, 204, before):
        assert not Agency.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize(("role", "expected"), OFFICE_ONLY)
def test_assignment_writes(api_as, agency_a, commune_b, role, expected):
    target = AssignmentFactory(agency=agency_a, commune=commune_b, start_date=dt.date(2019, 5, 1))
    api, _user = api_as(role)
    before = snapshot()
    response = api.post(
        api_url("assignment-list"),
        {
            "agency": agency_a.pk,
            "commune": commune_b.pk,
            "start_date": "2023-01-01",
            "end_date": "2023-12-31",
        },
        format="json",
    )
    if refused_or(response, expected, 201, before):
        assert Assignment.objects.filter(start_date=dt.date(2023, 1, 1)).exists()
    before = snapshot()
    response = api.patch(
        api_url("assignment-detail", target.pk), {"end_date": "2020-12-31"}, format="json"
    )
    if refused_or(response, expected, 200, before):
        assert Assignment.objects.get(pk=target.pk).end_date == dt.date(2020, 12, 31)
    before = snapshot()
    response = api.delete(api_url("assignment-detail", target.pk))
    if refused_or(response, expected, 204, before):
        assert not Assignment.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize(("role", "expected"), AGENCY_A)
def test_activity_writes_on_agency_a(api_as, assignment_a, activity_a, role, expected):
    api, _user = api_as(role)
    before = snapshot()
    response = api.post(api_url("activity-list"), activity_payload(assignment_a), format="json")
    if refused_or(response, expected, 201, before):
        assert SupportActivity.objects.filter(title="Tặng 14 lò đốt rác mini").exists()
    before = snapshot()
    response = api.patch(
        api_url("activity-detail", activity_a.pk),
        {"amount": 22_500_000},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    if refused_or(response, expected, 200, before):
        assert SupportActivity.objects.get(pk=activity_a.pk).amount == 22_500_000
    before = snapshot()
    response = api.delete(api_url("activity-detail", activity_a.pk), HTTP_IF_MATCH='"2"')
    if refused_or(response, expected, 204, before):
        assert not SupportActivity.objects.filter(pk=activity_a.pk).exists()


def test_staff_cannot_record_for_another_agency_through_the_assignment_field(api_as, assignment_b):
    api, _user = api_as("agency_staff")
    before = snapshot()
    response = api.post(api_url("activity-list"), activity_payload(assignment_b), format="json")
    assert response.status_code == 403
    assert snapshot() == before


def test_agency_and_author_are_set_by_the_server_not_the_client(
    api_as, assignment_a, agency_b, other_agency_staff
):
    api, user = api_as("agency_staff")
    payload = activity_payload(
        assignment_a, agency=agency_b.pk, created_by=other_agency_staff.pk, version=99
    )
    response = api.post(api_url("activity-list"), payload, format="json")
    assert response.status_code == 201
    activity = SupportActivity.objects.get(pk=response.data["id"])
    assert (activity.assignment.agency_id, activity.created_by, activity.version) == (
        assignment_a.agency_id,
        user,
        1,
    )


def test_activity_payload(api_as, assignment_a, agency_a, commune_a):
    criterion = CriterionFactory(number=4)
    api, _user = api_as("agency_staff")
    response = api.post(
        api_url("activity-list"),
        activity_payload(assignment_a, target_criteria=[criterion.pk], quantity=14),
        format="json",
    )
    activity = SupportActivity.objects.get()
    assert response["ETag"] == '"1"'
    assert response.data == {
        "id": activity.pk,
        "assignment": assignment_a.pk,
        "agency": {"id": agency_a.pk, "name": agency_a.name, "short_name": agency_a.short_name},
        "commune": {
            "id": commune_a.pk,
            "code": commune_a.code,
            "name": commune_a.name,
            "district": commune_a.district.name,
        },
        "date": "2024-03-15",
        "kind": "goods",
        "title": "Tặng 14 lò đốt rác mini",
        "description": "",
        "village": None,
        "target_criteria": [4],
        "amount": 21_000_000,
        "quantity": 14.0,
        "quantity_unit": "",
        "labour_days": None,
        "beneficiaries": None,
        "beneficiary_unit": "",
        "funding_source": "staff_fund",
        "is_sample": False,
        "version": 1,
        "created_at": response.data["created_at"],
        "updated_at": response.data["updated_at"],
    }


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date": "2023-12-31"},
            "date",
            "Ngày hoạt động phải nằm trong thời gian phân công (từ 01/01/2024).",
        ),
        ({"amount": -1}, "amount", "Giá trị không được âm."),
    ],
)
def test_api_reports_the_same_translated_field_errors_as_the_page(
    api_as, assignment_a, overrides, field, message
):
    api, _user = api_as("agency_staff")
    before = snapshot()
    response = api.post(
        api_url("activity-list"), activity_payload(assignment_a, **overrides), format="json"
    )
    assert response.status_code == 400
    assert response.data[field] == [message]
    assert snapshot() == before


def test_get_sends_the_version_as_etag(api_as, activity_a):
    api, _user = api_as("leader")
    response = api.get(api_url("activity-detail", activity_a.pk))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writes_without_if_match_are_refused_with_428(api_as, activity_a, method):
    api, _user = api_as("agency_staff")
    before = snapshot()
    response = getattr(api, method)(api_url("activity-detail", activity_a.pk), {}, format="json")
    assert response.status_code == 428
    assert snapshot() == before


def test_two_clients_read_the_same_row_and_the_second_write_gets_412(
    api_as, assignment_a, activity_a
):
    first, _ = api_as("agency_staff")
    second, _ = api_as("coordination_office")
    tag = first.get(api_url("activity-detail", activity_a.pk))["ETag"]
    assert second.get(api_url("activity-detail", activity_a.pk))["ETag"] == tag
    won = first.patch(
        api_url("activity-detail", activity_a.pk),
        {"title": "Lần một"},
        format="json",
        HTTP_IF_MATCH=tag,
    )
    assert (won.status_code, won["ETag"]) == (200, '"2"')
    lost = second.patch(
        api_url("activity-detail", activity_a.pk),
        {"title": "Lần hai"},
        format="json",
        HTTP_IF_MATCH=tag,
    )
    assert lost.status_code == 412
    stored = SupportActivity.objects.get(pk=activity_a.pk)
    assert (stored.title, stored.version) == ("Lần một", 2)
    deleted = second.delete(api_url("activity-detail", activity_a.pk), HTTP_IF_MATCH=tag)
    assert deleted.status_code == 412
    assert SupportActivity.objects.filter(pk=activity_a.pk).exists()


def test_full_put_replaces_the_fields(api_as, activity_a):
    api, _user = api_as("agency_staff")
    payload = {
        k: v for k, v in activity_payload(activity_a.assignment).items() if k != "assignment"
    }
    response = api.put(
        api_url("activity-detail", activity_a.pk), payload, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert response.status_code == 200
    assert SupportActivity.objects.get(pk=activity_a.pk).title == "Tặng 14 lò đốt rác mini"


def test_unknown_activity_is_404(api_as):
    api, _user = api_as("agency_staff")
    assert api.get(api_url("activity-detail", 999_999)).status_code == 404
    assert (
        api.patch(
            api_url("activity-detail", 999_999), {}, format="json", HTTP_IF_MATCH='"1"'
        ).status_code
        == 404
    )


def test_list_uses_the_shared_filters(api_as, activity_a, activity_b, agency_a):
    api, _user = api_as("leader")
    response = api.get(api_url("activity-list"), {"agency": agency_a.pk})
    assert [row["id"] for row in response.data["results"]] == [activity_a.pk]
    response = api.get(api_url("activity-list"), {"date_from": "2024-06-15", "sort": "-amount"})
    assert [row["id"] for row in response.data["results"]] == [activity_b.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"agency": "abc"},
        {"date_from": "31/02/2024"},
        {"kind": "nonsense"},
        {"sort": "password"},
        # A year no date can have, or not a whole number: was a 500 from the date lookup.
        {"year": "0"},
        {"year": "10000"},
        {"year": "2024.5"},
    ],
)
def test_invalid_filters_are_a_400(api_as, activity_a, params):
    api, _user = api_as("leader")
    assert api.get(api_url("activity-list"), params).status_code == 400


@pytest.mark.parametrize("count", [1, 6])
def test_activity_list_query_count_does_not_grow_with_rows(
    api_as, assignment_a, count, django_assert_num_queries
):
    from tests.sponsorships.factories import SupportActivityFactory  # noqa: PLC0415

    criterion = CriterionFactory()
    for _ in range(count):
        SupportActivityFactory(assignment=assignment_a).target_criteria.set([criterion])
    api, _user = api_as("leader")
    with django_assert_num_queries(3):  # count, page, criteria prefetch
        response = api.get(api_url("activity-list"))
    assert response.data["count"] == count


@pytest.mark.parametrize("count", [1, 6])
def test_assignment_and_agency_lists_query_counts_do_not_grow(
    api_as, count, django_assert_num_queries
):
    for _ in range(count):
        AssignmentFactory().focus_criteria.set([CriterionFactory()])
    api, _user = api_as("leader")
    with django_assert_num_queries(3):
        assert api.get(api_url("assignment-list")).data["count"] == count
    with django_assert_num_queries(2):
        assert api.get(api_url("agency-list")).data["count"] == count


def test_year_filter_keeps_the_activities_of_that_year(api_as, activity_a):
    api, _user = api_as("leader")
    assert [r["id"] for r in api.get(api_url("activity-list"), {"year": 2024}).data["results"]] == [
        activity_a.pk
    ]
    assert api.get(api_url("activity-list"), {"year": 2023}).data["results"] == []


def test_agency_without_email_matches_the_documented_schema(api_as):
    # given an agency with no e-mail recorded ("" failed the schema's format: email)
    api, _office = api_as("coordination_office")
    created = api.post(
        api_url("agency-list"),
        {"name": "Hội Nông dân", "kind": "mass_organisation", "email": ""},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.data["email"] == ""
    assert_documented(created, "/api/v1/agencies/")

    # when / then
    assert_documented(api.get(api_url("agency-list")), "/api/v1/agencies/")
    assert_documented(
        api.get(api_url("agency-detail", created.data["id"])), "/api/v1/agencies/{id}/"
    )


def test_activity_with_blank_beneficiary_unit_and_commune_without_district_is_documented(api_as):
    # given "" beneficiary_unit (outside the enum before) and a commune without a district
    # (a null brief district where the schema said string)
    commune = CommuneFactory(district=None)
    activity = SupportActivityFactory(
        assignment=AssignmentFactory(commune=commune), beneficiary_unit=""
    )
    api, _user = api_as("leader")

    detail = api.get(api_url("activity-detail", activity.pk))
    listing = api.get(api_url("activity-list"))
    assignments = api.get(api_url("assignment-list"))

    assert detail.data["beneficiary_unit"] == ""
    assert detail.data["commune"]["district"] is None
    assert_documented(detail, "/api/v1/activities/{id}/")
    assert_documented(listing, "/api/v1/activities/")
    assert_documented(assignments, "/api/v1/assignments/")


@pytest.mark.parametrize(
    ("name", "payload", "field"),
    [
        # DRF stored 0 as "0", read "5" as 5 and "1" as a pk: found by schemathesis
        (
            "agency-list",
            {"name": "Tỉnh đoàn", "kind": "mass_organisation", "address": 0},
            "address",
        ),
        ("activity-list", {"amount": "21000000"}, "amount"),
        ("activity-list", {"quantity": "14"}, "quantity"),
        ("activity-list", {"title": 14}, "title"),
    ],
)
def test_values_of_the_wrong_json_type_are_a_400(api_as, assignment_a, name, payload, field):
    api, _office = api_as("coordination_office")
    if name == "activity-list":
        payload = activity_payload(assignment_a, **payload)
    before = snapshot()

    response = api.post(api_url(name), payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert snapshot() == before


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_invalid_yes_no_filter_on_assignments_is_a_400(api_as, assignment_a, value):
    # Read as "all assignments" before, without a word.
    api, _user = api_as("leader")

    response = api.get(api_url("assignment-list"), {"is_active": value})

    assert response.status_code == 400
    assert list(response.json()) == ["is_active"]


def test_yes_no_filters_are_documented_as_booleans():
    paths = api_schema().raw_schema["paths"]
    for path, name in [
        ("/api/v1/assignments/", "is_active"),
        ("/api/v1/monthly-reports/", "is_late"),
    ]:
        parameter = next(p for p in paths[path]["get"]["parameters"] if p["name"] == name)
        assert parameter["schema"]["type"] == "boolean", path


def test_short_name_longer_than_documented_is_a_400_even_with_trimmed_whitespace(api_as):
    # 65 characters sent, 64 after DRF trims the leading \x1c: the schema says maxLength 64
    api, _office = api_as("coordination_office")
    before = snapshot()

    response = api.post(
        api_url("agency-list"),
        {"name": "Tỉnh đoàn", "kind": "mass_organisation", "short_name": "\x1c" + "T" * 64},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["short_name"]
    assert snapshot() == before
