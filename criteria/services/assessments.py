"""Enter an assessment: validate, evaluate with the engine, store the results, move "current".

History is never overwritten: every entry is a new Assessment. The commune's current
assessment is the one of the latest period; within a period the province's appraisal outranks
the commune's self-assessment, and otherwise the latest entry wins. So entering an older month
later, or re-self-assessing a month the province has appraised, keeps history but does not
replace what the dashboards show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from communes.models import Commune
from criteria import rules
from criteria.models import Assessment, CriteriaSet, CriterionResult, IndicatorValue
from criteria.permissions import can_create_assessment
from criteria.selectors import (
    CriterionWithIndicators,
    criteria_set_current,
    criteria_with_thresholds,
    criterion_rules,
)
from ntm_portal import periods
from ntm_portal.models import User

STAGE_RANK = {Assessment.Stage.SELF_ASSESSED: 0, Assessment.Stage.APPRAISED: 1}
MAX_VALUE = Decimal("1e12")  # Decimal(14, 2) holds 12 digits before the point


def values_field(code: str) -> str:
    """The error key naming one indicator's value (the form maps it to its own field name)."""
    return f"values.{code}"


@transaction.atomic
def assessment_create(
    *,
    commune: Commune,
    period: dt.date,
    stage: str,
    values: Mapping[str, Decimal | None],
    entered_by: User,
    note: str = "",
) -> Assessment:
    """Validate and evaluate indicator values of a commune for a period, and store the result."""
    if stage not in Assessment.Stage.values:
        raise ValidationError({"stage": [_("Giai đoạn đánh giá không hợp lệ.")]})
    if not can_create_assessment(entered_by, commune, stage):
        raise PermissionDenied(_("Bạn không được nhập đánh giá giai đoạn này cho xã này."))
    commune = Commune.objects.select_for_update().get(pk=commune.pk)
    criteria_set = _validated_criteria_set(commune=commune, period=period)
    key = commune.classification_key(criteria_set.classification_scheme)
    criteria = criteria_with_thresholds(criteria_set=criteria_set, classification_key=key)
    clean_values = _validated_values(values, criteria)
    engine_rules = criterion_rules(criteria, year=period.year)
    evaluation = rules.evaluate(engine_rules, clean_values)
    assessment = Assessment(
        commune=commune,
        criteria_set=criteria_set,
        period=period,
        stage=stage,
        entered_by=entered_by,
        note=note,
        criteria_met=evaluation.criteria_met,
        criteria_total=evaluation.criteria_total,
        criteria_not_assessed=evaluation.criteria_not_assessed,
        meets_standard=evaluation.meets_standard,
    )
    _save_as_newest_or_history(assessment)
    _store_results(assessment, criteria, evaluation)
    if assessment.is_current:
        _write_commune_cache(commune, assessment)
    return assessment


def _validated_criteria_set(*, commune: Commune, period: dt.date) -> CriteriaSet:
    if not commune.is_assessed_for_ntm:
        message = _(
            "Chỉ xã được đánh giá theo bộ tiêu chí xã nông thôn mới; %(commune)s không phải là xã."
        )
        raise _invalid("commune", message % {"commune": commune})
    if period.day != 1:
        raise _invalid("period", _("Kỳ đánh giá phải là một tháng."))
    label = {"period": f"{period.month:02d}/{period.year}"}
    if periods.is_future_period(period, timezone.now(), ZoneInfo(settings.TIME_ZONE)):
        message = _("Kỳ %(period)s chưa đến: chỉ nhập đánh giá cho tháng này hoặc các tháng trước.")
        raise _invalid("period", message % label)
    month_end = periods.add_months(period, 1) - dt.timedelta(days=1)
    criteria_set = criteria_set_current(on=month_end, province=commune.province_id)
    if criteria_set is None:
        message = _("Không có bộ tiêu chí nào có hiệu lực trong kỳ %(period)s.")
        raise _invalid("period", message % label)
    return criteria_set


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _validated_values(
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
            clean[str(code)] = _as_decimal(raw)
    if not errors and all(value is None for value in clean.values()):
        errors["values"] = [_("Nhập giá trị cho ít nhất một chỉ tiêu.")]
    if errors:
        raise ValidationError(errors)
    return clean


def _value_message(kind: str | None, code: Any, raw: Any) -> str | None:
    if kind is None:
        return _("Chỉ tiêu “%(code)s” không có trong bộ tiêu chí đang áp dụng.") % {"code": code}
    if raw is None:
        return None
    value = _as_decimal(raw)
    if value is None or not value.is_finite():
        return _("Giá trị phải là một số.")
    shown = {"value": number_format(value)}
    reason = rules.value_error(kind, value)
    if reason == "boolean":
        return _("Chỉ nhận Đạt (1) hoặc Chưa đạt (0).")
    if reason == "percent":
        return _("Tỷ lệ phải từ 0 đến 100 (đã nhập %(value)s).") % shown
    if reason == "negative":
        return _("Giá trị không được âm (đã nhập %(value)s).") % shown
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return _("Tối đa 2 chữ số sau dấu thập phân (đã nhập %(value)s).") % shown
    if abs(value) >= MAX_VALUE:
        return _("Giá trị quá lớn (đã nhập %(value)s).") % shown
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


def _save_as_newest_or_history(assessment: Assessment) -> None:
    """Save the assessment; it becomes current unless the current one is of a later rank."""
    current = Assessment.objects.filter(commune=assessment.commune, is_current=True).first()
    assessment.is_current = current is None or _rank(assessment) >= _rank(current)
    if assessment.is_current and current is not None:
        Assessment.objects.filter(pk=current.pk).update(is_current=False)
        CriterionResult.objects.filter(assessment=current).update(is_current=False)
    assessment.full_clean()
    assessment.save()


def _rank(assessment: Assessment) -> tuple[dt.date, int]:
    return assessment.period, STAGE_RANK[Assessment.Stage(assessment.stage)]


def _store_results(
    assessment: Assessment,
    criteria: Sequence[CriterionWithIndicators],
    evaluation: rules.Evaluation,
) -> None:
    criterion_by_number = {item.criterion.number: item.criterion for item in criteria}
    indicator_by_code = {
        e.indicator.code: e.indicator for item in criteria for e in item.indicators
    }
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            assessment=assessment,
            indicator=indicator_by_code[outcome.code],
            value=outcome.value,
            threshold_value=outcome.threshold,
            result=outcome.result,
        )
        for criterion in evaluation.criteria
        for outcome in criterion.indicators
    )
    CriterionResult.objects.bulk_create(
        CriterionResult(
            assessment=assessment,
            criterion=criterion_by_number[outcome.number],
            result=outcome.result,
            indicators_met=outcome.indicators_met,
            indicators_total=len(outcome.indicators),
            is_current=assessment.is_current,
        )
        for outcome in evaluation.criteria
    )


def _write_commune_cache(commune: Commune, assessment: Assessment) -> None:
    commune.criteria_met = assessment.criteria_met
    commune.criteria_total = assessment.criteria_total
    commune.meets_standard = assessment.meets_standard
    commune.assessed_period = assessment.period
    commune.save(
        update_fields=["criteria_met", "criteria_total", "meets_standard", "assessed_period"]
    )
