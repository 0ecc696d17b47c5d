"""The one filter definition per list, shared by the pages, the API and the exports.

Always applied on top of the scoped selector: ``SupportActivityFilterSet(params,
queryset=activity_list(user=user)).qs``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from communes.filters import IntegerFilter
from communes.models import Commune, District
from communes.pickers import commune_filter, district_filter
from criteria.models import Criterion
from ntm_portal.filters import YesNoFilter
from sponsorships.forms.fields import DATE_FORMATS, DateTextFilter
from sponsorships.models import Agency, Assignment, SupportActivity
from sponsorships.pickers import agency_filter
from sponsorships.selectors.agencies import active_q, today

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(IntegerFilter):
    """A year a date can have: year=0 or 10000 is a 400 (a date lookup would raise a 500)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


def _criteria(request: object) -> QuerySet[Criterion]:
    return Criterion.objects.select_related("criteria_set").order_by(
        "-criteria_set__valid_from", "number"
    )


# The empty choice of every select reads as the other lists' do (not Django's "---------").
ALL = _("Tất cả")


class SupportActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo nội dung"), method="search")
    agency = agency_filter(
        label=_("Cơ quan"),
        field_name="assignment__agency",
        queryset=Agency.objects.all(),
        empty_label=ALL,
    )
    district = district_filter(
        label=_("Huyện"),
        field_name="assignment__commune__district",
        queryset=District.objects.all(),
        empty_label=ALL,
    )
    commune = commune_filter(
        label=_("Xã"),
        field_name="assignment__commune",
        queryset=Commune.objects.filter(kind=Commune.Kind.XA).select_related("district"),
        empty_label=ALL,
    )
    assignment = django_filters.ModelChoiceFilter(
        label=_("Phân công"),
        queryset=Assignment.objects.all(),
        widget=forms.HiddenInput,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Hình thức"), choices=SupportActivity.Kind.choices, empty_label=ALL
    )
    criterion = django_filters.ModelChoiceFilter(
        label=_("Tiêu chí"),
        field_name="target_criteria",
        queryset=_criteria,
        distinct=True,
        empty_label=ALL,
    )
    funding_source = django_filters.ChoiceFilter(
        label=_("Nguồn kinh phí"), choices=SupportActivity.FundingSource.choices, empty_label=ALL
    )
    date_from = DateTextFilter(
        label=_("Từ ngày"),
        field_name="date",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
    )
    date_to = DateTextFilter(
        label=_("Đến ngày"),
        field_name="date",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
    )
    year = YearFilter(label=_("Năm"), field_name="date", lookup_expr="year")
    sort = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        empty_label=_("Mới nhất trước"),
        fields=(
            ("date", "date"),
            ("amount", "amount"),
            ("title", "title"),
            ("assignment__agency__name", "agency"),
            ("assignment__commune__name", "commune"),
        ),
        field_labels={
            "date": _("Ngày"),
            "amount": _("Giá trị"),
            "title": _("Nội dung"),
            "assignment__agency__name": _("Cơ quan"),
            "assignment__commune__name": _("Xã"),
            # Given here so they stay lazy: django-filter formats its own once, at import.
            "-date": format_lazy("{} ({})", _("Ngày"), _("giảm dần")),
            "-amount": format_lazy("{} ({})", _("Giá trị"), _("giảm dần")),
            "-title": format_lazy("{} ({})", _("Nội dung"), _("giảm dần")),
            "-agency": format_lazy("{} ({})", _("Cơ quan"), _("giảm dần")),
            "-commune": format_lazy("{} ({})", _("Xã"), _("giảm dần")),
        },
    )

    class Meta:
        model = SupportActivity
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def assignments(self) -> QuerySet[Assignment] | None:
        """The assignments every filtered row belongs to, when a filter through the assignment
        narrows the list to a few (None otherwise): the list reads their rows first."""
        data = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        narrowing = {
            "assignment": "pk",
            "commune": "commune",
            "agency": "agency",
            "district": "commune__district",
        }
        conditions = {field: data[name] for name, field in narrowing.items() if data.get(name)}
        return Assignment.objects.filter(**conditions) if conditions else None


class AssignmentFilterSet(django_filters.FilterSet):
    agency = agency_filter(label=_("Cơ quan"), queryset=Agency.objects.all(), empty_label=ALL)
    commune = commune_filter(
        label=_("Xã"),
        queryset=Commune.objects.filter(kind=Commune.Kind.XA).select_related("district"),
        empty_label=ALL,
    )
    district = district_filter(
        label=_("Huyện"),
        field_name="commune__district",
        queryset=District.objects.all(),
        empty_label=ALL,
    )
    is_active = YesNoFilter(label=_("Đang giúp đỡ"), method="filter_active")

    class Meta:
        model = Assignment
        fields: list[str] = []

    def filter_active(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        active = active_q(today())
        return queryset.filter(active) if value else queryset.exclude(active)


class AgencyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=Agency.Kind.choices, empty_label=ALL
    )

    class Meta:
        model = Agency
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))
