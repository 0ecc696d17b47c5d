"""GET /api/v1/dashboards/actions/: what needs action, the same lists, counts and filters as
/dashboards/actions/ (dashboards.forms.ActionFilterForm; an invalid filter is a 400)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from criteria.api.serializers import PeriodSerializerField
from criteria.selectors import shortfall
from dashboards.forms import MONTHS_MAX, ActionFilterForm
from dashboards.selectors.actions import LIST_KEYS, ActionRow, action_board
from ntm_portal.permissions import has_portal_role


class HasPortalRole(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_portal_role(request.user)


class IndicatorGapSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    comparator = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    threshold = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    result = serializers.CharField()
    is_verified = serializers.BooleanField()
    shortfall = serializers.SerializerMethodField(
        help_text="|ngưỡng − giá trị|; null cho chỉ tiêu đạt/không đạt hoặc khi thiếu số liệu."
    )

    def get_shortfall(self, line: Any) -> float | None:
        value = shortfall(line)
        return None if value is None else float(value)


class CriterionGapSerializer(serializers.Serializer):
    criterion_id = serializers.IntegerField()
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    is_critical = serializers.BooleanField()
    result = serializers.CharField()
    indicators = IndicatorGapSerializer(many=True)


class LostCriterionSerializer(serializers.Serializer):
    criterion_id = serializers.IntegerField()
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    is_critical = serializers.BooleanField()
    result = serializers.CharField()
    previous_period = PeriodSerializerField()


class ActionCommuneSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    district = serializers.CharField(source="district.name", allow_null=True, default=None)
    ntm_level = serializers.CharField()
    ntm_level_year = serializers.IntegerField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    difficulty = serializers.CharField()
    criteria_met = serializers.IntegerField(allow_null=True)
    criteria_total = serializers.IntegerField(allow_null=True)
    assessed_period = PeriodSerializerField(allow_null=True)


class ActionRowSerializer(serializers.Serializer):
    commune = ActionCommuneSerializer()
    gaps = CriterionGapSerializer(many=True, help_text="Danh sách close, no_longer.")
    lost = LostCriterionSerializer(many=True, help_text="Danh sách lost.")
    revocation_applies = serializers.BooleanField(
        help_text="Danh sách no_longer: quy tắc thu hồi của QĐ 18/2022/QĐ-TTg áp dụng."
    )
    months_since_assessed = serializers.IntegerField(allow_null=True)
    past_assignment_count = serializers.SerializerMethodField(help_text="Danh sách no_sponsor.")

    def get_past_assignment_count(self, row: ActionRow) -> int | None:
        return getattr(row.commune, "past_assignment_count", None)


class ActionListSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=LIST_KEYS)
    title = serializers.CharField()
    rule = serializers.CharField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = ActionRowSerializer(source="rows", many=True)


class ActionCountsSerializer(serializers.Serializer):
    close = serializers.IntegerField()
    lost = serializers.IntegerField()
    no_longer = serializers.IntegerField()
    off_track = serializers.IntegerField()
    no_sponsor = serializers.IntegerField()
    stale = serializers.IntegerField()


class ActionBoardSerializer(serializers.Serializer):
    province = serializers.CharField(source="filters.province.code", allow_null=True, default=None)
    district = serializers.IntegerField(source="filters.district.pk", allow_null=True, default=None)
    months = serializers.IntegerField(source="filters.months")
    counts = ActionCountsSerializer()
    lists = ActionListSerializer(many=True)


PARAMETERS = [
    OpenApiParameter(
        "province", OpenApiTypes.STR, description="Mã tỉnh (mặc định: tỉnh của cổng)."
    ),
    OpenApiParameter("district", OpenApiTypes.INT, description="Mã số (id) huyện của tỉnh."),
    OpenApiParameter(
        "list", OpenApiTypes.STR, enum=list(LIST_KEYS), description="Chỉ một danh sách."
    ),
    OpenApiParameter(
        "months",
        {"type": "integer", "minimum": 1, "maximum": MONTHS_MAX},
        description="Danh sách stale: chưa đánh giá quá số tháng này (mặc định theo cấu hình).",
    ),
    OpenApiParameter(
        "page", {"type": "integer", "minimum": 1}, description="Trang của danh sách đã chọn."
    ),
]


class ActionBoardView(APIView):
    """Every list with its count (the first rows of each), or one list (?list=) page by page."""

    permission_classes = [permissions.IsAuthenticated, HasPortalRole]

    @extend_schema(parameters=PARAMETERS, responses=ActionBoardSerializer)
    def get(self, request: Request) -> Response:
        form = ActionFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        board = action_board(
            user=request.user,
            filters=form.filters(),
            only=form.cleaned_data.get("list") or None,
            page=form.cleaned_data.get("page") or 1,
        )
        return Response(ActionBoardSerializer(board).data)
