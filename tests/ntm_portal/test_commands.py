"""Who a management command acts as: the named active user, or the first superuser."""

import pytest
from django.core.management.base import CommandError

from ntm_portal.commands import acting_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_named_active_user_is_the_one_acting():
    UserFactory(username="admin2", is_superuser=True)
    named = UserFactory(username="vpdp")
    assert acting_user("vpdp") == named


def test_a_named_user_who_is_inactive_or_absent_is_refused_by_name():
    UserFactory(username="old", is_active=False)
    for name in ("old", "nobody"):
        with pytest.raises(CommandError, match=f"“{name}”"):
            acting_user(name)


def test_without_a_name_the_first_active_superuser_acts():
    UserFactory(username="gone", is_superuser=True, is_active=False)
    first = UserFactory(username="root1", is_superuser=True)
    UserFactory(username="root2", is_superuser=True)
    assert acting_user(None) == first


def test_without_a_name_or_a_superuser_the_option_to_use_is_named():
    UserFactory(username="staff")
    with pytest.raises(CommandError, match="--actor"):
        acting_user(None, option="--actor")
