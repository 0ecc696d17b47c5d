"""Personas (one fixture per role), API clients, and service availability for CI.

Personas: coordination_office, leader, commune_officer (commune A), other_commune_officer
(commune B), agency_staff (agency A, which helps commune A), other_agency_staff (agency B,
which helps commune B), no_role_user (an account without a role), and anonymous.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from rest_framework.test import APIClient

from ntm_portal.models import User
from tests.communes.factories import CommuneFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory

IN_CI = os.environ.get("CI", "").lower() == "true"

ROLES = [
    "anonymous",
    "no_role_user",
    "leader",
    "coordination_office",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
]


def require(available: bool, what: str) -> None:
    """Skip on a laptop without the service; fail in CI, where it must be there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} not available")


def redis_available() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def browser_available() -> bool:
    return shutil.which("chromium") is not None or os.path.exists("/usr/bin/chromium")


SHIPPED_SET_CODES = ("ntm-xa-2026-2030",)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tests build their own sets with the factories, dated as each test needs; the 2026–2030
    skeleton the migrations ship would otherwise be the set in force on every date after
    15/02/2026. Tests about the shipped set load it with ``shipped_2026_2030``."""
    from criteria.models import CriteriaSet

    with django_db_blocker.unblock():
        CriteriaSet.objects.filter(code__in=SHIPPED_SET_CODES).delete()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: tests roll their data back, so one test's data
    version can name another test's different data (ntm_portal/versions.py)."""
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def shipped_2026_2030(db):
    """The 2026–2030 set as the migration ships it (10 criteria, no indicators yet)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("criteria.migrations.0011_load_2026_2030_skeleton")
    migration.load_skeleton(apps, None)
    from criteria.models import CriteriaSet

    return CriteriaSet.objects.get(code=SHIPPED_SET_CODES[0])


@pytest.fixture
def needs_postgres():
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")


@pytest.fixture
def needs_redis():
    require(redis_available(), "Redis (REDIS_URL)")


@pytest.fixture
def commune_a(db):
    return CommuneFactory(name="Xuân Lạc", code="90001")


@pytest.fixture
def commune_b(db):
    return CommuneFactory(name="Trung Hòa", code="90002")


@pytest.fixture
def agency_a(db):
    return AgencyFactory(name="Sở Công Thương", short_name="SCT")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(name="Ban Dân vận Tỉnh ủy", short_name="BDV")


@pytest.fixture
def assignment_a(agency_a, commune_a):
    return AssignmentFactory(agency=agency_a, commune=commune_a)


@pytest.fixture
def assignment_b(agency_b, commune_b):
    return AssignmentFactory(agency=agency_b, commune=commune_b)


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="norole", role="")


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", role=User.Role.LEADER)


@pytest.fixture
def coordination_office(db):
    return UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)


@pytest.fixture
def commune_officer(commune_a):
    return UserFactory(username="officer_a", role=User.Role.COMMUNE_OFFICER, commune=commune_a)


@pytest.fixture
def other_commune_officer(commune_b):
    return UserFactory(username="officer_b", role=User.Role.COMMUNE_OFFICER, commune=commune_b)


@pytest.fixture
def agency_staff(agency_a, assignment_a):
    return UserFactory(username="staff_a", role=User.Role.AGENCY_STAFF, agency=agency_a)


@pytest.fixture
def other_agency_staff(agency_b, assignment_b):
    return UserFactory(username="staff_b", role=User.Role.AGENCY_STAFF, agency=agency_b)


@pytest.fixture
def as_role(request, client):
    """Log the Django test client in as a persona by name; returns (client, user)."""

    def login(role: str):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return client, user

    return login


@pytest.fixture
def api_as(request):
    """An APIClient authenticated as a persona by name; returns (client, user)."""

    def make(role: str):
        user = request.getfixturevalue(role)
        api = APIClient()
        if user is not None:
            api.force_authenticate(user)
        return api, user

    return make
