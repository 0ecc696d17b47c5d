"""Users API (/api/v1/users/): only the office, every operation; a refusal changes nothing,
records nothing and sends nothing; the services' rules (scope, uniqueness, no superusers, no
change to one's own access); ETag / If-Match; filters; flat query counts."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import AccountEvent, ApiToken
from ntm_portal.models import User
from tests.factories import UserFactory
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db

OFFICE_ONLY = [
    ("anonymous", 401),  # with WWW-Authenticate: Token
    ("no_role_user", 403),
    ("leader", 403),
    ("commune_officer", 403),
    ("agency_staff", 403),
    ("coordination_office", None),
]
FIELDS = {
    "id",
    "username",
    "first_name",
    "last_name",
    "email",
    "phone",
    "role",
    "agency",
    "agency_name",
    "commune",
    "commune_name",
    "is_active",
    "is_superuser",
    "must_change_password",
    "has_second_factor",
    "is_locked",
    "last_login",
    "date_joined",
    "version",
}


def list_url() -> str:
    return reverse("accounts-api:user-list")


def detail_url(user: User, action: str = "detail") -> str:
    return reverse(f"accounts-api:user-{action}", args=[user.pk])


def snapshot() -> tuple:
    return (
        list(User.objects.order_by("pk").values()),
        list(AccountEvent.objects.values_list("pk", flat=True)),
        list(ApiToken.objects.values_list("pk", flat=True)),
    )


@pytest.fixture
def target(db):
    return UserFactory(
        username="can_bo_moi",
        first_name="Lê",
        last_name="Thị Hoa",
        email="hoa@backan.gov.vn",
        phone="0912 345 678",
        role=User.Role.LEADER,
    )


def new_user(**overrides) -> dict:
    return {
        "username": "nguyen.van.an",
        "first_name": "Nguyễn Văn",
        "last_name": "An",
        "email": "an@backan.gov.vn",
        "role": "leader",
        **overrides,
    }


def assert_outcome(response, expected, ok_status, before, captured) -> bool:
    """True when the call was allowed; otherwise asserts the refusal left no trace."""
    if expected is None:
        assert response.status_code == ok_status, response.content
        return True
    assert response.status_code == expected, response.content
    if expected == 401:
        assert response["WWW-Authenticate"] == "Token"
    assert snapshot() == before
    assert captured == []
    assert mail.outbox == []
    return False


# Permission matrix ----------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), OFFICE_ONLY)
def test_reading(api_as, target, role, expected):
    api, _user = api_as(role)
    before = snapshot()

    listed = api.get(list_url())
    one = api.get(detail_url(target))

    if assert_outcome(listed, expected, 200, before, []):
        assert target.pk in {row["id"] for row in listed.json()["results"]}
    if assert_outcome(one, expected, 200, before, []):
        assert one.json()["username"] == "can_bo_moi"


@pytest.mark.parametrize(("role", "expected"), OFFICE_ONLY)
def test_creating(api_as, django_capture_on_commit_callbacks, role, expected):
    api, _user = api_as(role)
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True) as captured:
        response = api.post(list_url(), new_user(), format="json")

    if assert_outcome(response, expected, 201, before, captured):
        assert User.objects.filter(username="nguyen.van.an").exists()
        assert [message.to for message in mail.outbox] == [["an@backan.gov.vn"]]


@pytest.mark.parametrize(("role", "expected"), OFFICE_ONLY)
def test_editing(api_as, django_capture_on_commit_callbacks, target, role, expected):
    api, _user = api_as(role)
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True) as captured:
        response = api.patch(
            detail_url(target), {"phone": "0209 3870 000"}, format="json", HTTP_IF_MATCH='"1"'
        )

    if assert_outcome(response, expected, 200, before, captured):
        assert User.objects.get(pk=target.pk).phone == "0209 3870 000"


@pytest.mark.parametrize(("role", "expected"), OFFICE_ONLY)
def test_deactivating_and_reactivating(
    api_as, django_capture_on_commit_callbacks, target, role, expected
):
    api, _user = api_as(role)
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True) as captured:
        response = api.post(detail_url(target, "deactivate"))

    if assert_outcome(response, expected, 200, before, captured):
        assert User.objects.get(pk=target.pk).is_active is False
        response = api.post(detail_url(target, "reactivate"))
        assert response.status_code == 200
        assert User.objects.get(pk=target.pk).is_active is True


@pytest.mark.parametrize("role", ["leader", "agency_staff"])
def test_reactivating_is_refused_to_others_too(api_as, target, role):
    User.objects.filter(pk=target.pk).update(is_active=False)
    api, _user = api_as(role)
    before = snapshot()

    response = api.post(detail_url(target, "reactivate"))

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("method", ["put", "delete"])
def test_accounts_are_never_deleted_nor_replaced(api_as, target, method):
    api, _user = api_as("coordination_office")
    before = snapshot()

    response = getattr(api, method)(detail_url(target), {}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 405
    assert snapshot() == before


# Payloads -------------------------------------------------------------------------------


def test_a_user_payload_names_its_scope_and_never_a_secret(api_as, agency_a, agency_staff):
    api, _office = api_as("coordination_office")
    ApiToken.objects.create(user=agency_staff, name="Sao lưu")

    response = api.get(detail_url(agency_staff))

    body = response.json()
    assert set(body) == FIELDS
    assert (body["role"], body["agency"], body["agency_name"]) == (
        "agency_staff",
        agency_a.pk,
        "Sở Công Thương",
    )
    assert (body["commune"], body["commune_name"]) == (None, None)
    assert (body["has_second_factor"], body["is_locked"], body["is_superuser"]) == (
        False,
        False,
        False,
    )
    assert agency_staff.password not in response.content.decode()
    assert response["ETag"] == '"1"'
    assert_documented(response, "/api/v1/users/{id}/")


def test_create_with_an_invitation(api_as, django_capture_on_commit_callbacks, commune_a):
    api, office = api_as("coordination_office")

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            list_url(),
            new_user(role="commune_officer", commune=commune_a.pk, phone="0912 000 111"),
            format="json",
        )

    assert response.status_code == 201, response.content
    created = User.objects.get(username="nguyen.van.an")
    assert (created.role, created.commune, created.has_usable_password()) == (
        "commune_officer",
        commune_a,
        False,
    )
    assert response.json()["commune_name"] == "Xuân Lạc"
    assert response["ETag"] == '"1"'
    assert len(mail.outbox) == 1
    actions = set(AccountEvent.objects.filter(user=created).values_list("action", "actor"))
    assert actions == {
        (AccountEvent.Action.CREATED, office.pk),
        (AccountEvent.Action.INVITED, office.pk),
    }
    assert_documented(response, "/api/v1/users/")


def test_create_with_a_temporary_password(api_as, django_capture_on_commit_callbacks):
    api, _office = api_as("coordination_office")

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            list_url(),
            new_user(email="", temporary_password="Tam-thoi-2026!"),
            format="json",
        )

    assert response.status_code == 201, response.content
    created = User.objects.get(username="nguyen.van.an")
    assert created.check_password("Tam-thoi-2026!")
    assert response.json()["must_change_password"] is True
    assert "Tam-thoi-2026!" not in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"role": "agency_staff"}, "agency"),  # agency staff without an agency
        ({"role": "commune_officer"}, "commune"),
        ({"username": "can_bo_moi"}, "username"),  # taken (by the target)
        ({"email": "HOA@backan.gov.vn"}, "email"),  # taken, whatever the case
        ({"email": "", "send_invitation": True}, "email"),  # nowhere to send the invitation
        ({"temporary_password": "123"}, "temporary_password"),  # too weak
        ({"username": "có dấu cách"}, "username"),
        ({"role": ""}, "role"),
        ({"agency": 999_999, "role": "agency_staff"}, "agency"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_created(
    api_as, django_capture_on_commit_callbacks, target, overrides, field
):
    api, _office = api_as("coordination_office")
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True) as captured:
        response = api.post(list_url(), new_user(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert snapshot() == before
    assert (captured, mail.outbox) == ([], [])


@pytest.mark.parametrize("field", ["is_superuser", "is_staff", "password", "user_permissions"])
def test_the_office_cannot_make_a_superuser_nor_set_a_password(api_as, target, field):
    api, _office = api_as("coordination_office")
    before = snapshot()

    created = api.post(list_url(), new_user(**{field: True}), format="json")
    edited = api.patch(detail_url(target), {field: True}, format="json", HTTP_IF_MATCH='"1"')

    for response in (created, edited):
        assert response.status_code == 400
        assert list(response.json()) == [field]
        assert "không thay đổi được qua API" in response.json()[field][0]
    assert snapshot() == before


def test_the_office_cannot_touch_a_superuser(api_as):
    root = UserFactory(username="root", role="", is_superuser=True, is_staff=True)
    api, _office = api_as("coordination_office")
    before = snapshot()

    edited = api.patch(detail_url(root), {"phone": "1"}, format="json", HTTP_IF_MATCH='"1"')
    deactivated = api.post(detail_url(root, "deactivate"))

    assert (edited.status_code, deactivated.status_code) == (403, 403)
    assert snapshot() == before


def test_the_office_edits_its_own_name_but_not_its_own_role_or_activity(api_as):
    api, office = api_as("coordination_office")
    before = snapshot()

    role = api.patch(detail_url(office), {"role": "leader"}, format="json", HTTP_IF_MATCH='"1"')
    off = api.post(detail_url(office, "deactivate"))

    assert (role.status_code, off.status_code) == (403, 403)
    assert snapshot() == before
    name = api.patch(detail_url(office), {"last_name": "Hà"}, format="json", HTTP_IF_MATCH='"1"')
    assert name.status_code == 200


def test_an_edit_changes_only_the_fields_sent_and_records_them(api_as, target):
    api, office = api_as("coordination_office")

    response = api.patch(
        detail_url(target), {"phone": "0209 3870 000"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    target.refresh_from_db()
    assert (target.phone, target.first_name, target.email) == (
        "0209 3870 000",
        "Lê",
        "hoa@backan.gov.vn",
    )
    event = AccountEvent.objects.get(user=target)
    assert (event.action, event.actor, event.changes) == (
        AccountEvent.Action.UPDATED,
        office,
        {"phone": ["0912 345 678", "0209 3870 000"]},
    )
    assert_documented(response, "/api/v1/users/{id}/")


def test_changing_the_role_to_commune_officer_needs_a_commune(api_as, target, commune_a):
    api, _office = api_as("coordination_office")

    missing = api.patch(
        detail_url(target), {"role": "commune_officer"}, format="json", HTTP_IF_MATCH='"1"'
    )
    given = api.patch(
        detail_url(target),
        {"role": "commune_officer", "commune": commune_a.pk},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert missing.status_code == 400
    assert missing.json()["commune"] == ["Cán bộ xã phải thuộc một xã."]
    assert given.status_code == 200
    assert (given.json()["role"], given.json()["commune"]) == ("commune_officer", commune_a.pk)


def test_deactivating_ends_the_tokens_and_is_recorded(api_as, target):
    api, office = api_as("coordination_office")
    ApiToken.objects.create(user=target, name="Sao lưu")

    response = api.post(detail_url(target, "deactivate"))

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert not ApiToken.objects.filter(user=target).exists()
    assert AccountEvent.objects.filter(
        user=target, actor=office, action=AccountEvent.Action.DEACTIVATED
    ).exists()
    assert_documented(response, "/api/v1/users/{id}/deactivate/")


def test_the_office_works_over_a_browser_session_too(coordination_office, target):
    api = APIClient()
    api.force_login(coordination_office)  # request.user is then Django's lazy wrapper

    created = api.post(list_url(), new_user(), format="json")
    edited = api.patch(detail_url(target), {"phone": "1"}, format="json", HTTP_IF_MATCH='"1"')
    deactivated = api.post(detail_url(target, "deactivate"))

    assert (created.status_code, edited.status_code, deactivated.status_code) == (201, 200, 200)
    assert AccountEvent.objects.filter(actor=coordination_office).count() == 4


# ETag / If-Match ------------------------------------------------------------------------


def test_an_edit_without_if_match_is_a_428(api_as, target):
    api, _office = api_as("coordination_office")
    before = snapshot()

    response = api.patch(detail_url(target), {"phone": "1"}, format="json")

    assert response.status_code == 428
    assert snapshot() == before
    assert_documented(response, "/api/v1/users/{id}/")


def test_two_clients_read_the_same_user_and_the_second_edit_gets_412(api_as, target):
    first, _office = api_as("coordination_office")
    second, _office = api_as("coordination_office")
    tag = first.get(detail_url(target))["ETag"]
    assert second.get(detail_url(target))["ETag"] == tag

    won = first.patch(detail_url(target), {"phone": "1"}, format="json", HTTP_IF_MATCH=tag)
    lost = second.patch(detail_url(target), {"phone": "2"}, format="json", HTTP_IF_MATCH=tag)

    assert (won.status_code, lost.status_code) == (200, 412)
    assert User.objects.get(pk=target.pk).phone == "1"
    assert_documented(lost, "/api/v1/users/{id}/")


def test_a_race_lost_inside_the_service_is_a_412(api_as, target, monkeypatch):
    api, _office = api_as("coordination_office")
    from ntm_portal import concurrency

    real_claim = concurrency.claim_version

    def someone_saved_first(instance, expected_version, **also):
        User.objects.filter(pk=instance.pk).update(version=expected_version + 1)
        real_claim(instance, expected_version, **also)

    monkeypatch.setattr("accounts.services.users.claim_version", someone_saved_first)

    response = api.patch(detail_url(target), {"phone": "1"}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 412
    assert User.objects.get(pk=target.pk).phone == "0912 345 678"


# Lists and filters ----------------------------------------------------------------------


def usernames(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["username"] for row in response.json()["results"]}


def test_filters(api_as, agency_a, commune_a, agency_staff, commune_officer, leader):
    api, _office = api_as("coordination_office")
    User.objects.filter(pk=leader.pk).update(is_active=False)

    assert usernames(api.get(list_url(), {"role": "agency_staff"})) == {"staff_a"}
    assert usernames(api.get(list_url(), {"agency": agency_a.pk})) == {"staff_a"}
    assert usernames(api.get(list_url(), {"commune": commune_a.pk})) == {"officer_a"}
    assert usernames(api.get(list_url(), {"is_active": "false"})) == {"leader"}
    assert usernames(api.get(list_url(), {"q": "officer"})) == {"officer_a"}
    assert usernames(api.get(list_url(), {"has_mfa": "true"})) == set()
    assert usernames(api.get(list_url(), {"is_locked": "false"})) == {
        "office",
        "staff_a",
        "officer_a",
        "leader",
    }


@pytest.mark.parametrize(
    "params",
    [{"role": "chief"}, {"agency": "abc"}, {"commune": 999_999}, {"is_active": "maybe"}],
)
def test_an_invalid_filter_is_a_400(api_as, params):
    api, _office = api_as("coordination_office")

    assert api.get(list_url(), params).status_code == 400


def test_a_locked_user_is_marked_and_filtered(api_as, settings, agency_staff):
    from axes.models import AccessAttempt
    from django.utils import timezone

    AccessAttempt.objects.create(
        username=agency_staff.username,
        ip_address="203.0.113.9",
        user_agent="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    api, _office = api_as("coordination_office")

    response = api.get(list_url(), {"is_locked": "true"})

    assert usernames(response) == {"staff_a"}
    assert response.json()["results"][0]["is_locked"] is True


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_costs_two_queries_whatever_the_number_of_users(
    api_as, agency_a, commune_a, count, django_assert_num_queries
):
    api, _office = api_as("coordination_office")
    for index in range(count):
        UserFactory(role=User.Role.AGENCY_STAFF, agency=agency_a)
        UserFactory(role=User.Role.COMMUNE_OFFICER, commune=commune_a, username=f"xa{index}")

    with django_assert_num_queries(2):  # count, page (scope names, factor, lock joined in)
        response = api.get(list_url())

    assert response.json()["count"] == 2 * count + 1


def test_reading_one_user_costs_one_query(api_as, target, django_assert_num_queries):
    api, _office = api_as("coordination_office")

    with django_assert_num_queries(1):
        api.get(detail_url(target))


def test_the_writes_cost_a_bounded_number_of_queries(api_as, target, django_assert_max_num_queries):
    api, _office = api_as("coordination_office")

    # The service's checks (uniqueness, constraints), the conditional version claim, the
    # e-mail address table, the event, then the answer re-read with its annotations.
    with django_assert_max_num_queries(19):
        api.patch(detail_url(target), {"phone": "1"}, format="json", HTTP_IF_MATCH='"1"')
    with django_assert_max_num_queries(8):
        api.post(detail_url(target, "deactivate"))
    with django_assert_max_num_queries(6):
        api.post(detail_url(target, "reactivate"))
    with django_assert_max_num_queries(21):
        api.post(list_url(), new_user(), format="json")
