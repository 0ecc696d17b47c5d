"""Reads of community contributions (public to every portal role) and their totals.

A campaign's totals are those of the contributions whose period lies inside the campaign's.
Totals read the summaries kept on write (campaigns.services.contribution_summaries).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from campaigns.models import Campaign, Contribution, ContributionCommunePeriod, ContributionTotal
from ntm_portal.permissions import PortalUser, has_portal_role

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=1))


def contribution_list(*, user: PortalUser) -> QuerySet[Contribution]:
    if not has_portal_role(user):
        return Contribution.objects.none()
    return Contribution.objects.select_related("commune", "commune__district", "village")


def contribution_get(*, user: PortalUser, pk: int) -> Contribution:
    return get_object_or_404(contribution_list(user=user), pk=pk)


def in_campaign(queryset: QuerySet, campaign: Campaign) -> QuerySet:
    """Rows (contributions or their summaries) whose period lies inside the campaign's."""
    return queryset.filter(period_start__gte=campaign.start_date, period_end__lte=campaign.end_date)


def in_year(queryset: QuerySet, year: int) -> QuerySet:
    """Rows (contributions or their summaries) whose period overlaps the year."""
    return queryset.filter(period_start__year__lte=year, period_end__year__gte=year)


def in_periods(queryset: QuerySet, filters: Mapping[str, Any]) -> QuerySet:
    """The list's time filters (campaign, year) on contributions or their summaries."""
    if filters.get("campaign") is not None:
        queryset = in_campaign(queryset, filters["campaign"])
    if filters.get("year") is not None:
        queryset = in_year(queryset, filters["year"])
    return queryset


@dataclass(frozen=True)
class ContributionTotals:
    records: int
    communes: int
    land_m2: Decimal
    labour_days: Decimal
    money: int
    goods_value: int

    @property
    def value(self) -> int:
        """Money and goods together, in đồng."""
        return self.money + self.goods_value


NO_TOTALS = ContributionTotals(0, 0, Decimal(0), Decimal(0), 0, 0)
SUMS = {
    "records": Coalesce(Sum("records"), 0),
    "land_m2": Coalesce(Sum("land_m2"), ZERO),
    "labour_days": Coalesce(Sum("labour_days"), ZERO),
    "money": Coalesce(Sum("money"), 0),
    "goods_value": Coalesce(Sum("goods_value"), 0),
}


def contribution_totals(*, user: PortalUser, filters: Mapping[str, Any]) -> ContributionTotals:
    """Totals of the contributions the list's filters select (commune, district, campaign,
    year; one or two queries): a commune's from its own rows, any wider selection from the
    summaries kept on write (a few rows per district and period)."""
    if not has_portal_role(user):
        return NO_TOTALS
    district = filters.get("district")
    if filters.get("commune") is not None:
        rows = contribution_list(user=user).filter(commune=filters["commune"])
        rows = rows.filter(commune__district=district) if district is not None else rows
        return _row_totals(in_periods(rows, filters))
    totals = in_periods(ContributionTotal.objects.all(), filters)
    if district is not None:
        totals = totals.filter(district_key=district.pk)
    sums = totals.aggregate(**SUMS, first_communes=Coalesce(Sum("first_communes"), 0))
    communes = sums.pop("first_communes")
    if filters.get("campaign") is not None or filters.get("year") is not None:
        communes = _communes_in(filters)
    return ContributionTotals(communes=communes, **sums)


def _communes_in(filters: Mapping[str, Any]) -> int:
    """Communes with a contribution in the time filters' periods (their earliest period may
    lie outside them): one index row per commune and period."""
    rows = in_periods(ContributionCommunePeriod.objects.filter(records__gt=0), filters)
    if filters.get("district") is not None:
        rows = rows.filter(commune__district=filters["district"])
    return rows.aggregate(n=Count("commune_id", distinct=True))["n"]


def _row_totals(queryset: QuerySet[Contribution]) -> ContributionTotals:
    values = queryset.order_by().aggregate(
        records=Count("pk"),
        communes=Count("commune", distinct=True),
        land_m2=Coalesce(Sum("land_m2"), ZERO),
        labour_days=Coalesce(Sum("labour_days"), ZERO),
        money=Coalesce(Sum("money"), 0),
        goods_value=Coalesce(Sum("goods_value"), 0),
    )
    return ContributionTotals(**values)


def campaign_contribution_totals(*, user: PortalUser, campaign: Campaign) -> ContributionTotals:
    return contribution_totals(user=user, filters={"campaign": campaign})
