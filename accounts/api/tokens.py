"""POST /api/v1/auth/token/: a script trades a username and password (and, for an account with
a second factor, its code) for a named, expiring API token.

The same rules as the sign-in page:
- the password is checked by django.contrib.auth.authenticate, so django-axes counts a failure
  and locks the username from that client address (ntm_portal.proxy.client_ip) as it does on
  the page; a locked account gets a 429 saying when to try again;
- an account with a second factor must send a current code (TOTP or a recovery code), checked
  by allauth's own form, which applies allauth's rate limit on wrong codes;
- a temporary password must be changed, and a role that requires a second factor must have
  enrolled one, in the portal first (403).
Every request is also throttled per client address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.core.context import request_context
from allauth.mfa.base.forms import BaseAuthenticateForm
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from knox.settings import knox_settings
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from accounts.api.serializers import (
    AuthRefusalSerializer,
    TokenObtainResponseSerializer,
    TokenObtainSerializer,
)
from accounts.permissions import requires_mfa
from accounts.selectors import has_second_factor, locked_until
from accounts.services.tokens import api_token_create
from ntm_portal.models import User
from ntm_portal.proxy import client_ip

# allauth's "login_failed" limit, which counts wrong codes, is per minute (ACCOUNT_RATE_LIMITS).
MFA_RETRY_AFTER_SECONDS = 60


class TokenObtainThrottle(SimpleRateThrottle):
    """API_TOKEN_OBTAIN_RATE requests per client address (behind the proxy: the client's)."""

    scope = "api_token_obtain"

    def get_rate(self) -> str | None:
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES  # read now, not at import
        return super().get_rate()

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request)}


class LoginLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked"

    def __init__(self, until: dt.datetime) -> None:
        local = timezone.localtime(until)
        message = _(
            "Đăng nhập sai quá nhiều lần từ máy này. Bạn có thể thử lại sau %(time)s ngày %(day)s."
        ) % {"time": date_format(local, "H:i"), "day": date_format(local, "d/m/Y")}
        super().__init__({"detail": message, "code": "locked", "locked_until": until.isoformat()})
        self.wait = max(int((until - timezone.now()).total_seconds()), 1)  # Retry-After


class TooManyCodes(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "too_many_attempts"

    def __init__(self) -> None:
        super().__init__(
            {
                "detail": _("Nhập sai mã xác thực quá nhiều lần; hãy thử lại sau ít phút."),
                "code": "too_many_attempts",
            }
        )
        self.wait = MFA_RETRY_AFTER_SECONDS


REFUSAL = OpenApiResponse(AuthRefusalSerializer)
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Số giây phải chờ trước khi thử lại.",
)


class TokenObtainView(APIView):
    """Trade a username and password (and the second-factor code, when the account has one)
    for a named API token, returned once; send it as ``Authorization: Token <token>``."""

    authentication_classes: list = []  # the credentials are in the body
    permission_classes = [AllowAny]
    throttle_classes = [TokenObtainThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        """Keeps a wrong password a 401 (DRF makes it a 403 without a challenge)."""
        return knox_settings.AUTH_HEADER_PREFIX

    @extend_schema(
        auth=[],
        request=TokenObtainSerializer,
        parameters=[RETRY_AFTER],
        responses={
            201: TokenObtainResponseSerializer,
            401: REFUSAL,
            403: REFUSAL,
            429: OpenApiResponse(
                AuthRefusalSerializer,
                description="Quá nhiều yêu cầu, hoặc tài khoản tạm bị khóa (xem Retry-After).",
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TokenObtainSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = _authenticate(request._request, data["username"], data["password"])
        enrolled = has_second_factor(user)
        if enrolled:
            _check_code(request._request, user, data.get("code"))
        _check_account_steps(user, enrolled=enrolled)
        row, token = api_token_create(
            user=user,
            name=data.get("name") or _default_name(),
            expires_in_days=data.get("expires_in_days", knox_settings.TOKEN_TTL.days),
        )
        AxesProxyHandler.user_logged_in(sender=type(self), request=request._request, user=user)
        body = TokenObtainResponseSerializer(row, context={"token": token}).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})


def _authenticate(request: HttpRequest, username: str, password: str) -> User:
    """The user, or a 401 (wrong credentials, inactive account) or a 429 (locked)."""
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        # Answered here, in JSON; AxesMiddleware would otherwise put its HTML page in place.
        request.axes_locked_out = False
        cool_off = get_cool_off(request) or dt.timedelta(0)
        until = locked_until(username=username, ip_address=client_ip(request))
        raise LoginLocked(until or timezone.now() + cool_off)
    if user is None:
        raise exceptions.AuthenticationFailed(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    return user


def _check_code(request: HttpRequest, user: User, code: str | None) -> None:
    """allauth's check of a TOTP or recovery code, with its rate limit on wrong ones."""
    if not code:
        raise exceptions.AuthenticationFailed(
            {
                "detail": _(
                    "Tài khoản có xác thực hai yếu tố: hãy gửi kèm mã (code) từ ứng dụng "
                    "xác thực hoặc một mã khôi phục."
                ),
                "code": "mfa_required",
            }
        )
    with request_context(request), transaction.atomic():
        form = BaseAuthenticateForm(data={"code": code}, user=user)
        if form.is_valid():
            form.authenticator.record_usage()
            return
    reasons = {error.code for error in form.errors.as_data().get("code", [])}
    if "too_many_login_attempts" in reasons:
        raise TooManyCodes()
    raise exceptions.AuthenticationFailed(
        {"detail": _("Mã xác thực không đúng."), "code": "mfa_invalid"}
    )


def _check_account_steps(user: User, *, enrolled: bool) -> None:
    """What the sign-in page would send the user to do first (RequiredStepsMiddleware)."""
    if user.must_change_password:
        raise exceptions.PermissionDenied(
            {
                "detail": _(
                    "Bạn đang dùng mật khẩu tạm: hãy đăng nhập cổng thông tin và đặt mật khẩu "
                    "mới trước khi lấy mã API."
                ),
                "code": "change_password",
            }
        )
    if requires_mfa(user) and not enrolled:
        raise exceptions.PermissionDenied(
            {
                "detail": _(
                    "Tài khoản của bạn cần xác thực hai yếu tố: hãy đăng nhập cổng thông tin và "
                    "cài đặt ứng dụng xác thực trước khi lấy mã API."
                ),
                "code": "enrol_mfa",
            }
        )


def _default_name() -> str:
    now = timezone.localtime()
    return _("Lấy qua API lúc %(time)s") % {"time": date_format(now, "d/m/Y H:i:s")}
