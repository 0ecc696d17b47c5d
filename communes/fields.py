"""Form fields choosing a unit by its code (?province=19): a code is unique per validity period,
so of an old and a new unit sharing it (Thái Nguyên before and after 1/7/2025) the newest wins."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class UnitCodeChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        code = str(value)
        # A NUL byte cannot reach PostgreSQL (ValueError): no unit has such a code.
        unit = None if "\x00" in code else self.queryset.filter(code=code).newest_first().first()
        if unit is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return unit
