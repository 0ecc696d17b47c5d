"""Checks on an assessment's input, each raising ValidationError naming the field.

Values are keyed ``values.<code>`` so the form can put each message on the indicator's field
and the API can return it as is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from communes.models import Commune
from communes.validity import Validity
from criteria import rules
from criteria.selectors import CriterionWithIndicators
from ntm_portal import periods
from ntm_portal.numbers import decimal_places, trimmed

MAX_VALUE = Decimal("1e12")  # Decimal(14, 2) holds 12 digits before the point


def values_field(code: str) -> str:
    """The error key naming one indicator's value (the form maps it to its own field name)."""
    return f"values.{code}"


def validated_period(*, commune: Commune, period: dt.date) -> dt.date:
    """The month's last day (the set in force then applies); errors on commune or period."""
    if not commune.is_assessed_for_ntm:
        message = _(
            "Chỉ xã được đánh giá theo bộ tiêu chí xã nông thôn mới; %(commune)s không phải là xã."
        )
        raise invalid("commune", message % {"commune": commune})
    if period.day != 1:
        raise invalid("period", _("Kỳ đánh giá phải là một tháng."))
    if periods.is_future_period(period, timezone.now(), ZoneInfo(settings.TIME_ZONE)):
        message = _("Kỳ %(period)s chưa đến: chỉ nhập đánh giá cho tháng này hoặc các tháng trước.")
        raise invalid("period", message % {"period": period_label(period)})
    month_end = periods.add_months(period, 1) - dt.timedelta(days=1)
    if not commune.validity.overlaps(Validity(period, month_end)):
        raise _unit_not_in_force(commune, period)
    return month_end


def _unit_not_in_force(commune: Commune, period: dt.date) -> ValidationError:
    """A unit ended or created by the 2025 reform is assessed only while it exists."""
    dates = [d.strftime("%d/%m/%Y") if d else "…" for d in (commune.valid_from, commune.valid_to)]
    message = _("%(commune)s không có trong kỳ %(period)s (đơn vị có hiệu lực %(validity)s).")
    validity = " – ".join(dates)
    return invalid(
        "period",
        message % {"commune": commune, "period": period_label(period), "validity": validity},
    )


def no_criteria_set(period: dt.date) -> ValidationError:
    message = _("Không có bộ tiêu chí nào có hiệu lực trong kỳ %(period)s.")
    return invalid("period", message % {"period": period_label(period)})


def period_label(period: dt.date) -> str:
    return f"{period.month:02d}/{period.year}"


def invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def validated_values(
    values: Mapping[str, Any], criteria: Sequence[CriterionWithIndicators]
) -> dict[str, Decimal | None]:
    kinds = {e.indicator.code: e.indicator.kind for item in criteria for e in item.indicators}
    errors: dict[str, list[str]] = {}
    clean: dict[str, Decimal | None] = {}
    for code, raw in values.items():
        message = _value_message(kinds.get(str(code)), code, raw)
        if message:
            errors[values_field(str(code))] = [message]
        else:
            value = _as_decimal(raw)
            clean[str(code)] = None if value is None else trimmed(value)
    if errors:
        raise ValidationError(errors)
    return clean


def require_some_value(sent: Mapping[str, Any], values: Mapping[str, Decimal | None]) -> None:
    """An assessment that sends no indicator, or ends with no value at all (entered or
    carried), says nothing."""
    if not sent or all(value is None for value in values.values()):
        raise invalid("values", _("Nhập giá trị cho ít nhất một chỉ tiêu."))


def _value_message(kind: str | None, code: Any, raw: Any) -> str | None:
    if kind is None:
        return _("Chỉ tiêu “%(code)s” không có trong bộ tiêu chí đang áp dụng.") % {"code": code}
    if raw is None:
        return None
    if isinstance(raw, bool) and kind != rules.BOOLEAN:
        return _("Chỉ tiêu này nhận một số, không nhận true/false.")
    value = _as_decimal(raw)
    if value is None or not value.is_finite():
        return _("Giá trị phải là một số.")
    message = kind_message(kind, value)
    if message:
        return message
    shown = {"value": number_format(value)}
    if decimal_places(value) > 2:
        return _("Tối đa 2 chữ số sau dấu thập phân (đã nhập %(value)s).") % shown
    if abs(value) >= MAX_VALUE:
        return _("Giá trị quá lớn (đã nhập %(value)s).") % shown
    return None


def kind_message(kind: str, value: Decimal) -> str | None:
    """Why a value (or a threshold) cannot be right for an indicator of this kind, or None."""
    shown = {"value": number_format(value)}
    reason = rules.value_error(kind, value)
    if reason == "boolean":
        return _("Chỉ nhận Đạt (1) hoặc Chưa đạt (0).")
    if reason == "percent":
        return _("Tỷ lệ phải từ 0 đến 100 (đã nhập %(value)s).") % shown
    if reason == "negative":
        return _("Giá trị không được âm (đã nhập %(value)s).") % shown
    return None


def _as_decimal(raw: Any) -> Decimal | None:
    if raw is None or isinstance(raw, Decimal):
        return raw
    if isinstance(raw, bool):
        return Decimal(int(raw))
    try:
        return Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return None
