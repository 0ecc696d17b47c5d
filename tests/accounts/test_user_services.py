"""The office's writes on accounts (accounts.services.users): create, edit, deactivate,
reactivate, unlock, temporary passwords. Every refusal leaves everything as it was."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AccountEvent, ApiToken
from accounts.services.users import (
    user_create,
    user_deactivate,
    user_profile_update,
    user_reactivate,
    user_temporary_password_set,
    user_unlock,
    user_update,
)
from ntm_portal.concurrency import ConcurrentUpdateError
from ntm_portal.models import User
from tests.accounts.factories import account_state, error_codes, invitation_link
from tests.factories import UserFactory

TEMPORARY = "Tam-thoi-2026!"
PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory


def events(user: User) -> list[str]:
    return list(
        AccountEvent.objects.filter(user=user).order_by("id").values_list("action", flat=True)
    )


# Create -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_with_invitation_mails_a_one_time_link_after_commit(
    coordination_office, agency_a, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user = user_create(
            actor=coordination_office,
            username="lan.sct",
            first_name="Trần Thị",
            last_name="Lan",
            email="lan@sct.example.gov.vn",
            role=User.Role.AGENCY_STAFF,
            agency=agency_a,
        )
    # then: nothing left before the commit, one mail after it
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lan@sct.example.gov.vn"]
    path, _uid, _token = invitation_link(mail.outbox[0])
    assert path.startswith("/accounts/invitation/")
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert user.must_change_password is False
    assert events(user) == [AccountEvent.Action.CREATED, AccountEvent.Action.INVITED]
    created = AccountEvent.objects.get(user=user, action=AccountEvent.Action.CREATED)
    assert created.actor == coordination_office
    assert created.changes["role"] == [None, User.Role.AGENCY_STAFF]
    assert created.changes["agency"] == [None, str(agency_a)]


@pytest.mark.django_db
def test_create_with_temporary_password_must_be_changed_at_first_login(
    coordination_office, commune_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_create(
            actor=coordination_office,
            username="hoa.xuanlac",
            last_name="Hoa",
            role=User.Role.COMMUNE_OFFICER,
            commune=commune_a,
            temporary_password=TEMPORARY,
        )

    user.refresh_from_db()
    assert user.check_password(TEMPORARY)
    assert user.must_change_password is True
    assert mail.outbox == []
    assert events(user) == [AccountEvent.Action.CREATED, AccountEvent.Action.TEMPORARY_PASSWORD_SET]


@pytest.mark.django_db
def test_a_weak_temporary_password_is_refused_in_vietnamese(coordination_office):
    with pytest.raises(ValidationError) as caught:
        user_create(
            actor=coordination_office,
            username="binh",
            role=User.Role.LEADER,
            temporary_password="123",
        )

    messages = caught.value.message_dict["temporary_password"]
    assert "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in messages
    assert "Mật khẩu này quá phổ biến." in messages
    assert "Mật khẩu này hoàn toàn là số." in messages
    assert not User.objects.filter(username="binh").exists()


@pytest.mark.django_db
def test_without_email_an_invitation_cannot_be_sent(coordination_office):
    state = account_state()

    with pytest.raises(ValidationError) as caught:
        user_create(actor=coordination_office, username="khong.email", role=User.Role.LEADER)

    assert caught.value.message_dict["email"]
    assert account_state() == state


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "taken", "typed"),
    [
        ("username", "lan.sct", "LAN.SCT"),
        ("email", "lan@sct.example.gov.vn", "Lan@SCT.example.gov.vn"),
    ],
)
def test_a_taken_username_or_email_is_refused_whatever_its_case(
    coordination_office, field, taken, typed
):
    UserFactory(**{field: taken})
    state = account_state()
    fields = {"username": "moi", "email": "moi@example.gov.vn", field: typed}

    with pytest.raises(ValidationError) as caught:
        user_create(actor=coordination_office, role=User.Role.LEADER, **fields)

    assert error_codes(caught.value) == [f"{field}_taken"]
    assert account_state() == state


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "missing"),
    [(User.Role.AGENCY_STAFF, "agency"), (User.Role.COMMUNE_OFFICER, "commune")],
)
def test_a_scoped_role_without_its_scope_is_refused(coordination_office, role, missing):
    state = account_state()

    with pytest.raises(ValidationError) as caught:
        user_create(actor=coordination_office, username="x", email="x@example.gov.vn", role=role)

    assert list(caught.value.message_dict) == [missing]
    assert error_codes(caught.value) == [f"{missing}_required"]
    assert account_state() == state


@pytest.mark.django_db
def test_a_role_without_a_scope_clears_the_scope_given(coordination_office, agency_a, commune_a):
    user = user_create(
        actor=coordination_office,
        username="lanh.dao",
        email="lanhdao@example.gov.vn",
        role=User.Role.LEADER,
        agency=agency_a,
        commune=commune_a,
    )

    user.refresh_from_db()
    assert (user.agency, user.commune) == (None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["is_superuser", "is_staff", "password", "is_active"])
def test_the_office_cannot_set_powers_the_form_does_not_have(coordination_office, field):
    with pytest.raises(TypeError):
        user_create(
            actor=coordination_office,
            username="sieu",
            email="sieu@example.gov.vn",
            role=User.Role.LEADER,
            **{field: True},
        )
    target = UserFactory(role=User.Role.LEADER)
    with pytest.raises(TypeError):
        user_update(
            user=target, actor=coordination_office, expected_version=target.version, **{field: True}
        )

    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(username="sieu").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["leader", "agency_staff", "commune_officer", "no_role_user"])
def test_only_the_office_creates_accounts(request, persona):
    actor = request.getfixturevalue(persona)
    state = account_state()

    with pytest.raises(PermissionDenied):
        user_create(actor=actor, username="moi", email="moi@example.gov.vn", role="leader")

    assert account_state() == state


# Edit ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_records_old_and_new_values(coordination_office, agency_a, commune_a):
    target = UserFactory(role=User.Role.AGENCY_STAFF, agency=agency_a, phone="0209 111")

    user_update(
        user=target,
        actor=coordination_office,
        expected_version=target.version,
        phone="0209 222",
        role=User.Role.COMMUNE_OFFICER,
        agency=agency_a,
        commune=commune_a,
    )

    target.refresh_from_db()
    assert (target.role, target.agency, target.commune) == ("commune_officer", None, commune_a)
    event = AccountEvent.objects.get(user=target, action=AccountEvent.Action.UPDATED)
    assert event.actor == coordination_office
    assert event.changes == {
        "phone": ["0209 111", "0209 222"],
        "role": ["agency_staff", "commune_officer"],
        "agency": [str(agency_a), None],
        "commune": [None, str(commune_a)],
    }
    assert target.version == 2


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_changes_nothing(coordination_office):
    target = UserFactory(role=User.Role.LEADER, phone="0209 111")
    read_version = target.version
    user_update(user=target, actor=coordination_office, expected_version=read_version, phone="1")
    state = account_state()

    stale = User.objects.get(pk=target.pk)

    with pytest.raises(ConcurrentUpdateError):
        user_update(user=stale, actor=coordination_office, expected_version=read_version, phone="2")

    assert account_state() == state
    assert User.objects.get(pk=target.pk).phone == "1"


@pytest.mark.django_db
def test_an_edit_writes_only_the_fields_it_edits(coordination_office):
    """A copy read before a deactivation must not bring the account back when it is saved."""
    target = UserFactory(role=User.Role.LEADER)
    read_before = User.objects.get(pk=target.pk)
    user_deactivate(user=target, actor=coordination_office)

    user_update(
        user=read_before, actor=coordination_office, expected_version=target.version, phone="9"
    )

    target.refresh_from_db()
    assert target.is_active is False
    assert target.phone == "9"


@pytest.mark.django_db
def test_the_office_edits_its_own_name_but_not_its_own_role_or_scope(coordination_office, agency_a):
    me = coordination_office
    user_update(user=me, actor=me, expected_version=me.version, phone="0912", role=me.role)
    state = account_state()

    for change in ({"role": User.Role.LEADER}, {"role": "agency_staff", "agency": agency_a}):
        with pytest.raises(PermissionDenied):
            user_update(user=me, actor=me, expected_version=me.version, **change)
    for service in (user_deactivate, user_reactivate):
        with pytest.raises(PermissionDenied):
            service(user=me, actor=me)

    assert account_state() == state
    assert User.objects.get(pk=me.pk).phone == "0912"


@pytest.mark.django_db
def test_the_office_cannot_touch_a_superuser(coordination_office):
    root = UserFactory(username="root", is_superuser=True, is_staff=True, role="")
    state = account_state()

    calls = [
        lambda: user_update(user=root, actor=coordination_office, expected_version=1, phone="1"),
        lambda: user_deactivate(user=root, actor=coordination_office),
        lambda: user_reactivate(user=root, actor=coordination_office),
        lambda: user_unlock(user=root, actor=coordination_office),
        lambda: user_temporary_password_set(
            user=root, actor=coordination_office, password=TEMPORARY
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()

    assert account_state() == state
    assert User.objects.get(pk=root.pk).check_password(PASSWORD)


# Deactivate, reactivate, unlock, temporary password -----------------------------------------


def signed_in(client, user: User) -> str:
    """A session opened through the sign-in page (allauth lists those as the user's sessions)."""
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client.session.session_key


@pytest.mark.django_db
def test_deactivating_ends_sessions_and_deletes_api_tokens(client, coordination_office):
    target = UserFactory(role=User.Role.LEADER)
    session_key = signed_in(client, target)
    ApiToken.objects.create(user=target, name="script", expiry=None)

    user_deactivate(user=target, actor=coordination_office)

    target.refresh_from_db()
    assert target.is_active is False
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not ApiToken.objects.filter(user=target).exists()
    assert events(target) == [AccountEvent.Action.DEACTIVATED]
    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_deactivating_twice_records_once_and_reactivating_restores(coordination_office):
    target = UserFactory(role=User.Role.LEADER)

    user_deactivate(user=target, actor=coordination_office)
    user_deactivate(user=target, actor=coordination_office)
    user_reactivate(user=target, actor=coordination_office)

    assert User.objects.get(pk=target.pk).is_active is True
    assert events(target) == [AccountEvent.Action.DEACTIVATED, AccountEvent.Action.REACTIVATED]


@pytest.mark.django_db
def test_unlocking_clears_the_lockout_from_every_address(coordination_office):
    target = UserFactory(username="khoa", role=User.Role.LEADER)
    other = UserFactory(username="khac", role=User.Role.LEADER)
    for username, address in (("khoa", "10.0.0.1"), ("khoa", "10.0.0.2"), ("khac", "10.0.0.1")):
        AccessAttempt.objects.create(
            username=username,
            ip_address=address,
            user_agent="test",
            failures_since_start=5,
        )

    cleared = user_unlock(user=target, actor=coordination_office)

    assert cleared == 2
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [other.username]
    assert events(target) == [AccountEvent.Action.UNLOCKED]


@pytest.mark.django_db
def test_unlocking_an_account_that_is_not_locked_records_nothing(coordination_office):
    target = UserFactory(role=User.Role.LEADER)

    assert user_unlock(user=target, actor=coordination_office) == 0
    assert events(target) == []


@pytest.mark.django_db
def test_a_temporary_password_ends_sessions_and_must_be_changed(client, coordination_office):
    target = UserFactory(role=User.Role.LEADER)
    session_key = signed_in(client, target)
    ApiToken.objects.create(user=target, name="script")

    user_temporary_password_set(user=target, actor=coordination_office, password=TEMPORARY)

    target.refresh_from_db()
    assert target.check_password(TEMPORARY)
    assert target.must_change_password is True
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not ApiToken.objects.filter(user=target).exists()
    assert events(target) == [AccountEvent.Action.TEMPORARY_PASSWORD_SET]


@pytest.mark.django_db
def test_an_account_without_a_role_keeps_its_own_profile_editable():
    admin = UserFactory(username="root", role="", is_superuser=True, phone="")

    user_profile_update(user=admin, expected_version=admin.version, phone="0209 3870 000")

    admin.refresh_from_db()
    assert admin.phone == "0209 3870 000"
