"""The account trail: every service that changes an account records one event here."""

from __future__ import annotations

from typing import Any

from accounts.models import AccountEvent
from ntm_portal.models import User


def account_event_record(
    *, user: User, actor: User | None, action: str, changes: dict[str, Any] | None = None
) -> AccountEvent:
    acting = actor if actor is not None and actor.is_authenticated else None
    return AccountEvent.objects.create(
        user=user, actor=acting, action=action, changes=changes or {}
    )
