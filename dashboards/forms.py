"""The dashboards' URL filters, one definition for each page and its API.

An invalid value is an error on both (the page shows it and lists nothing, the API answers 400),
never silently replaced by the default. An empty value means "not given".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District, Province
from communes.selectors import portal_province, province_list
from dashboards import periods
from dashboards.selectors.province import COMMUNE_GROUP, DISTRICT
from ntm_portal.permissions import PortalUser
from ntm_portal.widgets import LongSelect

YEAR_MIN, YEAR_MAX = 2000, 2100
TREND_CHOICES = [(periods.YEAR, _("Theo năm")), (periods.QUARTER, _("Theo quý"))]
GROUP_CHOICES = [(DISTRICT, _("Theo huyện")), (COMMUNE_GROUP, _("Theo nhóm xã"))]


class ProvinceOverviewFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Tỉnh"),
        queryset=None,
        to_field_name="code",
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

    def __init__(self, data: Any = None, *, user: PortalUser, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["province"].queryset = province_list(user=user).order_by("code")

    def selection(self) -> dict[str, Any]:
        """The valid filters with their defaults: province, trend_kind, year, group_by."""
        data = self.cleaned_data
        return {
            "province": data.get("province") or portal_province(),
            "trend_kind": data.get("period") or periods.YEAR,
            "year": data.get("year"),
            "group_by": data.get("group_by") or DISTRICT,
        }


class DrilldownFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Tỉnh"),
        queryset=Province.objects.order_by("code"),
        to_field_name="code",
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
