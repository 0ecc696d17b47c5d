"""Criteria sets (nested criteria → indicators → thresholds) and assessments, out and in."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from criteria.models import Assessment, CriteriaSet, Criterion, Indicator, Threshold
from criteria.services import values_field
from ntm_portal import periods
from ntm_portal.api import InputSerializer
from ntm_portal.periods import parse_month


class ThresholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Threshold
        fields = ["classification_key", "year", "value", "is_verified", "source", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    thresholds = ThresholdSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_vi",
            "name_en",
            "kind",
            "comparator",
            "unit",
            "position",
            "is_verified",
            "confidence",
            "thresholds",
        ]


class CriterionSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "number",
            "code",
            "name_vi",
            "name_en",
            "group",
            "is_name_verified",
            "responsible_sector",
            "indicators",
        ]


class CriteriaSetSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "code",
            "name",
            "legal_basis",
            "decision_number",
            "decision_date",
            "issuer",
            "valid_from",
            "valid_to",
            "classification_scheme",
            "province",
            "criteria",
        ]


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "example": "2026-10"}
)
class PeriodSerializerField(serializers.Field):
    """A month as "YYYY-MM" (also accepts "MM/YYYY" on input)."""

    default_error_messages = {"invalid": _("Kỳ phải có dạng YYYY-MM, ví dụ 2026-10.")}

    def to_representation(self, value: Any) -> str:
        return periods.format_period(value)

    def to_internal_value(self, data: Any) -> Any:
        try:
            return parse_month(str(data))
        except ValueError:
            self.fail("invalid")


class AssessmentSerializer(serializers.ModelSerializer):
    period = PeriodSerializerField()
    entered_by = serializers.CharField(source="entered_by.username")

    class Meta:
        model = Assessment
        fields = [
            "id",
            "commune",
            "criteria_set",
            "period",
            "stage",
            "criteria_met",
            "criteria_total",
            "criteria_not_assessed",
            "meets_standard",
            "is_current",
            "entered_by",
            "created_at",
            "note",
        ]


class AssessmentDetailSerializer(AssessmentSerializer):
    """An assessment with each criterion's result and each indicator's value, threshold, result."""

    criteria = serializers.SerializerMethodField()

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "criteria"]

    def get_criteria(self, assessment: Assessment) -> list[dict[str, Any]]:
        by_criterion: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in assessment.indicator_values.all():
            by_criterion[row.indicator.criterion_id].append(
                {
                    "code": row.indicator.code,
                    "value": _decimal(row.value),
                    "threshold": _decimal(row.threshold_value),
                    "result": row.result,
                    "carried_from": row.carried_from and periods.format_period(row.carried_from),
                }
            )
        return [
            {
                "number": r.criterion.number,
                "code": r.criterion.code,
                "result": r.result,
                "indicators_met": r.indicators_met,
                "indicators_total": r.indicators_total,
                "indicators": by_criterion[r.criterion_id],
            }
            for r in assessment.criterion_results.all()
        ]


def _decimal(value: Decimal | None) -> Decimal | None:
    """A number in JSON, as DecimalFields render with COERCE_DECIMAL_TO_STRING off."""
    return value


class AssessmentCreateSerializer(InputSerializer):
    """Input: {"commune": 12, "period": "2026-10", "stage": "self_assessed",
    "values": {"1.1": true, "4.2": 96.5, "5.1": null}, "note": ""}.

    Values: true/false (or 1/0) for pass/fail indicators; numbers or numeric strings for the
    others; null means "not assessed". Indicators left out keep the commune's latest values
    (carried forward, marked ``carried_from``). Errors on a value are reported under
    ``values.<code>``, as the service does.
    """

    commune = serializers.IntegerField()
    period = PeriodSerializerField()
    stage = serializers.ChoiceField(choices=Assessment.Stage.choices)
    values = serializers.DictField(child=serializers.JSONField(allow_null=True), allow_empty=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        clean, errors = {}, {}
        for code, raw in attrs["values"].items():
            try:
                clean[code] = _value(raw)
            except ValueError:
                errors[values_field(code)] = [_("Giá trị phải là số, true/false hoặc null.")]
        if errors:
            raise serializers.ValidationError(errors)
        return {**attrs, "values": clean}


def _value(raw: Any) -> Decimal | bool | None:
    """The value as given; a boolean stays one so the service can refuse it for a number."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float | str) and str(raw).strip():
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation as exc:
            raise ValueError(raw) from exc
        if value.is_finite():
            return value
    raise ValueError(raw)
