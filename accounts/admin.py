"""Users in /admin/, for superusers: the office manages accounts in the portal's own pages
(accounts.views.users), which record every change; here nothing is ever deleted either."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountEvent
from ntm_portal.models import User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff", "is_superuser")
    raw_id_fields = ("agency", "commune")  # a national deployment has 10,000 communes
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Vai trò và đơn vị"), {"fields": ("role", "agency", "commune", "phone")}),
        (_("Đăng nhập"), {"fields": ("must_change_password",)}),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "actor", "action")
    list_filter = ("action",)
    raw_id_fields = ("user", "actor")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
