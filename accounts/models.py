"""Accounts: the audit trail of every change to a user account, and named API tokens.

The User model itself lives in the kernel (ntm_portal.models) because every app's roles and
scopes read it; this app owns onboarding, user management, two-factor enrolment and tokens.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class AccountEvent(models.Model):
    """One change to an account: who did what to whom, when, and the values that changed.

    Written by the account services (never by signals), shown on the user's page. Accounts
    are never deleted, so neither is their trail.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Tạo tài khoản")
        INVITED = "invited", _("Gửi thư mời")
        INVITATION_ACCEPTED = "invitation_accepted", _("Nhận lời mời, đặt mật khẩu")
        UPDATED = "updated", _("Sửa thông tin")
        PROFILE_UPDATED = "profile_updated", _("Tự sửa hồ sơ")
        DEACTIVATED = "deactivated", _("Khóa tài khoản (ngừng hoạt động)")
        REACTIVATED = "reactivated", _("Mở lại tài khoản")
        TEMPORARY_PASSWORD_SET = "temporary_password_set", _("Đặt mật khẩu tạm")
        PASSWORD_RESET_SENT = "password_reset_sent", _("Gửi thư đặt lại mật khẩu")
        PASSWORD_CHANGED = "password_changed", _("Đổi mật khẩu")
        UNLOCKED = "unlocked", _("Mở khóa đăng nhập")
        TOKEN_CREATED = "token_created", _("Tạo mã API")
        TOKEN_REVOKED = "token_revoked", _("Thu hồi mã API")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="account_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=32, choices=Action.choices)
    # {"field": [old, new]} for edits; {"note": "..."} for the rest. Never a password.
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nhật ký tài khoản")
        verbose_name_plural = _("nhật ký tài khoản")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_action_display()}"


class ApiToken(AbstractAuthToken):
    """A named API token (django-rest-knox): stored as a hash, shown once, with an expiry."""

    name = models.CharField(_("tên"), max_length=100)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("mã API")
        verbose_name_plural = _("mã API")

    def __str__(self) -> str:
        return self.name
