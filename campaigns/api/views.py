"""Campaign API: the same selectors, predicates, filtersets and services as the pages.

Campaigns carry optimistic concurrency like activities: GET sends ``ETag: "<version>"``; PUT,
PATCH and DELETE must send ``If-Match`` (428 without it, 412 when stale).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.api.serializers import (
    AwardDecideSerializer,
    AwardProposeSerializer,
    AwardReviewSerializer,
    AwardSerializer,
    CampaignSerializer,
    CampaignWriteSerializer,
    ContributionSerializer,
    ContributionWriteSerializer,
    PledgeCreateSerializer,
    PledgeSerializer,
)
from campaigns.filters import CampaignFilterSet, ContributionFilterSet
from campaigns.models import Award, Campaign, Pledge
from campaigns.permissions import (
    can_change_award,
    can_change_campaign,
    can_change_commune_record,
    can_change_pledge,
    can_manage_awards,
    can_manage_campaigns,
    can_record_for_communes,
    can_register_pledges,
    participant_of,
)
from campaigns.selectors.awards import award_list
from campaigns.selectors.campaigns import campaign_list
from campaigns.selectors.contributions import contribution_list
from campaigns.selectors.pledges import pledge_list
from campaigns.services import awards as award_services
from campaigns.services import campaigns as services
from campaigns.services import contributions as contribution_services
from campaigns.services import pledges as pledge_services
from communes.models import Commune
from ntm_portal.permissions import is_coordination_office
from sponsorships.api.activities import (
    IF_MATCH,
    WRITES,
    PreconditionFailed,
    ServiceViewSet,
    documented,
    etag,
    expected_version,
)
from sponsorships.models import Agency


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


class PledgeFilterSet(django_filters.FilterSet):
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all())
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all())
    commune = django_filters.ModelChoiceFilter(queryset=Commune.objects.all())

    class Meta:
        model = Pledge
        fields: list[str] = []


@extend_schema_view(
    create=extend_schema(request=PledgeCreateSerializer, responses={201: PledgeSerializer})
)
class PledgeViewSet(ServiceViewSet):
    """Pledges are registered and withdrawn, not edited (withdraw and register again)."""

    http_method_names = ["get", "post", "delete", "head", "options"]
    serializer_class = PledgeSerializer
    input_serializer_class = PledgeCreateSerializer
    filterset_class = PledgeFilterSet
    view_predicates = {"create": can_register_pledges}
    object_predicates = {"destroy": can_change_pledge}

    def get_queryset(self) -> QuerySet:
        return pledge_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(request)
        own = participant_of(request.user, {"agency": None, "commune": None})
        if not is_coordination_office(request.user):
            named = data.get("agency") or data.get("commune")
            if named is not None and named not in own.values():
                raise PermissionDenied(_("Bạn chỉ được đăng ký cho cơ quan hoặc xã của mình."))
            data.update(own)
        pledge = pledge_services.pledge_create(user=request.user, **data)
        return self.respond(pledge, status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pledge_services.pledge_delete(pledge=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _commune_for(request: Request, data: dict) -> dict:
    """A commune officer records for their commune; the office must name one."""
    if is_coordination_office(request.user):
        if "commune" in data and data["commune"] is None:
            raise ValidationError({"commune": [_("Chọn xã.")]})
        return data
    named = data.get("commune")
    if named is not None and named.pk != request.user.commune_id:
        raise PermissionDenied(_("Bạn chỉ được ghi nhận đóng góp của xã mình."))
    return {**data, "commune": request.user.commune}


@documented(ContributionWriteSerializer, ContributionSerializer)
class ContributionViewSet(ServiceViewSet):
    serializer_class = ContributionSerializer
    input_serializer_class = ContributionWriteSerializer
    filterset_class = ContributionFilterSet
    view_predicates = {"create": can_record_for_communes}
    object_predicates = dict.fromkeys(WRITES, can_change_commune_record)

    def get_queryset(self) -> QuerySet:
        return contribution_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _commune_for(request, self.validated(request))
        contribution = contribution_services.contribution_create(user=request.user, **data)
        return self.respond(contribution, status.HTTP_201_CREATED)

    def update(
        self, request: Request, *args: Any, partial: bool = False, **kwargs: Any
    ) -> Response:
        contribution = self.get_object()
        data = self.validated(request, partial=partial)
        if partial and "commune" not in data:
            data["commune"] = contribution.commune
        data = _commune_for(request, data)
        contribution_services.contribution_update(
            contribution=contribution, user=request.user, **data
        )
        return self.respond(contribution)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        contribution_services.contribution_delete(contribution=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AwardFilterSet(django_filters.FilterSet):
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all())
    status = django_filters.ChoiceFilter(choices=Award.Status.choices)

    class Meta:
        model = Award
        fields: list[str] = []


@extend_schema_view(
    create=extend_schema(request=AwardProposeSerializer, responses={201: AwardSerializer}),
    review=extend_schema(
        request=AwardReviewSerializer, responses=AwardSerializer, parameters=[IF_MATCH]
    ),
    decide=extend_schema(
        request=AwardDecideSerializer, responses=AwardSerializer, parameters=[IF_MATCH]
    ),
)
class AwardViewSet(ServiceViewSet):
    """Proposals, reviews and decisions (the coordination office). Review and decide carry
    optimistic concurrency (If-Match). The quota warning is shown on the proposal page."""

    http_method_names = ["get", "post", "head", "options"]
    serializer_class = AwardSerializer
    input_serializer_class = AwardProposeSerializer
    filterset_class = AwardFilterSet
    view_predicates = dict.fromkeys(("create", "review", "decide"), can_manage_awards)
    object_predicates = dict.fromkeys(("review", "decide"), can_change_award)

    def get_queryset(self) -> QuerySet:
        return award_list(user=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        award = self.get_object()
        return Response(self.get_serializer(award).data, headers={"ETag": etag(award)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        award = award_services.award_propose(user=request.user, **self.validated(request))
        return self.respond(award, status.HTTP_201_CREATED, ETag=etag(award))

    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, award_services.award_review, AwardReviewSerializer)

    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, award_services.award_decide, AwardDecideSerializer)

    def _step(self, request: Request, service: Any, serializer_class: type) -> Response:
        """One step of the award's way (review, decision), guarded by If-Match."""
        award = self.get_object()
        version = expected_version(request, award)
        data = self.validated(request, serializer_class=serializer_class)
        try:
            service(award=award, user=request.user, expected_version=version, **data)
        except award_services.ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return self.respond(award, ETag=etag(award))
