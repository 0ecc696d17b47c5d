from django.contrib import admin

from campaigns.models import Campaign


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "kind", "start_date", "end_date")
    list_filter = ("level", "kind")
    search_fields = ("name", "decision_number")
    readonly_fields = ("version", "created_by")
