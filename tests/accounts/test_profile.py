"""My profile: a user edits their own name, e-mail and phone, and the change is on record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AccountEvent
from ntm_portal.models import User
from tests.factories import UserFactory


def profile_data(user: User, **changes) -> dict:
    fields = {"first_name", "last_name", "email", "phone", "version"}
    return {name: getattr(user, name) for name in fields} | changes


@pytest.mark.django_db
def test_saving_my_profile_records_what_changed(client):
    me = UserFactory(role=User.Role.LEADER, phone="0209 111")
    client.force_login(me)

    response = client.post(reverse("accounts:profile"), profile_data(me, phone="0209 222"))

    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.phone, me.version) == ("0209 222", 2)
    event = AccountEvent.objects.get(user=me)
    assert (event.action, event.actor) == (AccountEvent.Action.PROFILE_UPDATED, me)
    assert event.changes == {"phone": ["0209 111", "0209 222"]}


@pytest.mark.django_db
def test_a_stale_profile_form_changes_nothing(client):
    me = UserFactory(role=User.Role.LEADER, phone="0209 111")
    client.force_login(me)
    User.objects.filter(pk=me.pk).update(version=5)

    response = client.post(reverse("accounts:profile"), profile_data(me, phone="0209 222"))

    assert response.status_code == 200
    assert "người khác cập nhật" in response.content.decode()
    assert User.objects.get(pk=me.pk).phone == "0209 111"
    assert not AccountEvent.objects.exists()
