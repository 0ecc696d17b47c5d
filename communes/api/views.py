"""Read-only API for administrative units: the same selectors and FilterSet as the pages."""

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated

from communes import selectors
from communes.api.serializers import CommuneSerializer, DistrictSerializer, ProvinceSerializer
from communes.filters import CommuneFilterSet, DistrictFilterSet, ProvinceFilterSet
from communes.models import Commune, District, Province
from ntm_portal.permissions import PredicatePermission


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, PredicatePermission]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # A unit is found by id whatever its period: the lists default to the units in force.
        return queryset if self.action == "retrieve" else super().filter_queryset(queryset)


class CommuneViewSet(ReadOnlyViewSet):
    """Communes in force on `on` (YYYY-MM-DD; default today); filtered by q, district, kind,
    ntm_level, difficulty, criteria_met (exact), criteria_met_min/max, criterion (a number of
    the set in force) with criterion_result (met, the default, not_met or not_assessed); sorted
    by ordering."""

    filter_backends = [DjangoFilterBackend]  # CommuneFilterSet does the ordering too
    filterset_class = CommuneFilterSet
    # One serializer for list and retrieve: one schema component, villages in one extra query.
    serializer_class = CommuneSerializer

    def get_queryset(self) -> QuerySet[Commune]:
        return selectors.commune_list(user=self.request.user).prefetch_related("villages")


class ProvinceViewSet(ReadOnlyViewSet):
    """Provinces in force on `on` (YYYY-MM-DD; default today)."""

    serializer_class = ProvinceSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProvinceFilterSet

    def get_queryset(self) -> QuerySet[Province]:
        return selectors.province_list(user=self.request.user)


class DistrictViewSet(ReadOnlyViewSet):
    """Districts in force on `on` (YYYY-MM-DD; default today: none after 1/7/2025)."""

    serializer_class = DistrictSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = DistrictFilterSet

    def get_queryset(self) -> QuerySet[District]:
        return selectors.district_list(user=self.request.user).order_by("code")
