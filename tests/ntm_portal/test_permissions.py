import pytest

from ntm_portal import permissions
from ntm_portal.models import User
from tests.factories import UserFactory

PREDICATES = {
    "coordination_office": permissions.is_coordination_office,
    "agency_staff": permissions.is_agency_staff,
    "commune_officer": permissions.is_commune_officer,
    "leader": permissions.is_leader,
}


@pytest.mark.parametrize(
    ("persona", "expected_role"),
    [
        ("coordination_office", "coordination_office"),
        ("agency_staff", "agency_staff"),
        ("commune_officer", "commune_officer"),
        ("leader", "leader"),
        ("no_role_user", None),
    ],
)
def test_each_persona_has_exactly_its_role(request, persona, expected_role):
    user = request.getfixturevalue(persona)

    assert permissions.role_of(user) == expected_role
    for role, predicate in PREDICATES.items():
        assert predicate(user) is (role == expected_role)


def test_anonymous_user_has_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert permissions.role_of(AnonymousUser()) is None
    assert not permissions.has_portal_role(AnonymousUser())


@pytest.mark.django_db
def test_inactive_user_has_no_role():
    user = UserFactory(role=User.Role.COORDINATION_OFFICE, is_active=False)

    assert permissions.role_of(user) is None
    assert not permissions.is_coordination_office(user)


@pytest.mark.django_db
def test_superuser_acts_as_coordination_office():
    user = UserFactory(role="", is_superuser=True)

    assert permissions.is_coordination_office(user)


@pytest.mark.django_db
def test_commune_officer_without_commune_cannot_be_saved():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        UserFactory(role=User.Role.COMMUNE_OFFICER, commune=None)
