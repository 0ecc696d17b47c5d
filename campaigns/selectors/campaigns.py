"""Reads of campaigns. Campaigns are public to every portal role (nothing for anyone else)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from campaigns.models import Campaign
from ntm_portal.permissions import PortalUser, has_portal_role


def campaign_list(*, user: PortalUser) -> QuerySet[Campaign]:
    if not has_portal_role(user):
        return Campaign.objects.none()
    return (
        Campaign.objects.select_related("parent")
        .annotate(sprint_count=Count("children", distinct=True))
        .order_by("-start_date", "name", "id")
    )


def campaign_get(*, user: PortalUser, pk: int) -> Campaign:
    return get_object_or_404(campaign_list(user=user), pk=pk)


def campaign_sprints(*, campaign: Campaign) -> list[Campaign]:
    return list(campaign.children.order_by("start_date", "id"))


def campaign_parents(*, exclude: Campaign | None = None) -> QuerySet[Campaign]:
    """Campaigns a campaign or a sprint may sit under (never itself)."""
    queryset = Campaign.objects.filter(kind=Campaign.Kind.CAMPAIGN).order_by("-start_date", "name")
    return queryset.exclude(pk=exclude.pk) if exclude is not None else queryset
