"""The admin, branded and in Vietnamese.

Django's own title is "Trang quản trị cho Django"; the apps the portal installs from elsewhere
(axes, allauth's MFA and sessions) carry English names that their catalogues do not translate.
The portal's apps name themselves (apps.py, Meta.verbose_name); the others are named here, for
the admin only, so no third-party model changes (and no migration follows).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ntm_portal.text import fold

# app_label → Vietnamese section name, for apps that are not the portal's.
APP_NAMES = {
    "axes": _("Chống dò mật khẩu"),
    "account": _("Địa chỉ email đăng nhập"),
    "mfa": _("Xác thực nhiều yếu tố"),
    "usersessions": _("Phiên đăng nhập"),
    "knox": _("Mã API (knox)"),
}

# (app_label, object_name) → Vietnamese plural name shown in the admin's lists.
MODEL_NAMES = {
    ("axes", "AccessAttempt"): _("Lần đăng nhập sai"),
    ("axes", "AccessFailureLog"): _("Nhật ký đăng nhập sai"),
    ("axes", "AccessLog"): _("Nhật ký truy cập"),
    ("axes", "AccessAttemptExpiration"): _("Hạn khóa đăng nhập"),
    ("mfa", "Authenticator"): _("Thiết bị xác thực"),
    ("usersessions", "UserSession"): _("Phiên đăng nhập của người dùng"),
}


class PortalAdminSite(admin.AdminSite):
    site_header = _("Quản trị NTM Portal")
    site_title = _("Quản trị NTM Portal")
    index_title = _("Quản trị hệ thống")

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            _rename(app)
        return sorted(app_list, key=lambda app: fold(str(app["name"])))


def _rename(app: dict[str, Any]) -> None:
    label = app["app_label"]
    app["name"] = APP_NAMES.get(label, app["name"])
    for model in app["models"]:
        model["name"] = MODEL_NAMES.get((label, model["object_name"]), model["name"])
