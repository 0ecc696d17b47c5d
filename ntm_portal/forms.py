"""Form fields shared by every app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm_portal import periods

# The largest primary key a BigAutoField holds; a bigger number would overflow the database.
BIGINT_MAX = 2**63 - 1


class MonthInput(forms.TextInput):
    """A month as the province writes it, "11/2026", whatever the browser's language.

    A plain text box: the browser's own month picker shows its locale's month names (English on
    most office machines) or "--------- ----" before a month is chosen.
    """

    def __init__(self, attrs: dict | None = None) -> None:
        defaults = {
            "inputmode": "numeric",
            "placeholder": "mm/yyyy",
            "autocomplete": "off",
            "size": 8,
            "maxlength": 7,
            "class": "month-input",
        }
        super().__init__({**defaults, **(attrs or {})})


def month_text(value: Any) -> Any:
    """date(2026, 11, 1) or "2026-11" → "11/2026"; anything unreadable is shown as typed."""
    if isinstance(value, str) and value.strip():
        try:
            value = periods.parse_month(value)
        except ValueError:
            return value
    if isinstance(value, dt.date):
        return f"{value.month:02d}/{value.year:04d}"
    return value


class PeriodField(forms.CharField):
    """A month typed as MM/YYYY (or YYYY-MM, as links and the API write it); cleans to its 1st."""

    widget = MonthInput
    default_error_messages = {"invalid": _("Nhập kỳ theo dạng tháng/năm, ví dụ 10/2026.")}

    def to_python(self, value: Any) -> dt.date | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return periods.parse_month(text)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        return month_text(value)


class NotificationMarkReadForm(forms.Form):
    """Mark one notification (``id``) or, without an id, all of the user's as read."""

    id = forms.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
