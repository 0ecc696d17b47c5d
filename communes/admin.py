"""Admin for administrative units (the coordination office corrects reference data here).

The NTM cache columns (criteria_met, meets_standard, …) are written by criteria.services and
shown read-only.
"""

from django.contrib import admin

from communes.models import Commune, District, Province, Village


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "is_sample_data"]
    list_filter = ["region", "is_sample_data"]
    search_fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["province", "kind"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "district",
        "difficulty",
        "ntm_level",
        "ntm_level_year",
        "target_year",
        "criteria_met",
        "meets_standard",
    ]
    list_filter = [
        "province",
        "district",
        "kind",
        "region",
        "commune_group",
        "difficulty",
        "ntm_level",
        "meets_standard",
    ]
    search_fields = ["code", "name", "search_name"]
    list_select_related = ["district"]
    readonly_fields = ["criteria_met", "criteria_total", "meets_standard", "assessed_period"]
    inlines = [VillageInline]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "commune"]
    search_fields = ["name", "commune__name", "commune__code"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
