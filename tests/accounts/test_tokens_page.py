"""My API tokens page (/accounts/tokens/): every role lists, creates (the token shown once) and
revokes its own tokens, and only its own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from knox.crypto import hash_token

from accounts.models import AccountEvent, ApiToken
from accounts.services.tokens import api_token_create

pytestmark = pytest.mark.django_db

ROLES = [
    "no_role_user",
    "leader",
    "coordination_office",
    "commune_officer",
    "agency_staff",
]


@pytest.fixture(autouse=True)
def recently_reauthenticated(monkeypatch):
    """These tests are about the page; re-authentication has its own test below."""
    monkeypatch.setattr(
        "allauth.account.internal.flows.reauthentication.did_recently_reauthenticate",
        lambda request: True,
    )


def list_url() -> str:
    return reverse("accounts:token_list")


def revoke_url(token: ApiToken) -> str:
    return reverse("accounts:token_revoke", args=[token.token_key])


@pytest.mark.parametrize("role", ROLES)
def test_every_role_creates_a_token_and_sees_it_exactly_once(as_role, role):
    client, user = as_role(role)

    response = client.post(list_url(), {"name": "Máy chủ báo cáo", "expires_in_days": 30})

    assert response.status_code == 200
    row = ApiToken.objects.get(user=user)
    shown = response.context["plain_token"]
    assert hash_token(shown) == row.digest
    page = response.content.decode()
    assert shown in page
    assert "chỉ hiện một lần" in page
    assert "no-store" in response["Cache-Control"]
    again = client.get(list_url()).content.decode()
    assert shown not in again
    assert "Máy chủ báo cáo" in again
    assert row.token_key in again


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(list_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_form_proposes_the_default_expiry(as_role):
    client, _user = as_role("leader")

    response = client.get(list_url())

    assert response.context["form"]["expires_in_days"].value() == 90
    assert 'max="365"' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "expires_in_days": 30}, "name"),
        ({"name": "a", "expires_in_days": 0}, "expires_in_days"),
        ({"name": "a", "expires_in_days": 366}, "expires_in_days"),
        ({"name": "a"}, "expires_in_days"),
    ],
)
def test_bad_input_shows_the_form_again_and_creates_nothing(as_role, data, field):
    client, _user = as_role("leader")

    response = client.post(list_url(), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["plain_token"] is None
    assert not ApiToken.objects.exists()


def test_a_name_already_used_is_a_form_error(as_role):
    client, user = as_role("leader")
    api_token_create(user=user, name="Sao lưu", expires_in_days=30)

    response = client.post(list_url(), {"name": "Sao lưu", "expires_in_days": 30})

    assert response.context["form"].errors["name"] == [
        "Bạn đã có một mã API tên này; hãy chọn tên khác."
    ]
    assert ApiToken.objects.count() == 1


def test_the_list_shows_only_my_tokens(as_role, agency_staff):
    client, user = as_role("leader")
    api_token_create(user=user, name="Của tôi", expires_in_days=30)
    api_token_create(user=agency_staff, name="Của người khác", expires_in_days=30)

    page = client.get(list_url()).content.decode()

    assert "Của tôi" in page
    assert "Của người khác" not in page


def test_revoking_asks_first_then_deletes_and_records(as_role):
    client, user = as_role("commune_officer")
    row, _token = api_token_create(user=user, name="Sao lưu", expires_in_days=30)

    confirm = client.get(revoke_url(row))
    assert confirm.status_code == 200
    assert ApiToken.objects.filter(pk=row.pk).exists()

    response = client.post(revoke_url(row))

    assert response.status_code == 302
    assert response.url == list_url()
    assert not ApiToken.objects.filter(pk=row.pk).exists()
    assert AccountEvent.objects.filter(
        user=user, action=AccountEvent.Action.TOKEN_REVOKED, changes={"note": "Sao lưu"}
    ).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_revokes_another_users_token(as_role, agency_staff, method):
    client, _user = as_role("coordination_office")
    row, _token = api_token_create(user=agency_staff, name="Sao lưu", expires_in_days=30)

    response = getattr(client, method)(revoke_url(row))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=row.pk).exists()
    assert not AccountEvent.objects.filter(action=AccountEvent.Action.TOKEN_REVOKED).exists()


def test_the_page_has_no_inline_script(as_role):
    client, user = as_role("leader")

    page = client.post(list_url(), {"name": "a", "expires_in_days": 1}).content.decode()

    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # static files only
    assert " on" + "click=" not in page


def test_the_list_costs_the_same_queries_for_one_or_many_tokens(
    as_role, django_assert_max_num_queries
):
    client, user = as_role("leader")
    api_token_create(user=user, name="0", expires_in_days=30)
    with django_assert_max_num_queries(100) as one:
        client.get(list_url())
    for index in range(1, 6):
        api_token_create(user=user, name=str(index), expires_in_days=30)

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(list_url())


def test_creating_a_token_asks_for_the_password_again(as_role, monkeypatch):
    monkeypatch.undo()  # the real re-authentication rule
    client, user = as_role("agency_staff")

    response = client.post(list_url(), {"name": "máy chủ báo cáo", "expires_in_days": 30})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not ApiToken.objects.filter(user=user).exists()
    assert client.get(list_url()).status_code == 200  # the list itself needs no password
