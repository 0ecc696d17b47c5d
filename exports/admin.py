"""Export jobs in /admin/, read-only: to see what ran, how long, and why one failed."""

from django.contrib import admin

from exports.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "requested_by", "status", "progress", "created_at", "expires_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["requested_by"]
    raw_id_fields = ["requested_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
