"""API authentication by named, hashed, expiring tokens (django-rest-knox).

knox's own check is kept for the header parsing and the ``WWW-Authenticate: Token`` that makes
every refusal a 401; the lookup is ours, for three reasons:

- one query per request: knox also loads every other token of the user on every request to
  delete the expired ones;
- an expired token gets its own message (knox deletes it and says "invalid"), and stays in
  the owner's list, marked expired, until revoked;
- ``last_used_at`` is written at most once per token per LAST_USED_PRECISION, never on every
  request.
"""

from __future__ import annotations

import datetime as dt
from hmac import compare_digest

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import exceptions

from accounts.middleware import STEP_MESSAGES
from accounts.models import ApiToken
from ntm_portal.models import User

LAST_USED_PRECISION = dt.timedelta(hours=1)
INVALID = _("Mã API không hợp lệ hoặc đã bị thu hồi.")
EXPIRED = _("Mã API đã hết hạn; hãy tạo mã mới trong trang Tài khoản của tôi › Mã API.")
INACTIVE = _("Tài khoản đã ngừng hoạt động.")


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <token>``: the token's user, if the token is live and the
    account active."""

    def authenticate_credentials(self, token: bytes) -> tuple[User, ApiToken]:
        try:
            text = token.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        found = _find(text)
        if found is None:
            raise exceptions.AuthenticationFailed(INVALID)
        now = timezone.now()
        if found.expiry is not None and found.expiry <= now:
            raise exceptions.AuthenticationFailed(EXPIRED)
        if not found.user.is_active:
            raise exceptions.AuthenticationFailed(INACTIVE)
        if found.user.must_change_password:
            # As RequiredStepsMiddleware answers a signed-in user's API call: a temporary
            # password (set by the office, perhaps after a loss) is changed before anything.
            raise exceptions.PermissionDenied(
                {"detail": str(STEP_MESSAGES["change_password"]), "code": "change_password"}
            )
        _touch(found, now)
        return found.user, found


def _find(token: str) -> ApiToken | None:
    """The token row whose digest matches, with its user (one query)."""
    digest = hash_token(token)
    candidates = ApiToken.objects.filter(
        token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH]
    ).select_related("user")
    return next((row for row in candidates if compare_digest(row.digest, digest)), None)


def _touch(token: ApiToken, now: dt.datetime) -> None:
    """Record use at most once per LAST_USED_PRECISION; the condition in the UPDATE keeps
    parallel requests from writing more than once."""
    stale = now - LAST_USED_PRECISION
    if token.last_used_at is not None and token.last_used_at > stale:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale), pk=token.pk
    ).update(last_used_at=now)
    token.last_used_at = now
