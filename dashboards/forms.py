"""The dashboards' URL filters, one definition for each page and its API.

An invalid value is an error on both (the page shows it and lists nothing, the API answers 400),
never silently replaced by the default. An empty value means "not given".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from communes.fields import UnitCodeChoiceField
from communes.models import Commune, District, Province
from communes.selectors import (
    has_districts_on,
    portal_province,
    province_last_day,
    province_list,
    province_on,
)
from dashboards import periods
from dashboards.selectors.actions import ACTION_LISTS, ActionFilters
from dashboards.selectors.province import COMMUNE_GROUP, DISTRICT
from ntm_portal.permissions import PortalUser, content_scope
from ntm_portal.widgets import LongSelect

YEAR_MIN, YEAR_MAX = 2000, 2100
TREND_CHOICES = [(periods.YEAR, _("Theo năm")), (periods.QUARTER, _("Theo quý"))]
GROUP_CHOICES = [(DISTRICT, _("Theo huyện")), (COMMUNE_GROUP, _("Theo nhóm xã"))]
MONTHS_MAX = 240


class ProvinceOverviewFilterForm(forms.Form):
    province = UnitCodeChoiceField(
        label=_("Tỉnh"),
        queryset=None,
        required=False,
        empty_label=_("Tỉnh của cổng"),
        error_messages={"invalid_choice": _("Không có tỉnh với mã này.")},
    )
    period = forms.ChoiceField(
        label=_("Xu hướng"),
        choices=TREND_CHOICES,
        required=False,
    )
    year = forms.IntegerField(
        label=_("Năm (giúp đỡ xã)"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        required=False,
        error_messages={"invalid": _("Nhập một năm, ví dụ 2026.")},
    )
    group_by = forms.ChoiceField(
        label=_("So sánh"),
        choices=GROUP_CHOICES,
        required=False,
    )
    on = forms.DateField(
        label=_("Cơ cấu hành chính ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Để trống: mọi đơn vị của tỉnh. Trước hay sau 1/7/2025 đều được."),
        error_messages={"invalid": _("Nhập một ngày dạng YYYY-MM-DD.")},
    )

    def __init__(self, data: Any = None, *, user: PortalUser, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["province"].queryset = province_list(user=user).order_by("code")

    def selection(self) -> dict[str, Any]:
        """The valid filters with their defaults: province, trend_kind, year, group_by, on.

        With a structure date, the province is the one in force that day (Thái Nguyên for
        Bắc Kạn after 1/7/2025); where it had no districts that day (or today, or on its last
        day), communes group by commune group.
        """
        data = self.cleaned_data
        province, day = data.get("province") or portal_province(), data.get("on")
        group_by = data.get("group_by") or DISTRICT
        if day and province:
            province = province_on(province=province, day=day)
        if province and group_by == DISTRICT:
            shown_on = province_last_day(province=province, on=day)
            if not has_districts_on(province=province, day=shown_on):
                group_by = COMMUNE_GROUP
        return {
            "province": province,
            "trend_kind": data.get("period") or periods.YEAR,
            "year": data.get("year"),
            "group_by": group_by,
            "on": day,
        }


def overview_filters(query: QueryDict) -> QueryDict:
    """The overview's filters of ``query``, in its order (links keep it); other parameters
    change nothing, so they must not split the cache of the overview (dashboards.views)."""
    filters = QueryDict(mutable=True)
    for name, values in query.lists():
        if name in ProvinceOverviewFilterForm.base_fields:
            filters.setlist(name, values)
    return filters


def overview_cache_vary(user: PortalUser, filters: QueryDict) -> tuple:
    """What changes the overview besides the data, language and day (ntm_portal.versions)."""
    return content_scope(user), settings.PORTAL_PROVINCE_CODE, list(filters.lists())


class DrilldownFilterForm(forms.Form):
    province = UnitCodeChoiceField(
        label=_("Tỉnh"),
        queryset=Province.objects.order_by("code"),
        required=False,
        empty_label=_("Tỉnh của cổng"),
        error_messages={"invalid_choice": _("Không có tỉnh với mã này.")},
    )
    district = forms.ModelChoiceField(
        label=_("Huyện"),
        queryset=District.objects.select_related("province").order_by("code"),
        required=False,
        empty_label=_("Tất cả huyện"),
        widget=LongSelect,
    )

    # Not a filter: the commune the reader came from (breadcrumbs, its row highlighted).
    commune = forms.ModelChoiceField(
        label=_("Xã"),
        queryset=Commune.objects.select_related("district"),
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        province, district = data.get("province"), data.get("district")
        if province and district and district.province_id != province.pk:
            self.add_error("district", _("Huyện này không thuộc tỉnh đã chọn."))
        return data

    def offer_districts_of(self, province: Province | None) -> None:
        """Offer only the districts of the province shown, not the country's 700 (any district
        stays valid in the URL: the scope then follows it)."""
        if province is None:
            return
        field = self.fields["district"]
        districts = field.queryset.filter(province=province)
        field.widget.choices = [("", field.empty_label)] + [
            (district.pk, field.label_from_instance(district)) for district in districts
        ]


class ActionFilterForm(forms.Form):
    """?province=<code>&district=<pk>&list=<key>&months=N; an empty value means "not given"."""

    province = UnitCodeChoiceField(
        label=_("Tỉnh"),
        queryset=Province.objects.order_by("code"),
        required=False,
        empty_label=_("Tỉnh của cổng"),
        widget=LongSelect,
    )
    district = forms.ModelChoiceField(
        label=_("Huyện"),
        queryset=District.objects.order_by("code"),
        required=False,
        empty_label=_("Tất cả huyện"),
        widget=LongSelect,
    )
    list = forms.ChoiceField(
        label=_("Danh sách"),
        required=False,
        choices=[("", _("Tất cả danh sách"))] + [(item.key, item.title) for item in ACTION_LISTS],
        widget=LongSelect,
    )
    months = forms.IntegerField(
        label=_("Chưa đánh giá quá (tháng)"),
        required=False,
        min_value=1,
        max_value=MONTHS_MAX,
        error_messages={"invalid": _("Nhập một số nguyên.")},
        widget=forms.NumberInput(attrs={"min": 1, "max": MONTHS_MAX}),
    )

    page = forms.IntegerField(
        label=_("Trang"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Nhập một số nguyên.")},
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = settings.PORTAL_ASSESSMENT_STALE_MONTHS
        self.fields["months"].widget.attrs["placeholder"] = default
        self.fields["months"].help_text = _("Để trống: %(months)d tháng.") % {"months": default}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        province = data.get("province") or portal_province()
        district = data.get("district")
        if district is not None and province is not None and district.province_id != province.pk:
            self.add_error("district", _("Huyện này không thuộc tỉnh đã chọn."))
        data["province"] = province
        # Offer only the province's districts (a country has 700): validated above against all,
        # so a district of another province keeps its own message.
        self.fields["district"].queryset = District.objects.filter(province=province).order_by(
            "code"
        )
        return data

    def filters(self) -> ActionFilters:
        """The validated filters (call after is_valid()); no province when the portal has none
        (no units loaded yet): every list is then empty."""
        data = self.cleaned_data
        return ActionFilters(
            province=data["province"],
            district=data.get("district"),
            months=data.get("months") or settings.PORTAL_ASSESSMENT_STALE_MONTHS,
        )
