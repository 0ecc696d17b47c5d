"""Admin for administrative units (the coordination office corrects reference data here).

The NTM cache columns (criteria_met, meets_standard, …) are written by criteria.services and
shown read-only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, CommuneSuccession, District, Province, Village


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "is_sample_data", "valid_from", "valid_to"]
    list_filter = ["region", "is_sample_data"]
    search_fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "valid_from", "valid_to"]
    list_filter = ["province", "kind"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0


class PredecessorInline(admin.TabularInline):
    """The units merged into this one (the merger map import writes them)."""

    model = CommuneSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]
    verbose_name = _("đơn vị trước sáp nhập")
    verbose_name_plural = _("đơn vị trước sáp nhập")


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
        "valid_from",
        "valid_to",
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
    inlines = [VillageInline, PredecessorInline]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "commune"]
    search_fields = ["name", "commune__name", "commune__code"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
