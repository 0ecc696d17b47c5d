"""The one filter definition per list, shared by the pages and the API (applied on top of the
scoped selector)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
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
