"""Who may use the user management pages: every route, GET and POST, every persona.

Only the coordination office manages users. Others get 403 on the office's pages and 404 on
an account's page (they may not know which accounts exist); an account without a role gets
403, a signed-out visitor the login page. A refusal changes nothing: no account, no trail
entry, no e-mail, no lockout cleared, nothing queued for after the commit.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ntm_portal.models import User
from tests.accounts.factories import account_state, csv_bytes
from tests.conftest import ROLES
from tests.factories import UserFactory

OTHERS = [
    role for role in ROLES if role not in ("anonymous", "no_role_user", "coordination_office")
]
TEMPORARY = "Tam-thoi-2026!"

# (url name, takes the account's pk, methods it answers)
ROUTES = [
    ("user_list", False, ["GET"]),
    ("user_create", False, ["GET", "POST"]),
    ("user_import", False, ["GET", "POST"]),
    ("user_import_apply", False, ["POST"]),
    ("user_import_template", False, ["GET"]),
    ("user_detail", True, ["GET"]),
    ("user_update", True, ["GET", "POST"]),
    ("user_deactivate", True, ["GET", "POST"]),
    ("user_reactivate", True, ["GET", "POST"]),
    ("user_temporary_password", True, ["GET", "POST"]),
    ("user_password_reset", True, ["POST"]),
    ("user_invitation", True, ["POST"]),
    ("user_unlock", True, ["POST"]),
]
CASES = [(name, takes_pk, method) for name, takes_pk, methods in ROUTES for method in methods]
OFFICE_ANSWERS = {"GET": 200, "POST": 302}
OFFICE_POST_PAGES = {"user_import": 200}  # the check page: nothing written yet


@pytest.fixture
def target(db):
    """An account every action can act on: invited but on a temporary password, locked."""
    account = UserFactory(
        username="target", role=User.Role.LEADER, email="t@example.gov.vn", phone="1"
    )
    account.must_change_password = True
    account.save()
    AccessAttempt.objects.create(
        username="target",
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    return account


def url_of(name: str, takes_pk: bool, account: User) -> str:
    return reverse(f"accounts:{name}", args=[account.pk] if takes_pk else [])


def post_data(name: str, account: User) -> dict:
    if name == "user_create":
        return {
            "username": "moi",
            "last_name": "Mới",
            "role": "leader",
            "email": "moi@example.gov.vn",
            "onboarding": "invite",
        }
    if name == "user_update":
        return {"username": "target", "last_name": "Đổi", "role": "leader", "version": 1}
    if name == "user_temporary_password":
        return {"password": TEMPORARY}
    if name == "user_import":
        rows = [("An", "an@example.gov.vn", "", "leader", "", "", "")]
        return {"file": SimpleUploadedFile("ds.csv", csv_bytes(rows))}
    return {}


def state_of(account: User) -> dict:
    return {
        **account_state(),
        "attempts": AccessAttempt.objects.count(),
        "target": User.objects.filter(pk=account.pk).values().get(),
    }


def request(client, method: str, url: str, data: dict):
    return client.get(url) if method == "GET" else client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "no_role_user", *OTHERS])
@pytest.mark.parametrize(("name", "takes_pk", "method"), CASES)
def test_nobody_but_the_office_manages_users_and_a_refusal_changes_nothing(
    as_role, target, persona, name, takes_pk, method, django_capture_on_commit_callbacks
):
    client, _user = as_role(persona)
    url = url_of(name, takes_pk, target)
    before = state_of(target)

    with django_capture_on_commit_callbacks() as callbacks:
        response = request(client, method, url, post_data(name, target))

    if persona == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif persona == "no_role_user" or not takes_pk:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert state_of(target) == before
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "takes_pk", "method"), CASES)
def test_the_office_uses_every_route(as_role, target, name, takes_pk, method):
    client, _office = as_role("coordination_office")
    if name == "user_reactivate":
        User.objects.filter(pk=target.pk).update(is_active=False)

    response = request(client, method, url_of(name, takes_pk, target), post_data(name, target))

    expected = OFFICE_POST_PAGES.get(name, 302) if method == "POST" else 200
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method"),
    [
        *((name, "POST") for name, _pk, methods in ROUTES if methods == ["GET"]),
        *((name, "GET") for name, _pk, methods in ROUTES if methods == ["POST"]),
    ],
)
def test_a_route_answers_only_its_methods(as_role, target, name, method):
    client, _office = as_role("coordination_office")
    takes_pk = dict((n, pk) for n, pk, _m in ROUTES)[name]
    before = state_of(target)

    response = request(client, method, url_of(name, takes_pk, target), {})

    assert response.status_code == 405
    assert state_of(target) == before


# The office itself is held back on superusers and on its own access ------------------------

SUPERUSER_REFUSED = [
    (name, method)
    for name, takes_pk, methods in ROUTES
    if takes_pk and name != "user_detail"
    for method in methods
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), SUPERUSER_REFUSED)
def test_the_office_cannot_change_a_superuser(
    as_role, name, method, django_capture_on_commit_callbacks
):
    root = UserFactory(username="root", is_superuser=True, is_staff=True, role="")
    client, _office = as_role("coordination_office")
    before = state_of(root)

    with django_capture_on_commit_callbacks() as callbacks:
        response = request(client, method, url_of(name, True, root), post_data(name, root))

    assert response.status_code == 403
    assert state_of(root) == before
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["user_deactivate", "user_reactivate"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_office_cannot_change_its_own_active_state(as_role, name, method):
    client, office = as_role("coordination_office")
    before = state_of(office)

    response = request(client, method, url_of(name, True, office), {})

    assert response.status_code == 403
    assert state_of(office) == before
