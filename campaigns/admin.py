from django.contrib import admin

from campaigns.models import (
    Award,
    AwardForm,
    Campaign,
    Contribution,
    EmulationTitle,
    Exemplary,
    Pledge,
)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "kind", "start_date", "end_date")
    list_filter = ("level", "kind")
    search_fields = ("name", "decision_number")
    readonly_fields = ("version", "created_by")


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("campaign", "agency", "commune", "due_date")
    list_filter = ("campaign",)


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ("commune", "period_start", "period_end", "land_m2", "labour_days", "money")
    list_filter = ("period_start",)


@admin.register(Exemplary)
class ExemplaryAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "commune", "campaign")
    list_filter = ("kind", "category")
    search_fields = ("name",)


@admin.register(EmulationTitle)
class EmulationTitleAdmin(admin.ModelAdmin):
    """The list of emulation titles, kept apart from award forms (2022 Law)."""

    list_display = ("name", "recipient_kind", "position", "is_active")
    list_editable = ("position", "is_active")


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ("name", "issuer", "position", "is_active")
    list_editable = ("position", "is_active")


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Read-mostly: proposals, reviews and decisions go through the portal's pages."""

    list_display = ("recipient_name", "title", "form", "campaign", "status", "decision_number")
    list_filter = ("status", "campaign")
    readonly_fields = ("status", "version", "proposed_by")
