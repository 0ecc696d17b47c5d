from django.contrib import admin

from campaigns.models import Campaign, Contribution, Exemplary, Pledge


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
