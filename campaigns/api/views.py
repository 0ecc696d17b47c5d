"""Campaign API: the same selectors, predicates, filtersets and services as the pages.

Campaigns carry optimistic concurrency like activities: GET sends ``ETag: "<version>"``; PUT,
PATCH and DELETE must send ``If-Match`` (428 without it, 412 when stale).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.api.serializers import CampaignSerializer, CampaignWriteSerializer
from campaigns.filters import CampaignFilterSet
from campaigns.permissions import can_change_campaign, can_manage_campaigns
from campaigns.selectors.campaigns import campaign_list
from campaigns.services import campaigns as services
from sponsorships.api.activities import (
    IF_MATCH,
    WRITES,
    PreconditionFailed,
    ServiceViewSet,
    documented,
    etag,
    expected_version,
)


@documented(CampaignWriteSerializer, CampaignSerializer, headers=[IF_MATCH])
class CampaignViewSet(ServiceViewSet):
    serializer_class = CampaignSerializer
    input_serializer_class = CampaignWriteSerializer
    filterset_class = CampaignFilterSet
    view_predicates = {"create": can_manage_campaigns}
    object_predicates = dict.fromkeys(WRITES, can_change_campaign)

    def get_queryset(self) -> QuerySet:
        return campaign_list(user=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        campaign = self.get_object()
        return Response(self.get_serializer(campaign).data, headers={"ETag": etag(campaign)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        campaign = services.campaign_create(user=request.user, **self.validated(request))
        return self.respond(campaign, status.HTTP_201_CREATED, ETag=etag(campaign))

    def update(
        self, request: Request, *args: Any, partial: bool = False, **kwargs: Any
    ) -> Response:
        campaign = self.get_object()
        version = expected_version(request, campaign)
        data = self.validated(request, partial=partial)
        try:
            services.campaign_update(
                campaign=campaign, user=request.user, expected_version=version, **data
            )
        except services.ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return self.respond(campaign, ETag=etag(campaign))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        campaign = self.get_object()
        version = expected_version(request, campaign)
        try:
            services.campaign_delete(campaign=campaign, user=request.user, expected_version=version)
        except services.ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return Response(status=status.HTTP_204_NO_CONTENT)
