"""Admin for agencies, assignments and activities. Reference data (agencies, assignments) is
edited here too; history is kept by simple_history (the "History" button)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sponsorships.models import Agency, Assignment, Evidence, SupportActivity


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "commune", "start_date", "end_date", "decision_number"]
    list_filter = ["agency"]
    list_select_related = ["agency", "commune"]
    search_fields = ["agency__name", "commune__name", "decision_number"]
    autocomplete_fields = ["agency", "commune"]
    filter_horizontal = ["focus_criteria"]
    date_hierarchy = "start_date"


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(SupportActivity)
class SupportActivityAdmin(SimpleHistoryAdmin):
    """Read-mostly: activities are recorded and corrected on the pages, through the services."""

    list_display = ["date", "title", "assignment", "kind", "amount", "is_sample"]
    list_filter = ["kind", "funding_source", "is_sample", "assignment__agency"]
    list_select_related = ["assignment__agency", "assignment__commune"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    inlines = [EvidenceInline]
    readonly_fields = [
        "assignment",
        "version",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["village"]

    def has_add_permission(self, request) -> bool:
        return False
