"""Reads about accounts: what a signed-in user still has to do, lockouts, second factors,
and the office's list of accounts (scoped: nobody else may list or see them)."""

from __future__ import annotations

import datetime as dt

from allauth.mfa.models import Authenticator
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.adapter import SECOND_FACTORS
from accounts.models import AccountEvent
from accounts.permissions import can_manage_users, requires_mfa
from ntm_portal.models import User
from ntm_portal.permissions import PortalUser
from ntm_portal.text import fold

MFA_SESSION_KEY = "accounts_mfa_enrolled"


def pending_account_step(request: HttpRequest) -> str | None:
    """ "change_password", "enrol_mfa" or None for the signed-in user of ``request``."""
    user = request.user
    if user.must_change_password:
        return "change_password"
    if not requires_mfa(user) or request.session.get(MFA_SESSION_KEY):
        return None
    if not has_second_factor(user):
        return "enrol_mfa"
    # Enrolled users keep their factor (accounts.adapter refuses to delete the last one),
    # so one look per session is enough.
    request.session[MFA_SESSION_KEY] = True
    return None


def has_second_factor(user: User) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


def second_factor_exists() -> Exists:
    return Exists(Authenticator.objects.filter(user_id=OuterRef("pk"), type__in=SECOND_FACTORS))


def lockout_window_start(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - (get_cool_off() or dt.timedelta(0))


def locked_attempts(now: dt.datetime | None = None) -> QuerySet[AccessAttempt]:
    """Attempts that lock their username + address now."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=lockout_window_start(now),
    )


def locked_exists() -> Exists:
    return Exists(locked_attempts().filter(username=OuterRef("username")))


def locked_until(*, username: str, ip_address: str | None = None) -> dt.datetime | None:
    """When the lock on ``username`` (from ``ip_address``, when given) ends, if it is locked."""
    attempts = locked_attempts().filter(username=username)
    if ip_address is not None:
        attempts = attempts.filter(ip_address=ip_address)
    last = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    return last + (get_cool_off() or dt.timedelta(0)) if last else None


def user_search_q(text: str) -> Q:
    """Every word in the name (accents and case ignored), username, e-mail or phone."""
    q = Q()
    for word in text.split():
        q &= (
            Q(search_name__contains=fold(word))
            | Q(username__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
        )
    return q


def user_list(*, user: PortalUser) -> QuerySet[User]:
    """Every account with what its row shows, for the office; nobody else lists accounts."""
    if not can_manage_users(user):
        return User.objects.none()
    return (
        User.objects.select_related("agency", "commune")
        .annotate(is_locked=locked_exists(), has_mfa=second_factor_exists())
        .order_by("search_name", "username")
    )


def user_get(*, user: PortalUser, pk: int) -> User:
    """One account for the office; a 404 for anyone else (accounts are not theirs to know)."""
    return get_object_or_404(user_list(user=user), pk=pk)


def me_get(*, user: User) -> User:
    """The signed-in user's own stored account, with user_list's annotations."""
    return (
        User.objects.select_related("agency", "commune")
        .annotate(is_locked=locked_exists(), has_mfa=second_factor_exists())
        .get(pk=user.pk)
    )


def account_event_list(*, account: User) -> QuerySet[AccountEvent]:
    """The trail of one account (found through user_get), newest first, with who did it."""
    return AccountEvent.objects.filter(user=account).select_related("actor")
