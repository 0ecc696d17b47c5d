"""Admin: the coordination office corrects names and thresholds here; assessments are read-only."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from criteria.models import (
    Assessment,
    CriteriaSet,
    Criterion,
    CriterionResult,
    EnteredVia,
    Indicator,
    IndicatorValue,
    Threshold,
)
from criteria.services.validation import kind_message


class ThresholdForm(forms.ModelForm):
    """A threshold the indicator's kind allows: no 140 % or -1, and 0 or 1 for Đạt/không đạt."""

    class Meta:
        model = Threshold
        fields = [
            "indicator",
            "classification_key",
            "year",
            "value",
            "is_verified",
            "source",
            "note",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        indicator, value = cleaned.get("indicator"), cleaned.get("value")
        message = kind_message(indicator.kind, value) if indicator and value is not None else None
        if message:
            self.add_error("value", message)
        return cleaned


def _mark_admin_entry(threshold: Threshold, user: Any) -> None:
    """A threshold corrected here: the next spreadsheet import shows it and never overwrites it
    silently."""
    threshold.entered_via = EnteredVia.ADMIN
    threshold.entered_by = user
    threshold.entered_at = timezone.now()


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "decision_number",
        "province",
        "valid_from",
        "valid_to",
        "classification_scheme",
    ]
    list_filter = ["classification_scheme", "province"]
    search_fields = ["code", "name", "legal_basis", "decision_number"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["position", "code", "name_vi", "name_en", "kind", "comparator", "unit", "is_verified"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "name_vi",
        "criteria_set",
        "is_critical",
        "is_name_verified",
        "responsible_sector",
    ]
    list_display_links = ["number", "name_vi"]
    list_filter = ["criteria_set", "is_critical", "is_name_verified"]
    search_fields = ["code", "name_vi", "name_en"]
    inlines = [IndicatorInline]


class ThresholdInline(admin.TabularInline):
    model = Threshold
    form = ThresholdForm
    extra = 0
    fields = ["classification_key", "year", "value", "is_verified", "source", "note"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_vi",
        "criterion",
        "kind",
        "comparator",
        "unit",
        "is_verified",
        "confidence",
    ]
    list_filter = ["criterion__criteria_set", "kind", "is_verified", "confidence"]
    search_fields = ["code", "name_vi", "name_en"]
    list_select_related = ["criterion"]
    inlines = [ThresholdInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for threshold_form in formset.forms:
            if threshold_form.has_changed() and isinstance(threshold_form.instance, Threshold):
                _mark_admin_entry(threshold_form.instance, request.user)
        super().save_formset(request, form, formset, change)


@admin.register(Threshold)
class ThresholdAdmin(admin.ModelAdmin):
    form = ThresholdForm
    list_display = [
        "indicator",
        "classification_key",
        "year",
        "value",
        "is_verified",
        "source",
        "entered_via",
        "entered_by",
        "entered_at",
    ]
    list_filter = [
        "classification_key",
        "is_verified",
        "entered_via",
        "indicator__criterion__criteria_set",
    ]
    search_fields = ["indicator__code", "indicator__name_vi", "source"]
    list_select_related = ["indicator", "entered_by"]
    readonly_fields = ["entered_via", "entered_by", "entered_at"]

    def save_model(self, request: HttpRequest, obj: Threshold, form: Any, change: bool) -> None:
        _mark_admin_entry(obj, request.user)
        super().save_model(request, obj, form, change)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CriterionResultInline(ReadOnlyInline):
    model = CriterionResult
    fields = ["criterion", "result", "indicators_met", "indicators_total", "is_current"]


class IndicatorValueInline(ReadOnlyInline):
    model = IndicatorValue
    fields = ["indicator", "value", "threshold_value", "result"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only: assessments are entered through the portal's form or API (one service)."""

    list_display = [
        "commune",
        "period",
        "stage",
        "criteria_met",
        "criteria_total",
        "meets_standard",
        "is_current",
        "entered_by",
        "created_at",
    ]
    list_filter = ["stage", "is_current", "meets_standard", "criteria_set"]
    search_fields = ["commune__name", "commune__code"]
    list_select_related = ["commune", "entered_by"]
    date_hierarchy = "period"
    inlines = [CriterionResultInline, IndicatorValueInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
