"""CommuneFilterSet: the one definition of commune search, filters and sorting, shared by the
commune list page and /api/v1/communes/ (invalid values: 400 in the API, a form error on the page).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District, Province
from communes.pickers import district_filter
from communes.validity import DatedQuerySet, valid_on_q
from ntm_portal import filter_extensions
from ntm_portal.filters import NullsLastOrderingFilter
from ntm_portal.text import fold

CRITERIA_MAX = 99  # a criteria set has 19 (2021–2025) or 10 (2026–2030) criteria


def _districts(request: Any) -> QuerySet[District]:
    # Every portal role sees every district; communes.selectors scopes the communes themselves.
    # Every period's districts too: links from a district's page name it by id (a district of
    # before 1/7/2025 has no successor), and the chosen district pins the structure shown.
    return District.objects.order_by("code")


class StructureDateFilterSet(django_filters.FilterSet):
    """Units in force on ?on=YYYY-MM-DD; without it, the units in force today."""

    on = django_filters.DateFilter(
        label=_("Cơ cấu hành chính ngày"),
        method="filter_on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Để trống: các đơn vị hiện hành."),
        error_messages={"invalid": _("Nhập một ngày dạng YYYY-MM-DD.")},
    )

    def filter_on(self, queryset: DatedQuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset  # applied in filter_queryset, with today as the default

    # A filter naming a unit of its own period (a district abolished in 2025) shows that
    # period's communes unless a date is given.
    pins_period: tuple[str, ...] = ()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        data = self.form.cleaned_data
        day = data.get("on")
        if day is None and not any(data.get(name) for name in self.pins_period):
            day = timezone.localdate()
        return super().filter_queryset(queryset.filter(valid_on_q(day)) if day else queryset)


class ProvinceFilterSet(StructureDateFilterSet):
    class Meta:
        model = Province
        fields: list[str] = []


class DistrictFilterSet(StructureDateFilterSet):
    """Districts in force on ``on`` (today by default), or of every period with
    ``every_period`` (the district pickers: links name abolished districts too)."""

    q = django_filters.CharFilter(
        label=_("Tìm huyện"), method="filter_search", max_length=120, help_text=_("Tên hoặc mã.")
    )
    every_period = django_filters.BooleanFilter(
        label=_("Mọi thời kỳ"), method="filter_every_period"
    )

    pins_period = ("every_period",)

    class Meta:
        model = District
        fields = ["province"]

    def filter_search(
        self, queryset: QuerySet[District], name: str, value: str
    ) -> QuerySet[District]:
        """The pickers' search: a name containing the text, or a code starting with it."""
        terms = value.strip()
        if not terms:
            return queryset
        return queryset.filter(Q(name__icontains=terms) | Q(code__startswith=terms))

    def filter_every_period(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset  # applied in filter_queryset (no date condition)


class IntegerFilter(django_filters.NumberFilter):
    """Whole numbers only: "12.5" criteria is an error, not silently 12."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid": _("Nhập một số nguyên.")})
        super().__init__(*args, **kwargs)


class CommuneFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("criteria_met_min"), data.get("criteria_met_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "criteria_met_max", _('Giá trị "đến" phải lớn hơn hoặc bằng giá trị "từ".')
            )
        filter_extensions.clean(filter_extensions.COMMUNE_LIST, self, data)
        return data


@filter_extensions.extensible(filter_extensions.COMMUNE_LIST)
class CommuneFilterSet(StructureDateFilterSet):
    """Communes in force today unless ``on`` names a date (or ``district`` a district).
    Other apps add filters through ntm_portal.filter_extensions (the criteria app adds
    ``criterion`` and ``criterion_result``): communes imports neither of them."""

    q = django_filters.CharFilter(
        label=_("Tìm xã"),
        method="filter_search",
        max_length=120,
        help_text=_('Tên hoặc mã; gõ không dấu cũng được ("xuan lac").'),
    )
    district = district_filter(label=_("Huyện"), queryset=_districts, empty_label=_("Tất cả huyện"))
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=Commune.Kind.choices, empty_label=_("Tất cả")
    )
    ntm_level = django_filters.ChoiceFilter(
        label=_("Mức NTM"), choices=Commune.Level.choices, empty_label=_("Tất cả mức")
    )
    difficulty = django_filters.ChoiceFilter(
        label=_("Mức khó khăn"), choices=Commune.Difficulty.choices, empty_label=_("Tất cả")
    )
    criteria_met = IntegerFilter(
        label=_("Số tiêu chí đạt"),
        field_name="criteria_met",
        min_value=0,
        max_value=CRITERIA_MAX,
        widget=forms.NumberInput(attrs={"min": 0, "max": CRITERIA_MAX}),
    )
    criteria_met_min = IntegerFilter(
        label=_("Số tiêu chí đạt từ"),
        field_name="criteria_met",
        lookup_expr="gte",
        min_value=0,
        max_value=CRITERIA_MAX,
        widget=forms.NumberInput(attrs={"min": 0, "max": CRITERIA_MAX}),
    )
    criteria_met_max = IntegerFilter(
        label=_("Số tiêu chí đạt đến"),
        field_name="criteria_met",
        lookup_expr="lte",
        min_value=0,
        max_value=CRITERIA_MAX,
        widget=forms.NumberInput(attrs={"min": 0, "max": CRITERIA_MAX}),
    )
    criteria_met = IntegerFilter(
        label=_("Số tiêu chí đạt (đúng bằng)"),
        field_name="criteria_met",
        min_value=0,
        max_value=CRITERIA_MAX,
        widget=forms.NumberInput(attrs={"min": 0, "max": CRITERIA_MAX}),
    )
    # Unassessed communes last in both directions.
    ordering = NullsLastOrderingFilter(
        tie_break=("search_name", "code"),
        label=_("Sắp xếp"),
        fields=(
            ("search_name", "name"),
            ("code", "code"),
            ("district__code", "district"),
            ("criteria_met", "criteria_met"),
        ),
        field_labels={
            "search_name": _("Tên"),
            "code": _("Mã"),
            "district__code": _("Huyện"),
            "criteria_met": _("Số tiêu chí đạt"),
        },
    )

    pins_period = ("district",)

    class Meta:
        model = Commune
        form = CommuneFilterForm
        fields: list[str] = []

    def filter_search(
        self, queryset: QuerySet[Commune], name: str, value: str
    ) -> QuerySet[Commune]:
        terms = value.strip()
        if not terms:
            return queryset
        return queryset.filter(Q(search_name__contains=fold(terms)) | Q(code__startswith=terms))
