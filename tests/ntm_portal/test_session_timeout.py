"""Sessions end after 30 min idle and 8 h after login however active (ASVS 7.3.1, 7.3.2)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ntm_portal.middleware import LOGIN_AT, SEEN_AT

T0 = dt.datetime(2026, 11, 16, 7, 30, tzinfo=dt.UTC)
PAGE = "/notifications/"
EXPIRED = "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."


def at(minutes: float):
    return time_machine.travel(T0 + dt.timedelta(minutes=minutes), tick=False)


def get(client, minutes: float, url: str = PAGE):
    with at(minutes):
        return client.get(url)


def assert_sent_to_login(response, url: str = PAGE):
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.fixture
def signed_in(client, leader):
    with at(0):
        client.force_login(leader)
    assert get(client, 0).status_code == 200
    return client


def test_the_defaults_are_30_minutes_idle_and_8_hours_absolute(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


@pytest.mark.django_db
def test_an_active_user_stays_signed_in(signed_in):
    for minutes in range(10, 121, 10):
        assert get(signed_in, minutes).status_code == 200, minutes


@pytest.mark.django_db
def test_29_minutes_idle_is_still_signed_in(signed_in):
    assert get(signed_in, 29).status_code == 200


@pytest.mark.django_db
def test_31_minutes_idle_logs_out_with_a_message(signed_in):
    assert_sent_to_login(get(signed_in, 31))

    with at(31):
        login_page = signed_in.get(reverse("account_login"))
    assert EXPIRED in login_page.content.decode()
    assert_sent_to_login(get(signed_in, 32))  # the session is gone, not only skipped


@pytest.mark.django_db
def test_idle_counts_from_the_last_request_not_from_login(signed_in):
    assert get(signed_in, 25).status_code == 200

    assert get(signed_in, 50).status_code == 200
    assert_sent_to_login(get(signed_in, 81))


@pytest.mark.django_db
def test_a_session_ends_8_hours_after_login_even_if_active(signed_in):
    for minutes in range(20, 8 * 60, 20):
        assert get(signed_in, minutes).status_code == 200, minutes

    assert_sent_to_login(get(signed_in, 8 * 60))


@pytest.mark.django_db
def test_the_idle_timeout_is_configurable(signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 120

    assert get(signed_in, 2).status_code == 200
    assert_sent_to_login(get(signed_in, 4.1))


@pytest.mark.django_db
def test_the_absolute_lifetime_is_configurable(signed_in, settings):
    settings.SESSION_COOKIE_AGE = 3600

    assert get(signed_in, 25).status_code == 200
    assert get(signed_in, 50).status_code == 200
    assert_sent_to_login(get(signed_in, 60))


@pytest.mark.django_db
def test_a_session_from_before_the_stamps_is_stamped_on_its_next_request(client, leader):
    client.force_login(leader)
    session = client.session
    del session[LOGIN_AT], session[SEEN_AT]
    session.save()

    assert get(client, 0).status_code == 200
    assert get(client, 29).status_code == 200
    assert_sent_to_login(get(client, 60))


@pytest.mark.django_db
def test_the_clock_starts_at_the_login_form(client, leader):
    with at(0):
        response = client.post(
            reverse("account_login"), {"login": leader.username, "password": "mat-khau-thu-nghiem"}
        )
    assert response.status_code == 302

    assert_sent_to_login(get(client, 31))


@pytest.mark.django_db
def test_the_session_is_written_at_most_once_a_minute(signed_in):
    # SessionMiddleware sends the cookie only when the session was saved.
    assert "sessionid" not in get(signed_in, 0.5).cookies
    assert "sessionid" not in get(signed_in, 0.9).cookies
    assert "sessionid" in get(signed_in, 1).cookies
    assert "sessionid" not in get(signed_in, 1.5).cookies


@pytest.mark.django_db
def test_an_idle_api_session_is_refused_not_redirected(signed_in):
    url = reverse("communes-api:commune-list")
    assert get(signed_in, 1, url).status_code == 200

    response = get(signed_in, 40, url)

    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_logging_in_again_after_expiry_starts_a_fresh_session(signed_in, leader):
    assert_sent_to_login(get(signed_in, 31))

    with at(31):
        signed_in.post(
            reverse("account_login"), {"login": leader.username, "password": "mat-khau-thu-nghiem"}
        )

    assert get(signed_in, 50).status_code == 200
