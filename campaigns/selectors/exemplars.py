"""Reads of exemplary people and models (public to every portal role)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from campaigns.models import Campaign, Exemplary, ExemplaryPhoto
from ntm_portal.permissions import PortalUser, has_portal_role


def exemplary_list(*, user: PortalUser) -> QuerySet[Exemplary]:
    if not has_portal_role(user):
        return Exemplary.objects.none()
    return Exemplary.objects.select_related(
        "commune", "commune__district", "campaign"
    ).prefetch_related(Prefetch("photos", queryset=ExemplaryPhoto.objects.order_by("id")))


def exemplary_get(*, user: PortalUser, pk: int) -> Exemplary:
    return get_object_or_404(exemplary_list(user=user), pk=pk)


def photo_get(*, user: PortalUser, pk: int) -> ExemplaryPhoto:
    if not has_portal_role(user):
        return get_object_or_404(ExemplaryPhoto.objects.none(), pk=pk)
    return get_object_or_404(ExemplaryPhoto.objects.select_related("exemplary"), pk=pk)


def campaign_exemplars(*, user: PortalUser, campaign: Campaign) -> list[Exemplary]:
    """The campaign's exemplars and its sprints'."""
    return list(
        exemplary_list(user=user).filter(Q(campaign=campaign) | Q(campaign__parent=campaign))
    )
