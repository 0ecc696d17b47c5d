"""The drill-down pages' URL filters (?province=, ?district=), shared by the pages and the API.

An invalid value is an error shown on the page (and nothing listed) or a 400 in the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District, Province
from ntm_portal.widgets import LongSelect


class DrilldownFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Tỉnh"),
        queryset=Province.objects.order_by("code"),
        required=False,
        empty_label=_("Tỉnh của cổng"),
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
