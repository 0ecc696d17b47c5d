"""Form fields for Vietnamese input: money in đồng, decimals with a comma, dd/mm/yyyy dates,
several files at once. Shape only; the services decide what is allowed."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ntm_portal.numbers import parse_local_decimal
from sponsorships import rules

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


# 21.000.000 in Vietnamese, 21,000,000 in English: the grouping the page shows.
_example_amount = lazy(lambda: number_format(21_000_000, force_grouping=True), str)


class MoneyField(forms.CharField):
    """Whole đồng typed as 21.000.000, 21000000 or 21 000 000."""

    default_error_messages = {"invalid": _("Nhập số tiền bằng đồng, ví dụ 21.000.000.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "placeholder": _example_amount()}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return number_format(value, force_grouping=True)
        return value

    def to_python(self, value: Any) -> int | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return rules.parse_money(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class LocalDecimalField(forms.CharField):
    """A decimal in the page's notation: 1,5 or 1.5; 1.000 is a thousand in Vietnamese."""

    default_error_messages = {"invalid": _("Nhập một số, ví dụ 600 hoặc 2,5.")}

    def __init__(self, *, decimal_places: int = 2, **kwargs: Any) -> None:
        self.decimal_places = decimal_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return number_format(value.normalize() if value == value.to_integral() else value)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            number = parse_local_decimal(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return None if number is None else round(number, self.decimal_places)


class DateTextField(forms.DateField):
    """dd/mm/yyyy in a text box (the browser date picker ignores the Vietnamese order)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
            ),
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 15/03/2026.")}
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            if isinstance(value, str) and DAY_MONTH_YEAR_RE.match(value.strip()):
                raise forms.ValidationError(
                    NONEXISTENT_DATE, code="nonexistent", params={"date": value.strip()}
                ) from None
            raise


# Well formed (day 1-31, month 1-12, four-digit year) yet not in the calendar: 31/02/2026.
DAY_MONTH_YEAR_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/\d{4}$")
NONEXISTENT_DATE = _("Ngày %(date)s không tồn tại.")


class DateTextFilter(django_filters.DateFilter):
    """A date filter with the same parsing and messages as the forms' date field."""

    field_class = DateTextField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; type and size are checked by the service."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,.docx,.xlsx"})
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []
