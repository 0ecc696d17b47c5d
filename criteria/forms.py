"""Assessment entry form: shape only (a month, a stage, numbers); the service decides the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from criteria import rules
from criteria.models import Assessment, CurrentRule, Indicator
from criteria.selectors import CarriedValue, CriterionWithIndicators
from criteria.services import values_field
from criteria.services.validation import kind_message, period_label
from ntm_portal.forms import PeriodField
from ntm_portal.numbers import parse_local_decimal, trimmed


def parse_number(text: str) -> Decimal | None:
    """'12,5' or '12.5' → Decimal('12.5') in the page's notation; blank → None; ValueError else."""
    value = parse_local_decimal(text)
    if value is not None and not value.is_finite():
        raise ValueError(text)
    return value


class IndicatorNumberField(forms.CharField):
    """A percentage or a number; accepts a decimal comma or point."""

    default_error_messages = {"invalid": _("Nhập một số, ví dụ 12,5.")}

    def to_python(self, value: Any) -> Decimal | None:
        try:
            return parse_number(super().to_python(value) or "")
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        return _plain_number(value) if isinstance(value, Decimal) else value


def _plain_number(value: Decimal) -> str:
    """Decimal('96.50') → '96,5' in Vietnamese, '100.00' → '100': as a person would type it."""
    return number_format(trimmed(value))


def indicator_field_name(code: str) -> str:
    return "value_" + code.replace(".", "_")


class AssessmentForm(forms.Form):
    """Period, stage, note and one field per indicator of the criteria set, grouped by criterion.

    Fields start from the commune's current values, marked with the period they come from.
    Only the indicators changed are sent to the service: the others stay carried forward
    (with their period), and a field emptied means "not assessed".
    """

    period = PeriodField(label=_("Kỳ đánh giá (tháng/năm)"))
    stage = forms.ChoiceField(label=_("Giai đoạn"))
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        criteria: Sequence[CriterionWithIndicators],
        stages: Sequence[str],
        year: int,
        previous: Mapping[str, CarriedValue] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, Assessment.Stage(s).label) for s in stages]
        self.criteria = criteria
        self._codes: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        for item in criteria:
            for entry in item.indicators:
                name = indicator_field_name(entry.indicator.code)
                self._codes[name] = entry.indicator.code
                self._kinds[name] = entry.indicator.kind
                row = entry.applicable(year=year)
                carried = (previous or {}).get(entry.indicator.code)
                self.fields[name] = _indicator_field(
                    entry.indicator, row.value if row else None, carried
                )
                if carried is not None:
                    self.initial.setdefault(name, _initial(entry.indicator, carried.value))

    def criterion_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """[(criterion, [bound fields of its indicators])] for the template."""
        return [
            (
                item.criterion,
                [self[indicator_field_name(e.indicator.code)] for e in item.indicators],
            )
            for item in self.criteria
        ]

    def clean(self) -> dict[str, Any]:
        """When some fields do not parse, say at once what is wrong with the others too.

        (Otherwise a 140 % is only reported after the person has fixed a typo elsewhere.)
        """
        cleaned = super().clean()
        if self.errors:
            for name, kind in self._kinds.items():
                value = cleaned.get(name)
                message = kind_message(kind, value) if value is not None else None
                if message:
                    self.add_error(name, message)
        return cleaned

    def values(self) -> dict[str, Decimal | None]:
        """The indicators entered or emptied; those left as prefilled are carried forward."""
        return {
            code: self.cleaned_data.get(name)
            for name, code in self._codes.items()
            if name in self.changed_data
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name.

        ``values.<code>`` goes to that indicator's field; anything else to the form.
        """
        by_key = {values_field(code): name for name, code in self._codes.items()}
        for key, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
            field = by_key.get(key, key)
            self.add_error(field if field in self.fields else None, messages)


def _initial(indicator: Indicator, value: Decimal) -> Any:
    return str(int(value)) if indicator.kind == rules.BOOLEAN else value


def _indicator_field(
    indicator: Indicator, threshold: Decimal | None, carried: CarriedValue | None
) -> forms.Field:
    label = f"{indicator.code}. {indicator.name}"
    help_text = _threshold_help(indicator, threshold)
    if carried is not None:
        origin = _("Chuyển từ kỳ %(period)s.") % {"period": period_label(carried.period)}
        help_text = f"{origin} {help_text}"
    if indicator.kind == rules.BOOLEAN:
        return forms.TypedChoiceField(
            label=label,
            help_text=help_text,
            required=False,
            coerce=Decimal,
            empty_value=None,
            choices=[("", _("Chưa đánh giá")), ("1", _("Đạt")), ("0", _("Chưa đạt"))],
        )
    return IndicatorNumberField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _threshold_help(indicator: Indicator, threshold: Decimal | None) -> str:
    if threshold is None:
        return str(_("Chưa có ngưỡng cho xã này: chỉ tiêu sẽ là “chưa đánh giá”."))
    if indicator.kind == rules.BOOLEAN:
        return str(_("Ngưỡng: Đạt."))
    symbol = Indicator.Comparator(indicator.comparator).label
    return str(_("Ngưỡng: %(symbol)s %(value)s %(unit)s")) % {
        "symbol": symbol,
        "value": _plain_number(threshold),
        "unit": indicator.unit,
    }


MAX_SET_WORKBOOK_BYTES = 2 * 1024 * 1024


class CriteriaSetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bảng tính bộ tiêu chí"),
        help_text=_("Excel (.xlsx) theo tệp mẫu, tối đa 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SET_WORKBOOK_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 2 MB."))
        self.content = upload.read()
        return upload


class CurrentRuleForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Kết quả được tính trên trang xã, danh sách và bảng điều khiển"),
        choices=CurrentRule.choices,
        widget=forms.RadioSelect,
    )
