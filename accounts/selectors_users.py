"""Reads for the office's user management (the users API; the pages should share them).

Kept apart from accounts/selectors.py while the user pages are built in parallel: the two
modules' ``user_list`` / ``user_get`` are meant to become one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.permissions import can_manage_users
from accounts.selectors import locked_exists, second_factor_exists
from ntm_portal.models import User
from ntm_portal.permissions import PortalUser


def user_list(*, user: PortalUser) -> QuerySet[User]:
    """Every account for the coordination office, with what a list shows (scope names, second
    factor, lockout) in the same query; nothing for anyone else."""
    if not can_manage_users(user):
        return User.objects.none()
    return (
        User.objects.select_related("agency", "commune")
        .annotate(has_second_factor=second_factor_exists(), is_locked=locked_exists())
        .order_by("username", "pk")
    )


def user_get(*, user: PortalUser, pk: int | str) -> User:
    """One account from user_list (404 outside it)."""
    return get_object_or_404(user_list(user=user), pk=pk)


def me_get(*, user: User) -> User:
    """The signed-in user's own account, with the same annotations as the list."""
    return (
        User.objects.select_related("agency", "commune")
        .annotate(has_second_factor=second_factor_exists(), is_locked=locked_exists())
        .get(pk=user.pk)
    )
