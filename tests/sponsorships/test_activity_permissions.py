"""Every role against every write route of the pages (agencies, assignments, activities,
evidence). Refused: 403 in scope, 404 outside it, login for anonymous; and nothing changed."""

import pytest

from sponsorships.models import Agency, Assignment, Evidence, SupportActivity
from tests.sponsorships.activity_fixtures import (
    LOGIN,
    OK,
    activity_post,
    assert_outcome,
    png_file,
    snapshot,
    url,
)
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory

pytestmark = pytest.mark.django_db

DENIED_BUT_OFFICE = [
    ("anonymous", LOGIN),
    ("no_role_user", 403),
    ("leader", 403),
    ("commune_officer", 403),
    ("other_commune_officer", 403),
    ("agency_staff", 403),
    ("other_agency_staff", 403),
    ("coordination_office", OK),
]
AGENCY_A_ACTIVITY = [
    ("anonymous", LOGIN),
    ("no_role_user", 403),
    ("leader", 403),
    ("commune_officer", 403),
    ("other_commune_officer", 403),
    ("agency_staff", OK),
    ("other_agency_staff", 403),
    ("coordination_office", OK),
]


def attempt(as_role, role, method, path, data=None):
    client, _user = as_role(role)
    before = snapshot()
    response = getattr(client, method)(path, data or {})
    return response, before


def check(response, before, expected, *, changed):
    assert_outcome(response, expected)
    if expected == OK:
        changed()
    else:
        assert snapshot() == before


@pytest.mark.parametrize(("role", "expected"), DENIED_BUT_OFFICE)
def test_add_agency(as_role, role, expected):
    response, before = attempt(
        as_role,
        role,
        "post",
        url("agency_create"),
        {"name": "Công an tỉnh Bắc Kạn", "kind": "armed_forces"},
    )
    check(
        response, before, expected, changed=lambda: Agency.objects.get(name="Công an tỉnh Bắc Kạn")
    )


@pytest.mark.parametrize(("role", "expected"), DENIED_BUT_OFFICE)
def test_edit_agency(as_role, agency_a, role, expected):
    response, before = attempt(
        as_role,
        role,
        "post",
        url("agency_update", agency_a.pk),
        {"name": "Sở Công Thương Bắc Kạn", "short_name": "SCT", "kind": "department"},
    )
    check(
        response,
        before,
        expected,
        changed=lambda: Agency.objects.get(name="Sở Công Thương Bắc Kạn"),
    )


@pytest.mark.parametrize(("role", "expected"), DENIED_BUT_OFFICE)
def test_delete_agency(as_role, role, expected):
    unused = AgencyFactory(name="Cơ quan không dùng")
    response, before = attempt(as_role, role, "post", url("agency_delete", unused.pk))
    check(
        response, before, expected, changed=lambda: not Agency.objects.filter(pk=unused.pk).exists()
    )


@pytest.mark.parametrize(("role", "expected"), DENIED_BUT_OFFICE)
def test_add_assignment(as_role, agency_a, commune_b, role, expected):
    data = {
        "agency": agency_a.pk,
        "commune": commune_b.pk,
        "start_date": "01/05/2019",
        "end_date": "31/12/2020",
    }
    response, before = attempt(as_role, role, "post", url("assignment_create"), data)
    check(
        response,
        before,
        expected,
        changed=lambda: Assignment.objects.get(agency=agency_a, commune=commune_b),
    )


@pytest.mark.parametrize(("role", "expected"), DENIED_BUT_OFFICE)
def test_edit_assignment(as_role, assignment_a, role, expected):
    data = {
        "agency": assignment_a.agency_id,
        "commune": assignment_a.commune_id,
        "start_date": "01/01/2024",
        "end_date": "31/12/2027",
        "goals": "Đạt chuẩn năm 2027",
    }
    response, before = attempt(
        as_role, role, "post", url("assignment_update", assignment_a.pk), data
    )
    check(
        response,
        before,
        expected,
        changed=lambda: Assignment.objects.get(pk=assignment_a.pk, goals="Đạt chuẩn năm 2027"),
    )


@pytest.mark.parametrize(("role", "expected"), DENIED_BUT_OFFICE)
def test_delete_assignment(as_role, role, expected):
    empty = AssignmentFactory()
    response, before = attempt(as_role, role, "post", url("assignment_delete", empty.pk))
    check(
        response,
        before,
        expected,
        changed=lambda: not Assignment.objects.filter(pk=empty.pk).exists(),
    )


@pytest.mark.parametrize(("role", "expected"), AGENCY_A_ACTIVITY)
def test_add_activity_to_agency_a_assignment(as_role, assignment_a, role, expected):
    response, before = attempt(
        as_role, role, "post", url("activity_create", assignment_a.pk), activity_post()
    )
    check(
        response,
        before,
        expected,
        changed=lambda: SupportActivity.objects.get(assignment=assignment_a, amount=21_000_000),
    )


@pytest.mark.parametrize(("role", "expected"), AGENCY_A_ACTIVITY)
def test_edit_agency_a_activity(as_role, activity_a, role, expected):
    data = activity_post(title="Đã sửa", amount="22.500.000")
    response, before = attempt(as_role, role, "post", url("activity_update", activity_a.pk), data)
    check(
        response,
        before,
        expected,
        changed=lambda: SupportActivity.objects.get(
            pk=activity_a.pk, title="Đã sửa", amount=22_500_000
        ),
    )


@pytest.mark.parametrize(("role", "expected"), AGENCY_A_ACTIVITY)
def test_delete_agency_a_activity(as_role, activity_a, role, expected):
    response, before = attempt(
        as_role, role, "post", url("activity_delete", activity_a.pk), {"version": 1}
    )
    check(
        response,
        before,
        expected,
        changed=lambda: not SupportActivity.objects.filter(pk=activity_a.pk).exists(),
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("no_role_user", 403),
        ("leader", 403),
        ("commune_officer", 403),
        ("other_commune_officer", 404),
        ("agency_staff", OK),
        ("other_agency_staff", 404),
        ("coordination_office", OK),
    ],
)
def test_delete_evidence_of_agency_a_activity(as_role, activity_a, agency_staff, role, expected):
    evidence = Evidence.objects.create(
        activity=activity_a,
        file=png_file(),
        original_name="anh.png",
        content_type="image/png",
        size=10,
        uploaded_by=agency_staff,
    )
    response, before = attempt(as_role, role, "post", url("evidence_delete", evidence.pk))
    check(
        response,
        before,
        expected,
        changed=lambda: not Evidence.objects.filter(pk=evidence.pk).exists(),
    )


@pytest.mark.parametrize(
    "role", ["agency_staff", "coordination_office", "leader", "other_agency_staff"]
)
@pytest.mark.parametrize("name", ["activity_update", "activity_delete", "activity_detail"])
def test_unknown_activity_is_not_found(as_role, role, name):
    client, _user = as_role(role)
    assert client.get(url(name, 999_999)).status_code == 404


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("agency_create", None),
        ("assignment_create", None),
        ("agency_update", "agency_a"),
        ("agency_delete", "agency_a"),
        ("assignment_update", "assignment_a"),
        ("assignment_delete", "assignment_a"),
        ("activity_create", "assignment_a"),
        ("activity_update", "activity_a"),
        ("activity_delete", "activity_a"),
    ],
)
@pytest.mark.parametrize(
    ("role", "office_only", "own_agency"),
    [
        ("leader", 403, 403),
        ("commune_officer", 403, 403),
        ("other_agency_staff", 403, 403),
        ("agency_staff", 403, 200),
        ("coordination_office", 200, 200),
        ("no_role_user", 403, 403),
    ],
)
def test_write_forms_open_only_for_those_who_may_write(
    request, as_role, name, needs, role, office_only, own_agency
):
    args = [request.getfixturevalue(needs).pk] if needs else []
    client, _user = as_role(role)
    expected = own_agency if name.startswith("activity") else office_only
    assert client.get(url(name, *args)).status_code == expected
