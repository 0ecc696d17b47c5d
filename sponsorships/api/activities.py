"""API for agencies, assignments and activities: the same selectors, predicates, filtersets
and services as the pages.

Activities carry optimistic concurrency: GET sends ``ETag: "<version>"``; PUT, PATCH and
DELETE must send ``If-Match`` (428 without it, 412 when it is not the current version, also
when another write wins the race inside the service).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ntm_portal.permissions import PredicatePermission
from sponsorships.api.activity_serializers import (
    AgencySerializer,
    AgencyWriteSerializer,
    AssignmentSerializer,
    AssignmentWriteSerializer,
    SupportActivityCreateSerializer,
    SupportActivitySerializer,
    SupportActivityUpdateSerializer,
)
from sponsorships.filters import AgencyFilterSet, AssignmentFilterSet, SupportActivityFilterSet
from sponsorships.models import SupportActivity
from sponsorships.permissions import (
    can_add_activity,
    can_change_activity,
    can_change_agency,
    can_change_assignment,
    can_delete_activity,
    can_manage_agencies,
    can_manage_assignments,
    can_record_activities,
)
from sponsorships.selectors.activities import activity_list
from sponsorships.selectors.activity_summaries import COUNT_FILTERS, activity_count
from sponsorships.selectors.agencies import agency_list, assignment_list
from sponsorships.services import activities as activity_services
from sponsorships.services import agencies as agency_services

WRITES = ("update", "partial_update", "destroy")


class PreconditionRequired(APIException):
    status_code = 428
    default_code = "precondition_required"

    def __init__(self) -> None:
        super().__init__(
            _("Cần gửi tiêu đề If-Match với ETag của bản ghi (lấy từ lần đọc gần nhất).")
        )


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self) -> None:
        super().__init__(
            _("Bản ghi đã được người khác cập nhật; hãy đọc lại rồi gửi lại thay đổi.")
        )


def etag(activity: SupportActivity) -> str:
    return f'"{activity.version}"'


def expected_version(request: Request, activity: SupportActivity) -> int:
    """The version the client read, from If-Match (428 if absent, 412 if stale)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")}
    if "*" not in tags and str(activity.version) not in tags:
        raise PreconditionFailed()
    return activity.version


class ServiceViewSet(viewsets.ModelViewSet):
    """Read through the selector; write through input serializers and services."""

    permission_classes = [IsAuthenticated, PredicatePermission]
    filter_backends = [DjangoFilterBackend]
    input_serializer_class: Any = None

    def validated(
        self, request: Request, *, partial: bool = False, serializer_class: Any = None
    ) -> dict:
        serializer = (serializer_class or self.input_serializer_class)(
            data=request.data, partial=partial
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def respond(
        self, instance: Any, status_code: int = status.HTTP_200_OK, **headers: str
    ) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)  # reload with what the output shows
        return Response(self.get_serializer(instance).data, status=status_code, headers=headers)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='ETag của lần đọc gần nhất, ví dụ "3"',
)


def documented(
    write_serializer: Any, output: Any, create_serializer: Any = None, headers: list | None = None
):
    """Tell the schema which input serializer each write takes (the output is the read one)."""
    params = headers or []
    return extend_schema_view(
        create=extend_schema(
            request=create_serializer or write_serializer, responses={201: output}
        ),
        update=extend_schema(request=write_serializer, responses=output, parameters=params),
        partial_update=extend_schema(request=write_serializer, responses=output, parameters=params),
        destroy=extend_schema(parameters=params),
    )


@documented(AgencyWriteSerializer, AgencySerializer)
class AgencyViewSet(ServiceViewSet):
    serializer_class = AgencySerializer
    input_serializer_class = AgencyWriteSerializer
    filterset_class = AgencyFilterSet
    view_predicates = {"create": can_manage_agencies}
    object_predicates = dict.fromkeys(WRITES, can_change_agency)

    def get_queryset(self) -> QuerySet:
        return agency_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        agency = agency_services.agency_create(user=request.user, **self.validated(request))
        return self.respond(agency, status.HTTP_201_CREATED)

    def update(
        self, request: Request, *args: Any, partial: bool = False, **kwargs: Any
    ) -> Response:
        agency = self.get_object()
        agency_services.agency_update(
            agency=agency, user=request.user, **self.validated(request, partial=partial)
        )
        return self.respond(agency)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        agency_services.agency_delete(agency=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@documented(AssignmentWriteSerializer, AssignmentSerializer)
class AssignmentViewSet(ServiceViewSet):
    serializer_class = AssignmentSerializer
    input_serializer_class = AssignmentWriteSerializer
    filterset_class = AssignmentFilterSet
    view_predicates = {"create": can_manage_assignments}
    object_predicates = dict.fromkeys(WRITES, can_change_assignment)

    def get_queryset(self) -> QuerySet:
        return assignment_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assignment = agency_services.assignment_create(user=request.user, **self.validated(request))
        return self.respond(assignment, status.HTTP_201_CREATED)

    def update(
        self, request: Request, *args: Any, partial: bool = False, **kwargs: Any
    ) -> Response:
        assignment = self.get_object()
        agency_services.assignment_update(
            assignment=assignment, user=request.user, **self.validated(request, partial=partial)
        )
        return self.respond(assignment)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        agency_services.assignment_delete(assignment=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


ACTIVITY_LIST_DESCRIPTION = (
    "Support activities, newest first by page number, or by id with `?cursor=`. With page "
    "numbers, `count` comes from the activity summaries kept on every write when the list is "
    "unfiltered or filtered only by `year` and `kind` (`sort` does not narrow): the first "
    "page costs the same at any size. Any other filter counts the matching activities; to "
    "read a wide list whole, page with `?cursor=`, which gives no count and costs the same "
    "on every page."
)


@extend_schema_view(list=extend_schema(description=ACTIVITY_LIST_DESCRIPTION))
@documented(
    SupportActivityUpdateSerializer,
    SupportActivitySerializer,
    SupportActivityCreateSerializer,
    [IF_MATCH],
)
class SupportActivityViewSet(ServiceViewSet):
    serializer_class = SupportActivitySerializer
    input_serializer_class = SupportActivityUpdateSerializer
    filterset_class = SupportActivityFilterSet
    view_predicates = {"create": can_record_activities}
    object_predicates = {
        "update": can_change_activity,
        "partial_update": can_change_activity,
        "destroy": can_delete_activity,
    }

    def get_queryset(self) -> QuerySet:
        return activity_list(user=self.request.user)

    def list_count(self, queryset: QuerySet) -> int | None:
        """The page's ``count`` from the summaries when its filters allow (StandardPagination)."""
        params = self.request.query_params
        given = {name for name in self.filterset_class.base_filters if params.get(name)}
        if not given <= COUNT_FILTERS:
            return None  # counted by rows; not validated twice (an agency is a query)
        filterset = self.filterset_class(params, request=self.request)
        if not filterset.is_valid():
            return None
        return activity_count(user=self.request.user, filters=filterset.form.cleaned_data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        activity = self.get_object()
        return Response(self.get_serializer(activity).data, headers={"ETag": etag(activity)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(request, serializer_class=SupportActivityCreateSerializer)
        assignment = data.pop("assignment")
        if not can_add_activity(request.user, assignment):
            raise PermissionDenied(
                _("Bạn chỉ được ghi nhận hoạt động cho phân công của cơ quan mình.")
            )
        activity = activity_services.activity_create(
            assignment=assignment, user=request.user, **data
        )
        return self.respond(activity, status.HTTP_201_CREATED, ETag=etag(activity))

    def update(
        self, request: Request, *args: Any, partial: bool = False, **kwargs: Any
    ) -> Response:
        activity = self.get_object()
        version = expected_version(request, activity)
        data = self.validated(request, partial=partial)
        try:
            activity_services.activity_update(
                activity=activity, user=request.user, expected_version=version, **data
            )
        except activity_services.ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return self.respond(activity, ETag=etag(activity))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        activity = self.get_object()
        version = expected_version(request, activity)
        try:
            activity_services.activity_delete(
                activity=activity, user=request.user, expected_version=version
            )
        except activity_services.ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    """Register this module's viewsets on the sponsorships router."""
    router.register("agencies", AgencyViewSet, basename="agency")
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("activities", SupportActivityViewSet, basename="activity")
