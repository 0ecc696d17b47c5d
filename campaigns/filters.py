"""The one filter definition per list, shared by the pages and the API (applied on top of the
scoped selector)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Contribution, Exemplary
from campaigns.selectors.contributions import in_campaign, in_year
from communes.models import Commune, District
from communes.pickers import commune_filter, district_filter
from sponsorships.filters import ALL, YearFilter


class CampaignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên, số quyết định"), method="search")
    level = django_filters.ChoiceFilter(
        label=_("Cấp phát động"), choices=Campaign.Level.choices, empty_label=ALL
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=Campaign.Kind.choices, empty_label=ALL
    )
    parent = django_filters.ModelChoiceFilter(
        label=_("Thuộc phong trào"),
        queryset=Campaign.objects.filter(kind=Campaign.Kind.CAMPAIGN),
        empty_label=ALL,
    )
    year = YearFilter(label=_("Đang diễn ra trong năm"), method="running_in")

    class Meta:
        model = Campaign
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value)
            | Q(decision_number__icontains=value)
            | Q(launched_by__icontains=value)
        )

    def running_in(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(start_date__year__lte=value, end_date__year__gte=value)


class ContributionFilterSet(django_filters.FilterSet):
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
    campaign = django_filters.ModelChoiceFilter(
        label=_("Trong thời gian phong trào"),
        queryset=Campaign.objects.all(),
        empty_label=ALL,
        method="inside_campaign",
    )
    year = YearFilter(label=_("Năm"), method="in_year")

    class Meta:
        model = Contribution
        fields: list[str] = []

    def inside_campaign(self, queryset: QuerySet, name: str, value: Campaign) -> QuerySet:
        return in_campaign(queryset, value)

    def in_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return in_year(queryset, value)


class ExemplaryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên, thành tích"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Đối tượng"), choices=Exemplary.Kind.choices, empty_label=ALL
    )
    category = django_filters.ChoiceFilter(
        label=_("Lĩnh vực"), choices=Exemplary.Category.choices, empty_label=ALL
    )
    commune = commune_filter(
        label=_("Xã"),
        queryset=Commune.objects.filter(kind=Commune.Kind.XA).select_related("district"),
        empty_label=ALL,
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"), queryset=Campaign.objects.all(), empty_label=ALL
    )

    class Meta:
        model = Exemplary
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(achievement__icontains=value))
