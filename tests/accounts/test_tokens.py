"""API tokens: the services (named, expiring, hashed, recorded) and the token check on every
API request (revoked, expired, deactivated refused with a 401 and its challenge; last use
written at most once an hour; one query per request)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from knox.crypto import hash_token
from rest_framework.test import APIClient

from accounts.models import AccountEvent, ApiToken
from accounts.services.tokens import api_token_create, api_token_revoke
from accounts.services.users import user_deactivate
from ntm_portal.models import User

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"
NOW = dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC)


def token_client(token: str, **extra) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}", **extra)
    return client


# Creating -------------------------------------------------------------------------------


def test_create_returns_the_plain_token_once_and_stores_only_its_hash(agency_staff):
    row, token = api_token_create(user=agency_staff, name="Máy chủ báo cáo", expires_in_days=30)

    stored = ApiToken.objects.get(user=agency_staff)
    assert stored.digest == hash_token(token) != token
    assert stored.token_key == token[:15] == row.token_key
    assert token not in str(ApiToken.objects.filter(user=agency_staff).values())
    assert (stored.name, stored.last_used_at) == ("Máy chủ báo cáo", None)


@time_machine.travel(NOW, tick=False)
def test_expiry_in_days_or_at_a_moment(agency_staff):
    by_days, _token = api_token_create(user=agency_staff, name="a", expires_in_days=30)
    moment = NOW + dt.timedelta(days=7)
    at_moment, _token = api_token_create(user=agency_staff, name="b", expires_at=moment)

    assert by_days.expiry == NOW + dt.timedelta(days=30)
    assert at_moment.expiry == moment


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("when", "field"),
    [
        ({}, "expires_in_days"),  # an expiry is required
        ({"expires_in_days": 0}, "expires_in_days"),
        ({"expires_in_days": 366}, "expires_in_days"),
        ({"expires_at": NOW}, "expires_at"),  # already past
        ({"expires_at": NOW + dt.timedelta(days=366)}, "expires_at"),
        ({"expires_in_days": 5, "expires_at": NOW + dt.timedelta(days=5)}, "expires_in_days"),
    ],
)
def test_expiry_is_required_and_at_most_a_year(agency_staff, when, field):
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=agency_staff, name="Sao lưu", **when)

    assert list(refused.value.message_dict) == [field]
    assert not ApiToken.objects.exists()
    assert not AccountEvent.objects.exists()


def test_the_maximum_follows_the_setting(settings, agency_staff):
    settings.API_TOKEN_MAX_DAYS = 30

    with pytest.raises(ValidationError) as refused:
        api_token_create(user=agency_staff, name="Sao lưu", expires_in_days=31)

    assert refused.value.message_dict["expires_in_days"] == [
        "Thời hạn của mã API phải từ 1 đến 30 ngày."
    ]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_name_of_at_most_100_characters(agency_staff, name):
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=agency_staff, name=name, expires_in_days=30)

    assert list(refused.value.message_dict) == ["name"]
    assert not ApiToken.objects.exists()


def test_names_are_unique_per_user_whatever_the_case(agency_staff, commune_officer):
    api_token_create(user=agency_staff, name="Sao lưu", expires_in_days=30)

    with pytest.raises(ValidationError) as refused:
        api_token_create(user=agency_staff, name=" sao LƯU ", expires_in_days=30)
    api_token_create(user=commune_officer, name="Sao lưu", expires_in_days=30)  # another user

    assert refused.value.message_dict["name"] == [
        "Bạn đã có một mã API tên này; hãy chọn tên khác."
    ]
    assert ApiToken.objects.filter(name="Sao lưu").count() == 2


def test_live_tokens_per_user_are_limited(settings, agency_staff):
    settings.API_TOKEN_LIMIT_PER_USER = 2
    api_token_create(user=agency_staff, name="a", expires_in_days=30)
    api_token_create(user=agency_staff, name="b", expires_in_days=30)

    with pytest.raises(ValidationError):
        api_token_create(user=agency_staff, name="c", expires_in_days=30)

    assert ApiToken.objects.count() == 2


def test_an_inactive_account_gets_no_token(agency_staff):
    User.objects.filter(pk=agency_staff.pk).update(is_active=False)
    agency_staff.refresh_from_db()

    with pytest.raises(PermissionDenied):
        api_token_create(user=agency_staff, name="a", expires_in_days=30)

    assert not ApiToken.objects.exists()


def test_creating_and_revoking_are_recorded_with_the_name_never_the_token(agency_staff):
    row, token = api_token_create(user=agency_staff, name="Máy chủ báo cáo", expires_in_days=30)
    api_token_revoke(user=agency_staff, token_id=row.token_key)

    events = list(AccountEvent.objects.order_by("id").values_list("action", "actor", "changes"))
    assert events == [
        (AccountEvent.Action.TOKEN_CREATED, agency_staff.pk, {"note": "Máy chủ báo cáo"}),
        (AccountEvent.Action.TOKEN_REVOKED, agency_staff.pk, {"note": "Máy chủ báo cáo"}),
    ]
    assert token not in str(list(AccountEvent.objects.values()))
    assert row.digest not in str(list(AccountEvent.objects.values()))
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_users_token(agency_staff, commune_officer):
    row, _token = api_token_create(user=agency_staff, name="a", expires_in_days=30)

    with pytest.raises(ValidationError):
        api_token_revoke(user=commune_officer, token_id=row.token_key)

    assert ApiToken.objects.filter(pk=row.pk).exists()
    assert AccountEvent.objects.filter(action=AccountEvent.Action.TOKEN_REVOKED).count() == 0


# Using ----------------------------------------------------------------------------------


def test_a_live_token_authenticates_its_user(leader):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)

    response = token_client(token).get(ME)

    assert response.status_code == 200
    assert response.json()["username"] == leader.username


def test_a_script_edits_its_profile_over_its_token(leader):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)

    response = token_client(token).patch(ME, {"phone": "0209"}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 200
    assert User.objects.get(pk=leader.pk).phone == "0209"


def assert_refused_with_challenge(response, message: str) -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": message}


def test_a_revoked_token_is_refused_at_once(leader):
    row, token = api_token_create(user=leader, name="a", expires_in_days=30)
    assert token_client(token).get(ME).status_code == 200

    api_token_revoke(user=leader, token_id=row.token_key)

    assert_refused_with_challenge(
        token_client(token).get(ME), "Mã API không hợp lệ hoặc đã bị thu hồi."
    )


def test_an_expired_token_is_refused_with_its_own_message_and_stays_listed(leader):
    with time_machine.travel(NOW, tick=False):
        row, token = api_token_create(user=leader, name="a", expires_in_days=1)

    with time_machine.travel(NOW + dt.timedelta(days=1, seconds=1), tick=False):
        response = token_client(token).get(ME)

    assert_refused_with_challenge(
        response,
        "Mã API đã hết hạn; hãy tạo mã mới trong trang Tài khoản của tôi › Mã API.",
    )
    assert ApiToken.objects.filter(pk=row.pk).exists()  # in the owner's list, marked expired


def test_a_token_works_until_its_expiry(leader):
    with time_machine.travel(NOW, tick=False):
        _row, token = api_token_create(user=leader, name="a", expires_in_days=1)

    with time_machine.travel(NOW + dt.timedelta(days=1, seconds=-1), tick=False):
        assert token_client(token).get(ME).status_code == 200


def test_tokens_of_an_account_made_inactive_stop_working(leader):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)
    # Not through the service (which also deletes them): knox's is_active check alone.
    User.objects.filter(pk=leader.pk).update(is_active=False)

    assert_refused_with_challenge(token_client(token).get(ME), "Tài khoản đã ngừng hoạt động.")


def test_deactivating_an_account_deletes_its_tokens(coordination_office, leader):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)

    user_deactivate(user=leader, actor=coordination_office)

    assert not ApiToken.objects.filter(user=leader).exists()
    assert token_client(token).get(ME).status_code == 401


def test_a_token_of_a_user_with_a_temporary_password_is_refused_until_changed(leader):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)
    User.objects.filter(pk=leader.pk).update(must_change_password=True)

    response = token_client(token).get(ME)

    assert response.status_code == 403
    assert response.json()["code"] == "change_password"


@pytest.mark.parametrize(
    "header",
    [
        "Token",  # no token
        "Token a b",  # spaces
        "Token " + "0" * 64,  # unknown
        "Token é",  # not hexadecimal, not ASCII
        "Token \xe9\xff",  # not UTF-8 once the header is bytes again
    ],
)
def test_malformed_or_unknown_tokens_are_a_401_with_the_challenge(leader, header):
    api_token_create(user=leader, name="a", expires_in_days=30)

    response = APIClient().get(ME, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_missing_credential_is_a_401_with_the_challenge(db):
    response = APIClient().get(ME)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_last_use_is_written_at_most_once_an_hour(leader, django_assert_num_queries):
    with time_machine.travel(NOW, tick=False):
        row, token = api_token_create(user=leader, name="a", expires_in_days=30)
        client = token_client(token)
        client.get(ME)
        assert ApiToken.objects.get(pk=row.pk).last_used_at == NOW

    with time_machine.travel(NOW + dt.timedelta(minutes=59), tick=False):
        client.get(ME)
        assert ApiToken.objects.get(pk=row.pk).last_used_at == NOW

    later = NOW + dt.timedelta(hours=1, minutes=1)
    with time_machine.travel(later, tick=False):
        client.get(ME)
        assert ApiToken.objects.get(pk=row.pk).last_used_at == later


def test_token_authentication_costs_one_query_and_no_write(leader, django_assert_num_queries):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)
    client = token_client(token)
    client.get(ME)  # the first use of the hour writes last_used_at

    forced = APIClient()
    forced.force_authenticate(leader)
    with django_assert_num_queries(1) as without_token:
        forced.get(ME)
    with django_assert_num_queries(2) as with_token:
        client.get(ME)

    assert "UPDATE" not in " ".join(query["sql"] for query in with_token.captured_queries)
    assert len(with_token.captured_queries) - len(without_token.captured_queries) == 1


def test_the_first_use_in_an_hour_costs_one_update_more(leader, django_assert_num_queries):
    _row, token = api_token_create(user=leader, name="a", expires_in_days=30)

    with django_assert_num_queries(3) as first:
        token_client(token).get(ME)

    assert sum(query["sql"].startswith("UPDATE") for query in first.captured_queries) == 1


def test_a_token_is_refused_over_the_session_of_another_user(client, leader, agency_staff):
    """The token header wins: a browser session does not make a bad token pass."""
    client.force_login(agency_staff)

    response = client.get(ME, HTTP_AUTHORIZATION="Token " + "0" * 64)

    assert response.status_code == 401
    assert client.get(ME).json()["username"] == agency_staff.username


def test_tokens_long_expired_are_forgotten_and_recent_ones_kept(agency_staff):
    from accounts.services.tokens import api_tokens_delete_expired
    from accounts.tasks import api_tokens_delete_expired_task

    now = timezone.now()
    old, _plain = ApiToken.objects.create(user=agency_staff, name="cũ", expiry=dt.timedelta(days=1))
    recent, _plain = ApiToken.objects.create(
        user=agency_staff, name="mới hết hạn", expiry=dt.timedelta(days=1)
    )
    live, _plain = ApiToken.objects.create(user=agency_staff, name="còn hạn")
    ApiToken.objects.filter(pk=old.pk).update(expiry=now - dt.timedelta(days=31))
    ApiToken.objects.filter(pk=recent.pk).update(expiry=now - dt.timedelta(days=2))

    assert api_tokens_delete_expired(now=now) == 1
    assert set(ApiToken.objects.values_list("name", flat=True)) == {"mới hết hạn", "còn hạn"}
    assert api_tokens_delete_expired_task.delay().get() == 0
