"""POST /api/v1/auth/token/: every branch (wrong password, inactive, second factor missing,
wrong or right, temporary password, enrolment still due), the lockout behind the proxy that an
attacker elsewhere cannot turn against the real user, and the per-address throttle."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from axes.models import AccessAttempt
from django.urls import reverse
from knox.crypto import hash_token
from rest_framework.test import APIClient

from accounts.models import AccountEvent, ApiToken
from ntm_portal.models import User
from tests.accounts.factories import current_totp_code, enrol_totp
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
PROXY = "10.0.0.1"
ATTACKER = "203.0.113.9"
REAL_USER = "198.51.100.7"
PATH = "/api/v1/auth/token/"
NOW = dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC)


def url() -> str:
    return reverse("accounts-api:token-obtain")


def obtain(user: User | str, password: str = PASSWORD, client=None, extra=None, **body):
    username = user if isinstance(user, str) else user.username
    client = client or APIClient()
    payload = {"username": username, "password": password, **body}
    return client.post(url(), payload, format="json", **(extra or {}))


def assert_refused(response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.content
    if status == 401:
        assert response["WWW-Authenticate"] == "Token"
    if code:
        assert response.json()["code"] == code
    assert not ApiToken.objects.exists()
    assert not AccountEvent.objects.filter(action=AccountEvent.Action.TOKEN_CREATED).exists()
    assert_documented(response, PATH)


# Success --------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_right_credentials_give_a_token_that_works(agency_staff):
    response = obtain(agency_staff, name="Báo cáo tự động", expires_in_days=30)

    assert response.status_code == 201, response.content
    body = response.json()
    row = ApiToken.objects.get(user=agency_staff)
    assert body["name"] == row.name == "Báo cáo tự động"
    assert hash_token(body["token"]) == row.digest
    assert body["key"] == row.token_key == body["token"][:15]
    assert row.expiry == NOW + dt.timedelta(days=30)
    assert response["Cache-Control"] == "no-store"
    assert_documented(response, PATH)
    me = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert me.json()["username"] == agency_staff.username


@time_machine.travel(NOW, tick=False)
def test_name_and_expiry_have_defaults(agency_staff):
    response = obtain(agency_staff)

    row = ApiToken.objects.get(user=agency_staff)
    assert response.status_code == 201
    assert row.name == "Lấy qua API lúc 05/10/2026 09:00:00"  # province time
    assert row.expiry == NOW + dt.timedelta(days=90)  # API_TOKEN_DEFAULT_DAYS


def test_a_name_already_used_is_a_400_naming_the_field(agency_staff):
    obtain(agency_staff, name="Sao lưu")

    response = obtain(agency_staff, name="Sao lưu")

    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"username": "a"},  # no password
        {"username": "a", "password": 5},
        {"username": "a", "password": "b", "expires_in_days": 0},
        {"username": "a", "password": "b", "expires_in_days": 366},
        {"username": "a", "password": "b", "expires_in_days": "30"},
        {"username": "a", "password": "b", "name": ""},
    ],
)
def test_malformed_bodies_are_a_400(db, body):
    response = APIClient().post(url(), body, format="json")

    assert response.status_code == 400
    assert not AccessAttempt.objects.exists()


# Refusals -------------------------------------------------------------------------------


def test_wrong_password_is_a_401_with_the_challenge(agency_staff):
    response = obtain(agency_staff, "sai-mat-khau")

    assert_refused(response, 401)
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}


def test_unknown_username_reads_like_a_wrong_password(db):
    response = obtain("khong-co-ai")

    assert_refused(response, 401)
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}


def test_an_inactive_account_is_a_401_that_says_no_more(agency_staff):
    User.objects.filter(pk=agency_staff.pk).update(is_active=False)

    response = obtain(agency_staff)

    assert_refused(response, 401)
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}


def test_a_temporary_password_must_be_changed_in_the_portal_first(agency_staff):
    User.objects.filter(pk=agency_staff.pk).update(must_change_password=True)

    response = obtain(agency_staff)

    assert_refused(response, 403, "change_password")
    assert "mật khẩu tạm" in response.json()["detail"]


def test_a_role_that_requires_a_second_factor_must_enrol_first(settings, coordination_office):
    settings.PORTAL_MFA_REQUIRED = True

    response = obtain(coordination_office)

    assert_refused(response, 403, "enrol_mfa")
    assert "cài đặt ứng dụng xác thực" in response.json()["detail"]


def test_enrolment_not_due_when_the_requirement_is_off(settings, coordination_office):
    settings.PORTAL_MFA_REQUIRED = False

    assert obtain(coordination_office).status_code == 201


# Second factor --------------------------------------------------------------------------


def test_an_account_with_a_second_factor_must_send_the_code(agency_staff):
    enrol_totp(agency_staff)

    response = obtain(agency_staff)

    assert_refused(response, 401, "mfa_required")


def test_a_wrong_code_is_a_401(agency_staff):
    enrol_totp(agency_staff)

    response = obtain(agency_staff, code="000000")

    assert_refused(response, 401, "mfa_invalid")
    assert response.json()["detail"] == "Mã xác thực không đúng."


def test_a_wrong_password_is_refused_before_the_code_is_looked_at(agency_staff):
    secret = enrol_totp(agency_staff)

    response = obtain(agency_staff, "sai-mat-khau", code=current_totp_code(secret))

    assert_refused(response, 401)
    assert "code" not in response.json()


def test_the_current_totp_code_gives_a_token_and_records_its_use(settings, coordination_office):
    settings.PORTAL_MFA_REQUIRED = True
    secret = enrol_totp(coordination_office)

    response = obtain(coordination_office, code=current_totp_code(secret))

    assert response.status_code == 201, response.content
    totp = Authenticator.objects.get(user=coordination_office, type=Authenticator.Type.TOTP)
    assert totp.last_used_at is not None


def test_a_totp_code_cannot_be_used_twice(agency_staff):
    secret = enrol_totp(agency_staff)
    code = current_totp_code(secret)
    assert obtain(agency_staff, code=code, name="a").status_code == 201

    response = obtain(agency_staff, code=code, name="b")

    assert response.status_code == 401
    assert ApiToken.objects.count() == 1


def test_a_recovery_code_works_once(agency_staff):
    enrol_totp(agency_staff)
    code = RecoveryCodes.activate(agency_staff).generate_codes()[0]

    first = obtain(agency_staff, code=code, name="a")
    again = obtain(agency_staff, code=code, name="b")

    assert first.status_code == 201, first.content
    assert again.status_code == 401
    assert again.json()["code"] == "mfa_invalid"


def test_wrong_codes_count_against_allauths_rate_limit(settings, agency_staff):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    secret = enrol_totp(agency_staff)
    for _ in range(3):
        assert obtain(agency_staff, code="000000").status_code == 401

    response = obtain(agency_staff, code=current_totp_code(secret))

    assert_refused(response, 429, "too_many_attempts")
    assert int(response["Retry-After"]) > 0


# Lockout behind the proxy ---------------------------------------------------------------


@pytest.fixture
def lockout_behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5


def via_proxy(address: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def test_attacker_failures_do_not_lock_out_the_real_user(lockout_behind_proxy, agency_staff):
    failures = [obtain(agency_staff, "sai", extra=via_proxy(ATTACKER)) for _ in range(5)]
    attacker = obtain(agency_staff, extra=via_proxy(ATTACKER))

    real = obtain(agency_staff, extra=via_proxy(REAL_USER))

    assert [r.status_code for r in failures] == [401, 401, 401, 401, 429]
    assert attacker.status_code == 429
    assert real.status_code == 201, real.content
    assert list(ApiToken.objects.values_list("user", flat=True)) == [agency_staff.pk]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_locked_user_is_told_when_to_try_again_in_json(lockout_behind_proxy, agency_staff):
    for _ in range(5):
        obtain(agency_staff, "sai", extra=via_proxy(ATTACKER))

    response = obtain(agency_staff, extra=via_proxy(ATTACKER))

    assert_refused(response, 429, "locked")
    assert response["Content-Type"] == "application/json"
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert "Bạn có thể thử lại sau" in response.json()["detail"]
    assert response.json()["locked_until"]


def test_the_page_and_the_endpoint_share_one_lockout(lockout_behind_proxy, client, agency_staff):
    for _ in range(5):
        client.post(
            reverse("account_login"),
            {"login": agency_staff.username, "password": "sai"},
            **via_proxy(ATTACKER),
        )

    assert obtain(agency_staff, extra=via_proxy(ATTACKER)).status_code == 429
    assert obtain(agency_staff, extra=via_proxy(REAL_USER)).status_code == 201


def test_a_success_clears_the_failures_of_that_address(lockout_behind_proxy, agency_staff):
    for _ in range(4):
        obtain(agency_staff, "sai", extra=via_proxy(REAL_USER))

    assert obtain(agency_staff, extra=via_proxy(REAL_USER), name="a").status_code == 201
    assert obtain(agency_staff, "sai", extra=via_proxy(REAL_USER)).status_code == 401

    assert obtain(agency_staff, extra=via_proxy(REAL_USER), name="b").status_code == 201


# Throttle -------------------------------------------------------------------------------


@pytest.fixture
def throttled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_token_obtain": "3/minute"},
    }
    settings.BEHIND_TLS_PROXY = True


def test_requests_are_throttled_per_client_address(throttled, agency_staff):
    for _ in range(3):
        obtain(agency_staff, "sai", extra=via_proxy(ATTACKER))

    blocked = obtain(agency_staff, extra=via_proxy(ATTACKER))

    assert_refused(blocked, 429)
    assert int(blocked["Retry-After"]) > 0
    assert obtain(agency_staff, extra=via_proxy(REAL_USER)).status_code == 201


def test_the_endpoint_is_public_and_takes_only_post(db):
    response = APIClient().get(url())

    assert response.status_code == 405


def test_the_endpoint_costs_a_bounded_number_of_queries(
    settings, agency_staff, django_assert_max_num_queries
):
    # The user, the second-factor look-up, the user-row lock, the name and limit checks, the
    # insert, the event. The lockout adds its own reads and writes (20 with AXES_ENABLED).
    with django_assert_max_num_queries(9):
        assert obtain(agency_staff).status_code == 201
    with django_assert_max_num_queries(1):
        assert obtain(agency_staff, "sai").status_code == 401
