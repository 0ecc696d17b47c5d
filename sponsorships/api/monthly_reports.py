"""API for monthly reports: /api/v1/monthly-reports/ with the same scope, filters, predicates and
services as the pages. Writes: PATCH a draft (with its ``version``), and the actions ``submit``,
``accept`` and ``return`` (with a ``reason``)."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from ntm_portal import periods
from ntm_portal.api import InputSerializer
from ntm_portal.permissions import PredicatePermission
from sponsorships import report_permissions as perms
from sponsorships.models import MonthlyReport, MonthlyReportEvent, MonthlyReportVersion
from sponsorships.report_filters import MonthlyReportFilterSet
from sponsorships.selectors.monthly_reports import monthly_report_get, monthly_report_list
from sponsorships.selectors.report_counts import with_known_count
from sponsorships.selectors.report_versions import monthly_report_view
from sponsorships.services import monthly_reports as services


class MonthlyReportEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(
        source="actor.username", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = MonthlyReportEvent
        fields = ["action", "actor", "reason", "version_number", "created_at"]


class CriterionLineSerializer(serializers.Serializer):
    """A criterion line of the report content (report_content.CriterionItem)."""

    criterion = serializers.IntegerField(source="id")
    number = serializers.IntegerField()
    name = serializers.CharField()
    is_focus = serializers.BooleanField()
    has_changed = serializers.BooleanField()
    result = serializers.CharField()
    progress = serializers.CharField()


class MonthlyReportVersionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(
        source="submitted_by.username", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = MonthlyReportVersion
        fields = ["number", "submitted_at", "submitted_by", "is_late", "created_at"]
        read_only_fields = fields


class ContentActivitySerializer(serializers.Serializer):
    """An activity as the report content holds it (frozen once the report is sent)."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField()
    kind = serializers.CharField()
    amount = serializers.IntegerField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    quantity_unit = serializers.CharField()
    labour_days = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)
    criteria = serializers.ListField(child=serializers.IntegerField())


class LateActivitySerializer(serializers.Serializer):
    """An activity recorded or changed after its month's report was sent (read live)."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField()
    kind = serializers.CharField()
    amount = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class ContentTotalsSerializer(serializers.Serializer):
    activities = serializers.IntegerField()
    amount = serializers.IntegerField()
    labour_days = serializers.DecimalField(max_digits=14, decimal_places=1)


class MonthlyReportSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField()
    agency = serializers.IntegerField(source="assignment.agency_id", read_only=True)
    agency_name = serializers.CharField(source="assignment.agency.name", read_only=True)
    commune = serializers.IntegerField(source="assignment.commune_id", read_only=True)
    commune_name = serializers.CharField(source="assignment.commune.name", read_only=True)
    submitted_by = serializers.CharField(
        source="submitted_by.username", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "period",
            "assignment",
            "agency",
            "agency_name",
            "commune",
            "commune_name",
            "due_at",
            "status",
            "submitted_at",
            "submitted_by",
            "is_late",
            "difficulties",
            "proposals",
            "next_month_plan",
            "reminders_sent",
            "version",
        ]
        read_only_fields = fields

    def get_period(self, report) -> str:
        return periods.format_period(report.period)


class MonthlyReportDetailSerializer(MonthlyReportSerializer):
    """A report with its content as the page shows it: the latest version once sent (``shown_
    version``), live while with the agency; and the activities recorded after sending."""

    criteria = serializers.SerializerMethodField()
    shown_version = serializers.SerializerMethodField()
    activities = serializers.SerializerMethodField()
    totals = serializers.SerializerMethodField()
    recorded_after_submission = serializers.SerializerMethodField()
    earlier_months_recorded_after_submission = serializers.SerializerMethodField()
    versions = MonthlyReportVersionSerializer(many=True, read_only=True)
    events = MonthlyReportEventSerializer(many=True, read_only=True)

    class Meta(MonthlyReportSerializer.Meta):
        fields = [
            *MonthlyReportSerializer.Meta.fields,
            "criteria",
            "shown_version",
            "activities",
            "totals",
            "recorded_after_submission",
            "earlier_months_recorded_after_submission",
            "versions",
            "events",
        ]
        read_only_fields = fields

    def to_representation(self, report):
        user, number = self.context["request"].user, self.context.get("version_number")
        self._shown = monthly_report_view(user=user, report=report, number=number)
        return super().to_representation(report)

    @extend_schema_field(CriterionLineSerializer(many=True))
    def get_criteria(self, report) -> list[dict]:
        return CriterionLineSerializer(self._shown.content.criteria, many=True).data

    def get_shown_version(self, report) -> int | None:
        return self._shown.version.number if self._shown.version else None

    @extend_schema_field(ContentActivitySerializer(many=True))
    def get_activities(self, report) -> list[dict]:
        return ContentActivitySerializer(self._shown.content.activities, many=True).data

    @extend_schema_field(ContentTotalsSerializer)
    def get_totals(self, report) -> dict:
        return ContentTotalsSerializer(self._shown.content.totals).data

    @extend_schema_field(LateActivitySerializer(many=True))
    def get_recorded_after_submission(self, report) -> list[dict]:
        return LateActivitySerializer(self._shown.recorded_after, many=True).data

    @extend_schema_field(LateActivitySerializer(many=True))
    def get_earlier_months_recorded_after_submission(self, report) -> list[dict]:
        return LateActivitySerializer(self._shown.earlier_recorded_after, many=True).data


class CriterionProgressSerializer(InputSerializer):
    criterion = serializers.IntegerField()
    progress = serializers.CharField(allow_blank=True, max_length=10000)


class MonthlyReportUpdateSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1)
    difficulties = serializers.CharField(allow_blank=True, required=False, max_length=10000)
    proposals = serializers.CharField(allow_blank=True, required=False, max_length=10000)
    next_month_plan = serializers.CharField(allow_blank=True, required=False, max_length=10000)
    criteria = CriterionProgressSerializer(many=True, required=False)


class MonthlyReportAcceptSerializer(InputSerializer):
    # The version the reviewer read; when given and no longer the latest, the review is a 400.
    version_number = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class MonthlyReportReturnSerializer(MonthlyReportAcceptSerializer):
    # Blank is let through so the service gives its own message ("give a reason").
    reason = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class KeptFilterBackend(DjangoFilterBackend):
    """Keeps the filterset on the view: the pager's count reads its cleaned data."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


class MonthlyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [PredicatePermission]
    # get_object looks the id up itself (not through DRF's 404-on-ValueError lookup), so the
    # route only matches numbers; "/monthly-reports/abc/" is the API's JSON 404, not a 500.
    lookup_value_regex = r"[0-9]+"
    filter_backends = [KeptFilterBackend, OrderingFilter]
    filterset_class = MonthlyReportFilterSet
    filterset = None
    ordering_fields = ["period", "due_at", "submitted_at"]
    object_predicates = {
        "partial_update": perms.can_edit_monthly_report,
        "submit": perms.can_submit_monthly_report,
        "accept": perms.can_review_monthly_report,
        "return_report": perms.can_review_monthly_report,
    }

    def get_queryset(self):
        return monthly_report_list(user=self.request.user)

    def paginate_queryset(self, queryset):
        """Page numbers take their count from the report counts when those can tell."""
        if self.paginator.cursor_query_param not in self.request.query_params and self.filterset:
            user = self.request.user
            queryset = with_known_count(queryset, user=user, filterset=self.filterset)
        return super().paginate_queryset(queryset)

    def get_object(self):
        report = monthly_report_get(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, report)
        return report

    def get_serializer_class(self):
        return MonthlyReportSerializer if self.action == "list" else MonthlyReportDetailSerializer

    def _detail(self, report) -> Response:
        fresh = monthly_report_get(user=self.request.user, pk=report.pk)
        context = self.get_serializer_context()
        return Response(MonthlyReportDetailSerializer(fresh, context=context).data)

    @extend_schema(responses=MonthlyReportDetailSerializer)
    @action(
        detail=True, methods=["get"], url_path=r"versions/(?P<number>[0-9]+)", url_name="version"
    )
    def version(self, request, pk=None, number=None):
        """The report as one of its versions says it (404 if it has no such version)."""
        report = self.get_object()
        context = {**self.get_serializer_context(), "version_number": int(number)}
        return Response(MonthlyReportDetailSerializer(report, context=context).data)

    @extend_schema(request=MonthlyReportUpdateSerializer, responses=MonthlyReportDetailSerializer)
    def partial_update(self, request, pk=None):
        report = self.get_object()
        data = MonthlyReportUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.monthly_report_update(
            report=report,
            actor=request.user,
            version=values["version"],
            difficulties=values.get("difficulties", report.difficulties),
            proposals=values.get("proposals", report.proposals),
            next_month_plan=values.get("next_month_plan", report.next_month_plan),
            criteria_progress={r["criterion"]: r["progress"] for r in values.get("criteria", [])},
        )
        return self._detail(report)

    @extend_schema(request=None, responses=MonthlyReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = services.monthly_report_submit(report=self.get_object(), actor=request.user)
        return self._detail(report)

    @extend_schema(request=MonthlyReportAcceptSerializer, responses=MonthlyReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        report = self.get_object()
        data = MonthlyReportAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        number = data.validated_data.get("version_number")
        return self._detail(
            services.monthly_report_accept(report=report, actor=request.user, version_number=number)
        )

    @extend_schema(request=MonthlyReportReturnSerializer, responses=MonthlyReportDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        report = self.get_object()
        data = MonthlyReportReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        return self._detail(
            services.monthly_report_return(
                report=report,
                actor=request.user,
                reason=values["reason"],
                version_number=values.get("version_number"),
            )
        )


def register(router) -> None:
    """Register this module's viewsets on the sponsorships router."""
    router.register("monthly-reports", MonthlyReportViewSet, basename="monthly-report")
