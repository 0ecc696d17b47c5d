"""Invitation links (one time, expiring) and the page where an invited person sets a password;
the office's password-reset e-mail."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AccountEvent
from accounts.services.invitations import (
    invitation_accept,
    invitation_send,
    invitation_user,
    user_password_reset_send,
)
from accounts.services.users import user_create, user_deactivate, user_reactivate
from ntm_portal.models import User
from tests.accounts.factories import account_state, error_codes, invitation_link
from tests.factories import UserFactory

NEW_PASSWORD = "Mat-khau-moi-2026!"
START = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)


@pytest.fixture
def invited(coordination_office, django_capture_on_commit_callbacks):
    """A leader invited at START: (user, link path, uidb64, token)."""
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        user = user_create(
            actor=coordination_office,
            username="moi.vao",
            last_name="Minh",
            email="minh@example.gov.vn",
            role=User.Role.LEADER,
        )
    return (user, *invitation_link(mail.outbox[-1]))


def accepts(uid: str, token: str) -> bool:
    return invitation_user(uidb64=uid, token=token) is not None


# The link -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_link_expires_after_the_invitation_days(settings, invited):
    _user, _path, uid, token = invited
    days = settings.ACCOUNT_INVITATION_DAYS

    with time_machine.travel(START + dt.timedelta(days=days, minutes=-1), tick=False):
        assert accepts(uid, token)
    with time_machine.travel(START + dt.timedelta(days=days, minutes=1), tick=False):
        assert not accepts(uid, token)
        with pytest.raises(ValidationError) as caught:
            invitation_accept(uidb64=uid, token=token, password=NEW_PASSWORD)
    assert caught.value.code == "invalid_invitation"


@pytest.mark.django_db
def test_the_link_works_once(invited):
    user, _path, uid, token = invited

    invitation_accept(uidb64=uid, token=token, password=NEW_PASSWORD)

    assert authenticate(username=user.username, password=NEW_PASSWORD) == user
    with pytest.raises(ValidationError):
        invitation_accept(uidb64=uid, token=token, password="Mot-mat-khau-khac-9")
    assert authenticate(username=user.username, password=NEW_PASSWORD) == user
    actions = AccountEvent.objects.filter(user=user).values_list("action", flat=True)
    assert AccountEvent.Action.INVITATION_ACCEPTED in actions


@pytest.mark.django_db
def test_a_newer_invitation_kills_the_earlier_link(coordination_office, invited):
    user, _path, uid, token = invited

    invitation_send(user=user, actor=coordination_office)

    assert not accepts(uid, token)


@pytest.mark.django_db
def test_a_deactivated_account_cannot_use_its_link_even_after_reactivation(
    coordination_office, invited
):
    user, _path, uid, token = invited

    user_deactivate(user=user, actor=coordination_office)
    assert not accepts(uid, token)
    user_reactivate(user=user, actor=coordination_office)

    assert not accepts(uid, token)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("uid", "token"),
    [("MQ", "nonsense"), ("!!", "abc-def"), ("OTk5OTk", "c1a2b3-0123456789abcdef")],
)
def test_a_forged_link_is_refused(invited, uid, token):
    assert not accepts(uid, token)


# Sending ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target_kwargs", "code"),
    [
        ({"email": ""}, "no_email"),
        ({"is_active": False}, "inactive"),
        ({}, "already_accepted"),  # the factory's account has set its own password
    ],
)
def test_an_invitation_is_refused_when_it_cannot_help(coordination_office, target_kwargs, code):
    target = UserFactory(role=User.Role.LEADER, **target_kwargs)
    state = account_state()

    with pytest.raises(ValidationError) as caught:
        invitation_send(user=target, actor=coordination_office)

    assert error_codes(caught.value) == [code]
    assert account_state() == state


@pytest.mark.django_db
def test_an_account_on_a_temporary_password_can_be_invited_instead(
    coordination_office, django_capture_on_commit_callbacks
):
    target = UserFactory(role=User.Role.LEADER, must_change_password=True)

    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=target, actor=coordination_office)

    target.refresh_from_db()
    assert not target.has_usable_password()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["leader", "agency_staff", "commune_officer"])
def test_only_the_office_sends_invitations_and_resets(request, persona):
    actor = request.getfixturevalue(persona)
    target = UserFactory(role=User.Role.LEADER, must_change_password=True)
    state = account_state()

    for service in (invitation_send, user_password_reset_send):
        with pytest.raises(PermissionDenied):
            service(user=target, actor=actor)

    assert account_state() == state


@pytest.mark.django_db
def test_a_mail_server_failure_does_not_undo_the_account(
    settings, coordination_office, django_capture_on_commit_callbacks
):
    """The account is committed; the office resends the invitation once the server is back."""
    settings.EMAIL_BACKEND = "tests.accounts.factories.FailingEmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        user = user_create(
            actor=coordination_office,
            username="thu.loi",
            email="thuloi@example.gov.vn",
            role=User.Role.LEADER,
        )

    assert User.objects.filter(pk=user.pk, is_active=True).exists()


@pytest.mark.django_db
def test_the_office_sends_a_password_reset_link(
    coordination_office, django_capture_on_commit_callbacks
):
    target = UserFactory(role=User.Role.LEADER, email="lan@example.gov.vn")

    with django_capture_on_commit_callbacks(execute=True):
        user_password_reset_send(user=target, actor=coordination_office)

    assert mail.outbox[0].to == ["lan@example.gov.vn"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    event = AccountEvent.objects.get(user=target)
    assert (event.action, event.actor) == (
        AccountEvent.Action.PASSWORD_RESET_SENT,
        coordination_office,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target_kwargs", "code"), [({"email": ""}, "no_email"), ({"is_active": False}, "inactive")]
)
def test_a_password_reset_is_refused_when_it_cannot_help(coordination_office, target_kwargs, code):
    target = UserFactory(role=User.Role.LEADER, **target_kwargs)
    state = account_state()

    with pytest.raises(ValidationError) as caught:
        user_password_reset_send(user=target, actor=coordination_office)

    assert error_codes(caught.value) == [code]
    assert account_state() == state


# The page -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_invitation_page_shows_the_form(client, invited):
    user, path, _uid, _token = invited

    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert user.username in page
    assert 'name="new_password1"' in page
    assert 'name="new_password2"' in page


@pytest.mark.django_db
def test_a_bad_link_gets_the_400_page(client, invited):
    _user, path, _uid, token = invited

    response = client.get(path.replace(token, "1-deadbeef"))

    assert response.status_code == 400
    assert "Liên kết không dùng được" in response.content.decode()


@pytest.mark.django_db
def test_setting_the_password_leads_to_the_login(client, invited):
    user, path, _uid, _token = invited

    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_login")
    assert authenticate(username=user.username, password=NEW_PASSWORD) == user
    assert client.get(path).status_code == 400


@pytest.mark.django_db
def test_mismatched_or_weak_passwords_are_shown_and_nothing_is_set(client, invited):
    user, path, _uid, _token = invited

    response = client.post(path, {"new_password1": "123", "new_password2": "123"})

    assert response.status_code == 200
    assert "Mật khẩu quá ngắn" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert client.get(path).status_code == 200  # the link still works after a refused try


@pytest.mark.django_db
def test_a_queued_invitation_is_not_sent_once_the_account_moved_on(
    coordination_office, django_capture_on_commit_callbacks
):
    """The worker may run late: an account that set its password or was deactivated
    meanwhile gets no invitation."""
    from accounts.tasks import invitation_email_send_task

    with django_capture_on_commit_callbacks(execute=False):
        accepted = user_create(
            actor=coordination_office, username="a", email="a@example.gov.vn", role="leader"
        )
        left = user_create(
            actor=coordination_office, username="b", email="b@example.gov.vn", role="leader"
        )
    accepted.set_password(NEW_PASSWORD)
    accepted.save()
    user_deactivate(user=left, actor=coordination_office)

    sent = [
        invitation_email_send_task(user.pk, coordination_office.pk) for user in (accepted, left)
    ]

    assert sent == [False, False]
    assert mail.outbox == []
