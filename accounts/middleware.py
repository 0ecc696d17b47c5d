"""Steps a signed-in user must take before any other page: change a temporary password, and
(for the roles that require it) enrol a second factor.

Only the pages of the step itself, signing out and the language menu stay reachable; the API
refuses with a 403 instead of redirecting. Token-authenticated API calls are not seen here
(DRF authenticates them later); the token endpoint applies the same rules itself.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.selectors import pending_account_step

STEP_URLS = {
    "change_password": ("account_change_password", ["/accounts/password/change/"]),
    "enrol_mfa": ("mfa_activate_totp", ["/accounts/2fa/", "/accounts/reauthenticate/"]),
}
STEP_MESSAGES = {
    "change_password": _("Bạn đang dùng mật khẩu tạm: hãy đặt mật khẩu mới trước khi tiếp tục."),
    "enrol_mfa": _(
        "Tài khoản của bạn cần xác thực hai yếu tố: hãy cài đặt ứng dụng xác thực trước khi "
        "tiếp tục."
    ),
}
ALWAYS_ALLOWED = ("/accounts/logout/", "/i18n/", "/logout/")


class RequiredStepsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = pending_account_step(request) if request.user.is_authenticated else None
        if step and not _is_allowed(request.path, step):
            return _refuse(request, step)
        return self.get_response(request)


def _is_allowed(path: str, step: str) -> bool:
    prefixes = (*ALWAYS_ALLOWED, settings.STATIC_URL, *STEP_URLS[step][1])
    return path.startswith(tuple("/" + p.lstrip("/") for p in prefixes))


def _refuse(request: HttpRequest, step: str) -> HttpResponse:
    message = str(STEP_MESSAGES[step])
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": step}, status=403)
    messages.warning(request, message)
    return redirect(reverse(STEP_URLS[step][0]))
