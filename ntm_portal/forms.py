"""Form fields shared by every app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm_portal import periods

# The largest primary key a BigAutoField holds; a bigger number would overflow the database.
BIGINT_MAX = 2**63 - 1


class PeriodField(forms.CharField):
    """A month, typed as MM/YYYY or chosen with a month picker (YYYY-MM); cleans to its 1st."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "MM/YYYY"})
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
        return periods.format_period(value) if isinstance(value, dt.date) else value


class NotificationMarkReadForm(forms.Form):
    """Mark one notification (``id``) or, without an id, all of the user's as read."""

    id = forms.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
