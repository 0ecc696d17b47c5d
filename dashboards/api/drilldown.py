"""/api/v1/dashboards/{districts,criteria,indicators}/<id>/: the drill-down pages' figures,
from the same selectors and the same URL filters (?province=, ?district=; invalid: 400)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboards.forms import DrilldownFilterForm
from dashboards.selectors import drilldown as selectors
from ntm_portal.permissions import has_portal_role


class PortalRole(IsAuthenticated):
    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and has_portal_role(request.user)


# --- Output serializers (read only, explicit fields) ------------------------------------


class DrilldownUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DrilldownCommuneBriefSerializer(DrilldownUnitSerializer):
    district = DrilldownUnitSerializer(allow_null=True)


class DrilldownCommuneScoreSerializer(DrilldownCommuneBriefSerializer):
    kind = serializers.CharField()
    criteria_met = serializers.IntegerField(allow_null=True)
    criteria_total = serializers.IntegerField(allow_null=True)
    meets_standard = serializers.BooleanField()
    assessed_period = serializers.DateField(allow_null=True)


class DrilldownCriterionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DrilldownCriterionCountSerializer(serializers.Serializer):
    criterion = DrilldownCriterionBriefSerializer()
    met = serializers.IntegerField()
    not_met = serializers.IntegerField()
    not_assessed = serializers.IntegerField()


class DistrictDrilldownSerializer(serializers.Serializer):
    district = DrilldownUnitSerializer()
    communes = serializers.IntegerField(help_text="Đơn vị cấp xã của huyện.")
    xa = serializers.IntegerField(help_text="Trong đó xã (đánh giá theo bộ tiêu chí xã).")
    assessed_xa = serializers.IntegerField()
    meeting_standard = serializers.IntegerField()
    average_criteria_met = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    criteria = DrilldownCriterionCountSerializer(many=True)
    rows = DrilldownCommuneScoreSerializer(
        many=True, help_text="Các xã, nhiều tiêu chí đạt nhất trước."
    )


class DrilldownCountsSerializer(serializers.Serializer):
    met = serializers.IntegerField()
    not_met = serializers.IntegerField()
    not_assessed = serializers.IntegerField()


class DrilldownScopeSerializer(serializers.Serializer):
    province = DrilldownUnitSerializer(allow_null=True)
    district = DrilldownUnitSerializer(allow_null=True)


class DrilldownIndicatorBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    comparator = serializers.CharField()
    unit = serializers.CharField()


class DrilldownIndicatorValueSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    code = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    threshold = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    result = serializers.ChoiceField(choices=["met", "not_met", "not_assessed"])
    shortfall = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="Còn thiếu bao nhiêu so với ngưỡng (0 khi đạt).",
    )


class DrilldownCommuneCriterionSerializer(serializers.Serializer):
    commune = DrilldownCommuneBriefSerializer()
    result = serializers.ChoiceField(choices=["met", "not_met", "not_assessed"])
    indicators = DrilldownIndicatorValueSerializer(many=True)


class DrilldownAgencyBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DrilldownSponsorSerializer(serializers.Serializer):
    assignment_id = serializers.IntegerField(source="assignment.pk")
    agency = DrilldownAgencyBriefSerializer(source="assignment.agency")
    commune = DrilldownUnitSerializer(source="assignment.commune")
    activities = serializers.IntegerField(source="count", help_text="Hoạt động trong năm.")
    amount = serializers.IntegerField(help_text="Giá trị (đồng) trong năm.")
    criterion_activities = serializers.IntegerField(source="criterion_count")
    criterion_amount = serializers.IntegerField()


class CriterionDrilldownSerializer(serializers.Serializer):
    criterion = DrilldownCriterionBriefSerializer()
    scope = DrilldownScopeSerializer()
    counts = DrilldownCountsSerializer()
    indicators = DrilldownIndicatorBriefSerializer(many=True)
    communes = DrilldownCommuneCriterionSerializer(many=True, source="rows")
    year = serializers.IntegerField()
    sponsors = DrilldownSponsorSerializer(many=True)


class DrilldownCommuneIndicatorSerializer(serializers.Serializer):
    commune = DrilldownCommuneBriefSerializer()
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, source="line.value"
    )
    threshold = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, source="line.threshold"
    )
    result = serializers.ChoiceField(
        choices=["met", "not_met", "not_assessed"], source="line.result"
    )
    shortfall = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, source="line.shortfall"
    )


class IndicatorDrilldownSerializer(serializers.Serializer):
    indicator = DrilldownIndicatorBriefSerializer()
    criterion = DrilldownCriterionBriefSerializer(source="indicator.criterion")
    scope = DrilldownScopeSerializer()
    counts = DrilldownCountsSerializer()
    communes = DrilldownCommuneIndicatorSerializer(
        many=True, source="rows", help_text="Gần ngưỡng nhất trước; chưa đánh giá cuối cùng."
    )


# --- Views ------------------------------------------------------------------------------

SCOPE_PARAMETERS = [
    OpenApiParameter("province", OpenApiTypes.INT, description="Tỉnh (mặc định: tỉnh của cổng)."),
    OpenApiParameter("district", OpenApiTypes.INT, description="Chỉ các xã của huyện này."),
    OpenApiParameter("commune", OpenApiTypes.INT, description="Xã đang xem (không lọc)."),
]


def scope_from(request: Request) -> selectors.Scope:
    form = DrilldownFilterForm(request.query_params)
    if not form.is_valid():
        raise exceptions.ValidationError(
            {field: [str(e) for e in errors] for field, errors in form.errors.items()}
        )
    data = form.cleaned_data
    return selectors.scope_of(province=data.get("province"), district=data.get("district"))


class DistrictDrilldownView(APIView):
    permission_classes = [PortalRole]

    @extend_schema(
        operation_id="dashboards_district_retrieve",
        responses=DistrictDrilldownSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        """A district: communes, at standard, average criteria, per-criterion counts, its
        communes by score."""
        district = selectors.district_get(user=request.user, pk=pk)
        drilldown = selectors.district_drilldown(user=request.user, district=district)
        return Response(DistrictDrilldownSerializer(drilldown).data)


class CriterionDrilldownView(APIView):
    permission_classes = [PortalRole]

    @extend_schema(
        operation_id="dashboards_criterion_retrieve",
        parameters=SCOPE_PARAMETERS,
        responses=CriterionDrilldownSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        """A criterion across the province (or a district): which xã meet it, their indicator
        values against thresholds, and the agencies focused on it with this year's totals."""
        criterion = selectors.criterion_get(user=request.user, pk=pk)
        drilldown = selectors.criterion_drilldown(
            user=request.user, criterion=criterion, scope=scope_from(request)
        )
        return Response(CriterionDrilldownSerializer(drilldown).data)


class IndicatorDrilldownView(APIView):
    permission_classes = [PortalRole]

    @extend_schema(
        operation_id="dashboards_indicator_retrieve",
        parameters=SCOPE_PARAMETERS,
        responses=IndicatorDrilldownSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        """An indicator: every xã's current value against its threshold, closest first."""
        indicator = selectors.indicator_get(user=request.user, pk=pk)
        drilldown = selectors.indicator_drilldown(
            user=request.user, indicator=indicator, scope=scope_from(request)
        )
        return Response(IndicatorDrilldownSerializer(drilldown).data)
