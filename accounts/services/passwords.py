"""Setting a password: the one path for a change, a reset, an invitation and a temporary one."""

from __future__ import annotations

from django.db import transaction

from accounts.models import AccountEvent
from accounts.services.events import account_event_record
from ntm_portal.models import User


@transaction.atomic
def user_password_set(*, user: User, password: str, actor: User | None) -> None:
    """The user's own password: a temporary one no longer has to be changed."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    account_event_record(user=user, actor=actor, action=AccountEvent.Action.PASSWORD_CHANGED)
