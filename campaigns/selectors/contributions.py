"""Reads of community contributions (public to every portal role) and their totals.

A campaign's totals are those of the contributions whose period lies inside the campaign's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from campaigns.models import Campaign, Contribution
from ntm_portal.permissions import PortalUser, has_portal_role

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=1))


def contribution_list(*, user: PortalUser) -> QuerySet[Contribution]:
    if not has_portal_role(user):
        return Contribution.objects.none()
    return Contribution.objects.select_related("commune", "commune__district", "village")


def contribution_get(*, user: PortalUser, pk: int) -> Contribution:
    return get_object_or_404(contribution_list(user=user), pk=pk)


def in_campaign(queryset: QuerySet[Contribution], campaign: Campaign) -> QuerySet[Contribution]:
    return queryset.filter(period_start__gte=campaign.start_date, period_end__lte=campaign.end_date)


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


def contribution_totals(*, queryset: QuerySet[Contribution]) -> ContributionTotals:
    """Totals of the rows (one query)."""
    values = (
        Contribution.objects.filter(pk__in=queryset.order_by().values("pk"))
        .order_by()
        .aggregate(
            records=Count("pk"),
            communes=Count("commune", distinct=True),
            land_m2=Coalesce(Sum("land_m2"), ZERO),
            labour_days=Coalesce(Sum("labour_days"), ZERO),
            money=Coalesce(Sum("money"), 0),
            goods_value=Coalesce(Sum("goods_value"), 0),
        )
    )
    return ContributionTotals(**values)


def campaign_contribution_totals(*, user: PortalUser, campaign: Campaign) -> ContributionTotals:
    return contribution_totals(queryset=in_campaign(contribution_list(user=user), campaign))
