"""Signing in: the second factor the office must have, temporary passwords, and the lockout
that an attacker behind the same proxy cannot turn against the real user."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import AccountEvent
from ntm_portal.models import User
from tests.accounts.factories import current_totp_code, enrol_totp
from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem"
PROXY = "10.0.0.1"
ATTACKER = "203.0.113.9"
REAL_USER = "198.51.100.7"


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": username, "password": password}, **extra)


@pytest.fixture
def mfa_required(settings):
    settings.PORTAL_MFA_REQUIRED = True


# Second factor ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/dashboards/", "/sponsorships/activities/", "/accounts/profile/"]
)
def test_office_without_a_second_factor_reaches_no_page_but_enrolment(
    client, mfa_required, coordination_office, path
):
    client.force_login(coordination_office)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_office_without_a_second_factor_gets_403_from_the_api(
    client, mfa_required, coordination_office
):
    client.force_login(coordination_office)

    response = client.get("/api/v1/communes/")

    assert response.status_code == 403
    assert response.json()["code"] == "enrol_mfa"


@pytest.mark.django_db
def test_office_can_open_the_enrolment_page_and_sign_out(client, mfa_required, coordination_office):
    client.force_login(coordination_office)
    # allauth asks for the password again before a security change: that page is reachable.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.url.startswith(reverse("account_reauthenticate"))
    confirmed = client.post(asked.url, {"password": PASSWORD})
    assert confirmed.url == reverse("mfa_activate_totp")

    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_superuser_must_enrol_too(client, mfa_required):
    admin = UserFactory(username="root", role="", is_superuser=True, is_staff=True)
    client.force_login(admin)

    assert client.get("/dashboards/").url == reverse("mfa_activate_totp")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "agency_staff", "commune_officer"])
def test_other_roles_may_enrol_but_are_not_required_to(client, mfa_required, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get("/dashboards/").status_code == 200


@pytest.mark.django_db
def test_requirement_switched_off_lets_the_office_in(client, settings, coordination_office):
    settings.PORTAL_MFA_REQUIRED = False
    client.force_login(coordination_office)

    assert client.get("/dashboards/").status_code == 200


@pytest.mark.django_db
def test_office_with_totp_signs_in_only_with_the_code(client, mfa_required, coordination_office):
    secret = enrol_totp(coordination_office)

    response = sign_in(client, coordination_office.username)
    assert response.url == reverse("mfa_authenticate")
    # Password alone: not signed in, no page.
    assert client.get("/dashboards/").url.startswith(reverse("account_login"))

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert right.status_code == 302
    assert client.get("/dashboards/").status_code == 200


@pytest.mark.django_db
def test_the_same_code_cannot_be_used_twice(client, mfa_required, coordination_office):
    secret = enrol_totp(coordination_office)
    code = current_totp_code(secret)
    sign_in(client, coordination_office.username)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))

    sign_in(client, coordination_office.username)
    client.post(reverse("mfa_authenticate"), {"code": code})

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_totp_secret_is_encrypted_at_rest(coordination_office):
    secret = enrol_totp(coordination_office)

    stored = Authenticator.objects.get(user=coordination_office).data["secret"]

    assert secret not in stored
    assert (
        Authenticator.objects.get(user=coordination_office)
        .wrap()
        .validate_code(current_totp_code(secret))
    )


@pytest.mark.django_db
def test_office_cannot_remove_its_only_second_factor(mfa_required, coordination_office):
    from allauth.mfa.adapter import get_adapter

    enrol_totp(coordination_office)
    totp = Authenticator.objects.get(user=coordination_office, type=Authenticator.Type.TOTP)

    assert get_adapter().can_delete_authenticator(totp) is False


@pytest.mark.django_db
def test_agency_staff_may_remove_an_optional_second_factor(mfa_required, agency_staff):
    from allauth.mfa.adapter import get_adapter

    enrol_totp(agency_staff)
    totp = Authenticator.objects.get(user=agency_staff)

    assert get_adapter().can_delete_authenticator(totp) is True


# Temporary password ---------------------------------------------------------------------


@pytest.mark.django_db
def test_temporary_password_leads_every_page_to_the_password_change(client, agency_staff):
    User.objects.filter(pk=agency_staff.pk).update(must_change_password=True)
    client.force_login(agency_staff)

    assert client.get("/sponsorships/activities/").url == reverse("account_change_password")
    assert client.get("/api/v1/activities/").status_code == 403


@pytest.mark.django_db
def test_changing_the_temporary_password_frees_the_account_and_is_recorded(client, agency_staff):
    User.objects.filter(pk=agency_staff.pk).update(must_change_password=True)
    client.force_login(agency_staff)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Nong-thon-moi-2026!",
            "password2": "Nong-thon-moi-2026!",
        },
    )

    assert response.status_code == 302
    agency_staff.refresh_from_db()
    assert agency_staff.must_change_password is False
    assert agency_staff.check_password("Nong-thon-moi-2026!")
    event = AccountEvent.objects.get(user=agency_staff)
    assert (event.action, event.actor) == (AccountEvent.Action.PASSWORD_CHANGED, agency_staff)
    assert client.get("/sponsorships/activities/").status_code == 200


# Lockout behind the proxy ---------------------------------------------------------------


@pytest.fixture
def lockout_behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5


def via_proxy(address: str, claimed: str = "") -> dict:
    forwarded = f"{claimed}, {address}" if claimed else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.mark.django_db
def test_attacker_failures_do_not_lock_out_the_real_user(
    client, lockout_behind_proxy, agency_staff
):
    for _ in range(6):
        sign_in(client, agency_staff.username, "sai-mat-khau", **via_proxy(ATTACKER))
    attacker = sign_in(client, agency_staff.username, PASSWORD, **via_proxy(ATTACKER))

    real = sign_in(client, agency_staff.username, PASSWORD, **via_proxy(REAL_USER))

    assert attacker.status_code == 429
    assert real.status_code == 302
    assert real.url == reverse("home")


@pytest.mark.django_db
def test_locked_user_sees_when_to_try_again(client, lockout_behind_proxy, agency_staff):
    for _ in range(5):
        sign_in(client, agency_staff.username, "sai-mat-khau", **via_proxy(ATTACKER))

    response = sign_in(client, agency_staff.username, PASSWORD, **via_proxy(ATTACKER))

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Bạn có thể thử lại sau" in response.content.decode()
    assert AccessAttempt.objects.get().ip_address == ATTACKER


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_lock(
    client, lockout_behind_proxy, agency_staff
):
    for index in range(5):
        forged = f"192.0.2.{index}"
        sign_in(client, agency_staff.username, "sai", **via_proxy(ATTACKER, claimed=forged))

    response = sign_in(client, agency_staff.username, PASSWORD, **via_proxy(ATTACKER, "192.0.2.99"))

    assert response.status_code == 429


@pytest.mark.django_db
def test_without_the_proxy_setting_the_header_is_ignored(client, settings, agency_staff):
    settings.AXES_ENABLED = True
    settings.BEHIND_TLS_PROXY = False
    for index in range(5):
        extra = {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": f"192.0.2.{index}"}
        sign_in(client, agency_staff.username, "sai", **extra)

    response = sign_in(client, agency_staff.username, PASSWORD, REMOTE_ADDR=ATTACKER)

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
