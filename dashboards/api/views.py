"""/api/v1/dashboards/province/ and /national/: the figures of the overview pages, from the
same selectors with the same filters (dashboards.forms) and the same scoping."""

from __future__ import annotations

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboards import periods
from dashboards.api.serializers import NationalOverviewSerializer, ProvinceOverviewSerializer
from dashboards.forms import (
    YEAR_MAX,
    YEAR_MIN,
    ProvinceOverviewFilterForm,
    overview_cache_vary,
    overview_filters,
)
from dashboards.selectors.national import national_overview_shared
from dashboards.selectors.province import COMMUNE_GROUP, DISTRICT, province_overview
from ntm_portal import versions
from ntm_portal.permissions import PortalUser, has_portal_role


class HasPortalRole(permissions.BasePermission):
    """Accounts without a portal role see no figures (403), as on the pages."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return has_portal_role(request.user)


class DashboardView(APIView):
    permission_classes = [permissions.IsAuthenticated, HasPortalRole]


PROVINCE_PARAMETERS = [
    OpenApiParameter("province", OpenApiTypes.STR, description="Mã tỉnh; mặc định: tỉnh của cổng."),
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        enum=[periods.YEAR, periods.QUARTER],
        description="Xu hướng theo năm (5 năm, mặc định) hay theo quý (8 quý).",
    ),
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
        description="Năm của số liệu giúp đỡ xã; mặc định: năm nay.",
    ),
    OpenApiParameter(
        "group_by",
        OpenApiTypes.STR,
        enum=[DISTRICT, COMMUNE_GROUP],
        description="So sánh theo huyện (mặc định) hay theo nhóm xã (sau 1/7/2025: nhóm xã).",
    ),
    OpenApiParameter(
        "on",
        OpenApiTypes.DATE,
        description="Cơ cấu hành chính của ngày này (YYYY-MM-DD), trước hay sau sắp xếp 2025.",
    ),
]


class ProvinceOverviewAPIView(DashboardView):
    @extend_schema(
        operation_id="dashboards_province",
        parameters=PROVINCE_PARAMETERS,
        responses=ProvinceOverviewSerializer,
    )
    def get(self, request: Request) -> Response:
        """Cached as the page is, until the next write (ntm_portal/versions.py)."""
        filters = overview_filters(request.query_params)
        vary = overview_cache_vary(request.user, filters)
        return Response(
            versions.cached("api_province_overview", vary, lambda: _data(request.user, filters))
        )


def _data(user: PortalUser, filters: QueryDict) -> dict:
    form = ProvinceOverviewFilterForm(filters, user=user)
    if not form.is_valid():
        raise exceptions.ValidationError({name: list(e) for name, e in form.errors.items()})
    selection = form.selection()
    if selection["province"] is None:
        raise Http404(_("Chưa có dữ liệu đơn vị hành chính."))
    return ProvinceOverviewSerializer(province_overview(user=user, **selection)).data


class NationalOverviewAPIView(DashboardView):
    @extend_schema(operation_id="dashboards_national", responses=NationalOverviewSerializer)
    def get(self, request: Request) -> Response:
        overview = national_overview_shared(user=request.user)
        return Response(NationalOverviewSerializer(overview).data)
