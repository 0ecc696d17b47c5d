"""Roles, defined once and used by every view, endpoint, task and export.

The role table (design.md):
  coordination office  sees everything, writes reference data, assignments, reviews
  agency staff         sees everything public + own agency's drafts; writes own agency's data
  commune officer      sees everything public + own commune's drafts; writes own commune's
                       self-assessments
  leader               sees everything, writes nothing
Object scoping (which rows) lives in each app's selectors; these are the role predicates.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework import permissions

from ntm_portal.models import User

Role = User.Role

PortalUser = User | AnonymousUser


def role_of(user: PortalUser) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.COORDINATION_OFFICE
    return user.role or None


def is_coordination_office(user: PortalUser) -> bool:
    return role_of(user) == Role.COORDINATION_OFFICE


def is_agency_staff(user: PortalUser) -> bool:
    return role_of(user) == Role.AGENCY_STAFF and user.agency_id is not None


def is_commune_officer(user: PortalUser) -> bool:
    return role_of(user) == Role.COMMUNE_OFFICER and user.commune_id is not None


def is_leader(user: PortalUser) -> bool:
    return role_of(user) == Role.LEADER


def has_portal_role(user: PortalUser) -> bool:
    return role_of(user) is not None


def content_scope(user: PortalUser) -> tuple[str | None, int | None, int | None]:
    """What may make one user's view of shared data differ from another's: the role, and the
    agency or commune the role is tied to. Users with the same scope may share a cached page."""
    return (
        role_of(user),
        user.agency_id if is_agency_staff(user) else None,
        user.commune_id if is_commune_officer(user) else None,
    )


class PredicatePermission(permissions.BasePermission):
    """DRF adapter: maps viewset actions to predicates.

    A viewset declares ``action_predicates = {"create": can_create_x, "approve": can_approve_x}``.
    View-level predicates take (user); object-level ones take (user, obj). Actions not listed
    are read actions: any authenticated user with a portal role may read (scoping is done by
    the selector in get_queryset, which gives 404 outside scope).
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        if not has_portal_role(request.user):
            return False
        predicate = getattr(view, "view_predicates", {}).get(view.action)
        return predicate(request.user) if predicate else True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        predicate = getattr(view, "object_predicates", {}).get(view.action)
        return predicate(request.user, obj) if predicate else True
