"""Who may manage accounts, and who must have a second factor.

Only the coordination office manages users, and even it cannot touch a superuser (that is a
developer's or the system owner's account) nor change its own role, scope or activity: nobody
raises or removes their own powers.
"""

from __future__ import annotations

from django.conf import settings

from ntm_portal.models import User
from ntm_portal.permissions import PortalUser, is_coordination_office


def can_manage_users(user: PortalUser) -> bool:
    return is_coordination_office(user)


def can_change_user(actor: PortalUser, target: User) -> bool:
    """Edit name, e-mail, phone; reset the password; unlock; resend the invitation."""
    return can_manage_users(actor) and not target.is_superuser


def can_change_user_access(actor: PortalUser, target: User) -> bool:
    """Role, scope, deactivate and reactivate: never one's own."""
    return can_change_user(actor, target) and actor.pk != target.pk


def requires_mfa(user: PortalUser) -> bool:
    """The coordination office and superusers must enrol a second factor (when switched on)."""
    if not settings.PORTAL_MFA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.role in settings.PORTAL_MFA_REQUIRED_ROLES
