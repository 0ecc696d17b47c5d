"""What management commands share: who a command acts as."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ntm_portal.models import User


def acting_user(username: str | None, *, option: str = "--user") -> User:
    """The active user ``username``, or without one the first superuser: recorded as who
    imported or entered what the command writes."""
    users = User.objects.filter(is_active=True)
    if username:
        found = users.filter(username=username).first()
        if found is None:
            raise CommandError(
                _("Không có người dùng đang hoạt động “%(username)s”.") % {"username": username}
            )
        return found
    found = users.filter(is_superuser=True).order_by("pk").first()
    if found is None:
        raise CommandError(
            _("Không có quản trị viên nào; hãy chỉ rõ người thực hiện bằng %(option)s.")
            % {"option": option}
        )
    return found
