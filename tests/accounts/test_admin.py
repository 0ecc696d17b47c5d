"""Users in /admin/ for superusers: listed and editable, never deleted; the trail is read-only."""

import pytest
from django.urls import reverse

from accounts.models import AccountEvent
from tests.factories import UserFactory


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", role="", is_superuser=True, is_staff=True))
    return client


@pytest.mark.django_db
def test_superuser_sees_users_in_the_admin(superuser_client, agency_staff):
    page = superuser_client.get(reverse("admin:ntm_portal_user_changelist"))

    assert page.status_code == 200
    assert agency_staff.username in page.content.decode()
    change = superuser_client.get(reverse("admin:ntm_portal_user_change", args=[agency_staff.pk]))
    assert change.status_code == 200


@pytest.mark.django_db
def test_users_cannot_be_deleted_from_the_admin(superuser_client, agency_staff):
    response = superuser_client.post(
        reverse("admin:ntm_portal_user_delete", args=[agency_staff.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert type(agency_staff).objects.filter(pk=agency_staff.pk).exists()


@pytest.mark.django_db
def test_the_account_trail_is_read_only_in_the_admin(superuser_client, agency_staff):
    event = AccountEvent.objects.create(user=agency_staff, action=AccountEvent.Action.CREATED)

    response = superuser_client.post(
        reverse("admin:accounts_accountevent_change", args=[event.pk]), {"action": "unlocked"}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == AccountEvent.Action.CREATED
