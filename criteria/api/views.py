"""Criteria sets (read) and assessments (read, create).

The same selectors, predicates and service as the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from criteria import selectors, services
from criteria.api.serializers import (
    AssessmentCreateSerializer,
    AssessmentDetailSerializer,
    AssessmentSerializer,
    CriteriaSetSerializer,
)
from criteria.filters import AssessmentFilterSet
from criteria.models import Assessment, CriteriaSet
from criteria.permissions import can_create_any_assessment, can_create_assessment
from ntm_portal.permissions import PredicatePermission


class CriteriaSetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Criteria sets with their criteria, indicators and thresholds for every region."""

    permission_classes = [IsAuthenticated, PredicatePermission]
    serializer_class = CriteriaSetSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[CriteriaSet]:
        return selectors.criteria_set_list()


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Assessments; filter with commune, period (YYYY-MM), stage, current.

    POST evaluates the values and stores the assessment with its results.
    """

    permission_classes = [IsAuthenticated, PredicatePermission]
    view_predicates = {"create": can_create_any_assessment}
    filterset_class = AssessmentFilterSet
    ordering_fields = ["period", "created_at", "criteria_met"]
    search_fields: list[str] = []

    def get_queryset(self) -> QuerySet[Assessment]:
        if self.action == "retrieve":
            return selectors.assessment_detail_list(user=self.request.user)
        return selectors.assessment_list(user=self.request.user)

    def get_serializer_class(self) -> type:
        if self.action == "create":
            return AssessmentCreateSerializer
        return AssessmentDetailSerializer if self.action == "retrieve" else AssessmentSerializer

    @extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            commune = selectors.assessable_commune_get(user=request.user, pk=data["commune"])
        except Http404 as exc:
            raise exceptions.NotFound({"commune": [_("Không tìm thấy xã này.")]}) from exc
        if not can_create_assessment(request.user, commune, data["stage"]):
            raise exceptions.PermissionDenied(
                _("Bạn không được nhập đánh giá giai đoạn này cho xã này.")
            )
        assessment = services.assessment_create(
            commune=commune,
            period=data["period"],
            stage=data["stage"],
            values=data["values"],
            entered_by=request.user,
            note=data["note"],
        )
        created = selectors.assessment_get(user=request.user, pk=assessment.pk)
        return Response(AssessmentDetailSerializer(created).data, status=status.HTTP_201_CREATED)
