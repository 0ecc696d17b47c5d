"""How an account's trail reads on its page: field names and role values in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from ntm_portal.models import User

register = template.Library()

FIELD_LABELS = {
    "username": _("Tên đăng nhập"),
    "first_name": _("Họ và tên đệm"),
    "last_name": _("Tên"),
    "email": _("E-mail"),
    "phone": _("Điện thoại"),
    "role": _("Vai trò"),
    "agency": _("Cơ quan"),
    "commune": _("Xã"),
    "note": _("Ghi chú"),
}
EMPTY = "—"


@dataclass(frozen=True)
class ChangeLine:
    label: str
    new: str
    old: str | None = None  # None: a value recorded alone, not an edit from → to

    @property
    def is_edit(self) -> bool:
        return self.old is not None


@register.filter
def change_lines(changes: dict[str, Any] | None) -> list[ChangeLine]:
    """{"role": ["leader", "agency_staff"], "email": "a@b"} → readable lines, in order."""
    lines = []
    for name, value in (changes or {}).items():
        label = str(FIELD_LABELS.get(name, name))
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            lines.append(ChangeLine(label, _display(name, new), _display(name, old)))
        else:
            lines.append(ChangeLine(label, _display(name, value)))
    return lines


def _display(name: str, value: Any) -> str:
    if value in (None, ""):
        return EMPTY
    if name == "role":
        return str(dict(User.Role.choices).get(value, value))
    return str(value)
