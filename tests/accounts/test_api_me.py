"""/api/v1/me/: every signed-in user reads its account and edits its own name, e-mail and phone
(with If-Match), never its role, scope or powers."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import AccountEvent
from ntm_portal.models import User
from tests.factories import UserFactory
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db

PATH = "/api/v1/me/"
SIGNED_IN = ["no_role_user", "leader", "coordination_office", "commune_officer", "agency_staff"]


def url() -> str:
    return reverse("accounts-api:me")


def snapshot() -> tuple:
    return (
        list(User.objects.order_by("pk").values()),
        list(AccountEvent.objects.values_list("pk", flat=True)),
    )


def test_anonymous_gets_a_401_with_the_challenge(db):
    for response in (APIClient().get(url()), APIClient().patch(url(), {}, format="json")):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_signed_in_user_reads_its_own_account(api_as, role):
    api, user = api_as(role)

    response = api.get(url())

    assert response.status_code == 200
    assert response.json()["id"] == user.pk
    assert response["ETag"] == f'"{user.version}"'
    assert_documented(response, PATH)


def test_my_account_shows_role_scope_and_second_factor(api_as, commune_a):
    api, officer = api_as("commune_officer")
    TOTP.activate(officer, generate_totp_secret())

    body = api.get(url()).json()

    assert body == {
        "id": officer.pk,
        "username": "officer_a",
        "first_name": officer.first_name,
        "last_name": officer.last_name,
        "email": "officer_a@example.gov.vn",
        "phone": "",
        "role": "commune_officer",
        "agency": None,
        "agency_name": None,
        "commune": commune_a.pk,
        "commune_name": "Xuân Lạc",
        "is_active": True,
        "is_superuser": False,
        "must_change_password": False,
        "has_second_factor": True,
        "last_login": None,
        "date_joined": body["date_joined"],
        "version": 1,
    }


# Not no_role_user: the profile service validates the whole account, and one without a role
# is refused ("Hãy chọn vai trò"), on the profile page as here.
@pytest.mark.parametrize("role", [role for role in SIGNED_IN if role != "no_role_user"])
def test_every_user_edits_its_own_contact_details(api_as, role):
    api, user = api_as(role)

    response = api.patch(
        url(),
        {"first_name": "Hoàng", "phone": "0912 000 111", "email": "moi@backan.gov.vn"},
        format="json",
        HTTP_IF_MATCH=f'"{user.version}"',
    )

    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert (user.first_name, user.phone, user.email) == (
        "Hoàng",
        "0912 000 111",
        "moi@backan.gov.vn",
    )
    assert response["ETag"] == f'"{user.version}"'
    event = AccountEvent.objects.get(user=user)
    assert (event.action, event.actor) == (AccountEvent.Action.PROFILE_UPDATED, user)
    assert_documented(response, PATH)


def test_a_browser_session_edits_too(leader):
    """Over a session, request.user is Django's lazy wrapper, not the model the service needs."""
    api = APIClient()
    api.force_login(leader)

    response = api.patch(url(), {"phone": "0209"}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 200, response.content
    assert User.objects.get(pk=leader.pk).phone == "0209"
    assert AccountEvent.objects.filter(user=leader, changes={"phone": ["", "0209"]}).exists()


@pytest.mark.parametrize(
    "field",
    ["role", "agency", "commune", "is_active", "is_superuser", "is_staff", "password"],
)
def test_nobody_changes_its_own_role_scope_or_powers(api_as, agency_a, field):
    api, user = api_as("agency_staff")
    before = snapshot()

    response = api.patch(url(), {field: None}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert snapshot() == before


def test_an_e_mail_already_used_is_refused(api_as, leader):
    UserFactory(username="khac", email="trung@backan.gov.vn")
    api, user = api_as("agency_staff")
    before = snapshot()

    response = api.patch(
        url(), {"email": "TRUNG@backan.gov.vn"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 400
    assert list(response.json()) == ["email"]
    assert snapshot() == before


def test_an_edit_without_if_match_is_a_428_and_a_stale_one_a_412(api_as):
    api, user = api_as("leader")
    before = snapshot()

    missing = api.patch(url(), {"phone": "1"}, format="json")
    stale = api.patch(url(), {"phone": "1"}, format="json", HTTP_IF_MATCH='"7"')

    assert (missing.status_code, stale.status_code) == (428, 412)
    assert snapshot() == before
    assert_documented(stale, PATH)


def test_reading_my_account_costs_one_query(api_as, django_assert_num_queries):
    api, _user = api_as("agency_staff")

    with django_assert_num_queries(1):
        api.get(url())


def test_editing_my_account_costs_a_bounded_number_of_queries(
    api_as, django_assert_max_num_queries
):
    api, _user = api_as("agency_staff")

    # As PATCH /users/{id}/ (the same service), and the stored account read first.
    with django_assert_max_num_queries(20):
        api.patch(url(), {"phone": "0209"}, format="json", HTTP_IF_MATCH='"1"')
