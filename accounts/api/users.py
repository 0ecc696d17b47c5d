"""Users API for the coordination office (/api/v1/users/) and every user's own account
(/api/v1/me/): the same services, with their permission checks, as the pages.

No delete: accounts are deactivated, never deleted. Edits carry optimistic concurrency like the
activities API: GET sends ``ETag: "<version>"``; PATCH must send ``If-Match`` (428 without it,
412 when it is stale, also when another edit wins the race inside the service). A malformed
body is a 400 first, whatever the If-Match.
"""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import (
    MeSerializer,
    MeUpdateSerializer,
    UserCreateSerializer,
    UserSerializer,
    UserUpdateSerializer,
)
from accounts.filters import UserFilterSet
from accounts.permissions import can_change_user, can_change_user_access, can_manage_users
from accounts.selectors import me_get, user_get, user_list
from accounts.services import users as services
from ntm_portal.concurrency import ConcurrentUpdateError
from ntm_portal.models import User
from ntm_portal.permissions import PredicatePermission
from sponsorships.api.activities import IF_MATCH, PreconditionFailed, expected_version

ACTIONS = ("list", "retrieve", "create", "partial_update", "deactivate", "reactivate")


def etag(user: User) -> str:
    return f'"{user.version}"'


def validated(serializer_class: Any, request: Request, *, partial: bool = False) -> dict:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    create=extend_schema(request=UserCreateSerializer, responses={201: UserSerializer}),
    partial_update=extend_schema(
        request=UserUpdateSerializer, responses=UserSerializer, parameters=[IF_MATCH]
    ),
    deactivate=extend_schema(request=None, responses=UserSerializer),
    reactivate=extend_schema(request=None, responses=UserSerializer),
)
class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = UserSerializer
    permission_classes = [IsAuthenticated, PredicatePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = UserFilterSet
    # Only numbers reach get_object: "/users/abc/" is the API's 404, not a 500.
    lookup_value_regex = r"[0-9]+"
    view_predicates = dict.fromkeys(ACTIONS, can_manage_users)
    object_predicates = {
        "partial_update": can_change_user,
        "deactivate": can_change_user_access,
        "reactivate": can_change_user_access,
    }

    def get_queryset(self):
        return user_list(user=self.request.user)

    def get_object(self) -> User:
        user = user_get(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, user)
        return user

    def respond(self, user: User, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = user_get(user=self.request.user, pk=user.pk)  # with the list's annotations
        return Response(
            UserSerializer(fresh).data, status=status_code, headers={"ETag": etag(fresh)}
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = self.get_object()
        return Response(self.get_serializer(user).data, headers={"ETag": etag(user)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = validated(UserCreateSerializer, request)
        user = services.user_create(actor=request.user, **data)
        return self.respond(user, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = self.get_object()
        data = validated(UserUpdateSerializer, request, partial=True)
        version = expected_version(request, user)
        try:
            services.user_update(user=user, actor=request.user, expected_version=version, **data)
        except ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return self.respond(user)

    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        return self.respond(services.user_deactivate(user=self.get_object(), actor=request.user))

    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        return self.respond(services.user_reactivate(user=self.get_object(), actor=request.user))


class MeView(APIView):
    """My account: profile, role and scope (set by the office), second factor."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return self.respond(request.user)

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer, parameters=[IF_MATCH])
    def patch(self, request: Request) -> Response:
        # The stored account: over a session request.user is a lazy wrapper, not the model.
        user = me_get(user=request.user)
        data = validated(MeUpdateSerializer, request, partial=True)
        version = expected_version(request, user)
        try:
            services.user_profile_update(user=user, expected_version=version, **data)
        except ConcurrentUpdateError:
            raise PreconditionFailed() from None
        return self.respond(user)

    def respond(self, user: User) -> Response:
        fresh = me_get(user=user)
        return Response(MeSerializer(fresh).data, headers={"ETag": etag(fresh)})
