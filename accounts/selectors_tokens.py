"""Reads about a user's own API tokens (never the token itself: knox keeps only its hash)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import ApiToken
from ntm_portal.models import User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """``user``'s tokens, newest first, expired ones included (the list marks them)."""
    return ApiToken.objects.filter(user=user).order_by("-created", "token_key")


def api_token_get(*, user: User, key: str) -> ApiToken:
    """One of ``user``'s tokens by its key (the first characters shown in the list); 404 for
    another user's token or none."""
    return get_object_or_404(api_token_list(user=user), token_key=key)
