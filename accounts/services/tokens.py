"""API tokens: a user creates named tokens with an expiry and revokes them.

knox stores only a hash (the digest) and the first characters (the key, shown in lists to
tell tokens apart); the plain token is returned once, by api_token_create, and never again.
The account trail records the token's name, never the token.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import get_digest_token
from knox.settings import CONSTANTS

from accounts.models import AccountEvent, ApiToken
from accounts.services.events import account_event_record
from ntm_portal.models import User

NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length


def api_token_max_days() -> int:
    return settings.API_TOKEN_MAX_DAYS


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    expires_in_days: int | None = None,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``user``, expiring after ``expires_in_days`` or at ``expires_at``
    (one of them, at most API_TOKEN_MAX_DAYS away). Returns the row and the plain token,
    which exists nowhere else: show it once."""
    if not user.is_active:
        raise PermissionDenied(_("Tài khoản đã ngừng hoạt động."))
    # One token creation per user at a time, so two requests cannot both pass the name check.
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    name = (name or "").strip()
    now = timezone.now()
    expiry = _expiry(now, expires_in_days=expires_in_days, expires_at=expires_at)
    _validate(user, name, now)
    digest, token = get_digest_token()
    row = ApiToken(
        user=user,
        name=name,
        digest=digest,
        token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH],
        expiry=expiry,
    )
    row.save(force_insert=True)
    account_event_record(
        user=user, actor=user, action=AccountEvent.Action.TOKEN_CREATED, changes={"note": name}
    )
    return row, token


@transaction.atomic
def api_token_revoke(*, user: User, token_id: str) -> None:
    """Delete ``user``'s token whose key is ``token_id``: it stops working at once."""
    token = ApiToken.objects.filter(user=user, token_key=token_id).first()
    if token is None:
        raise ValidationError(
            _("Không tìm thấy mã API này: có thể nó đã được thu hồi."), code="not_found"
        )
    ApiToken.objects.filter(pk=token.pk).delete()
    account_event_record(
        user=user,
        actor=user,
        action=AccountEvent.Action.TOKEN_REVOKED,
        changes={"note": token.name},
    )


def _expiry(
    now: dt.datetime, *, expires_in_days: int | None, expires_at: dt.datetime | None
) -> dt.datetime:
    if (expires_in_days is None) == (expires_at is None):
        raise ValidationError(
            {"expires_in_days": [_("Hãy cho biết mã API hết hạn sau bao nhiêu ngày.")]},
            code="required",
        )
    maximum = now + dt.timedelta(days=api_token_max_days())
    if expires_at is None:
        if not 1 <= expires_in_days <= api_token_max_days():
            raise ValidationError({"expires_in_days": [_days_message()]}, code="out_of_range")
        return now + dt.timedelta(days=expires_in_days)
    if not now < expires_at <= maximum:
        raise ValidationError({"expires_at": [_days_message()]}, code="out_of_range")
    return expires_at


def _days_message() -> str:
    return _("Thời hạn của mã API phải từ 1 đến %(days)s ngày.") % {"days": api_token_max_days()}


def _validate(user: User, name: str, now: dt.datetime) -> None:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Hãy đặt tên cho mã API (ví dụ: tên máy hoặc chương trình dùng nó).")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("Tên mã API dài tối đa %(count)s ký tự.") % {"count": NAME_MAX_LENGTH}]
    elif name.casefold() in _names_taken(user):
        errors["name"] = [_("Bạn đã có một mã API tên này; hãy chọn tên khác.")]
    live = ApiToken.objects.filter(user=user, expiry__gt=now).count()
    if live >= settings.API_TOKEN_LIMIT_PER_USER:
        errors.setdefault("name", []).append(
            _("Bạn đã có %(count)s mã API còn hạn; hãy thu hồi mã không dùng nữa trước.")
            % {"count": live}
        )
    if errors:
        raise ValidationError(errors)


def _names_taken(user: User) -> set[str]:
    """Compared in Python: SQLite's case-insensitive match knows only ASCII (Lưu ≠ LƯU)."""
    names = ApiToken.objects.filter(user=user).values_list("name", flat=True)
    return {name.casefold() for name in names}


EXPIRED_TOKENS_KEPT_DAYS = 30


def api_tokens_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Forget tokens expired more than EXPIRED_TOKENS_KEPT_DAYS ago (they were shown as expired
    to their owners meanwhile); knox only deletes an expired token when someone tries it."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=EXPIRED_TOKENS_KEPT_DAYS)
    deleted, _rows = ApiToken.objects.filter(expiry__lt=cutoff).delete()
    return deleted
