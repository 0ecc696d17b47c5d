"""Filters of the dashboards, read from the URL: one form for the page and its API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communes.models import District, Province
from communes.selectors import portal_province
from dashboards.selectors.actions import ACTION_LISTS, ActionFilters
from ntm_portal.widgets import LongSelect

MONTHS_MAX = 240


class ActionFilterForm(forms.Form):
    """?province=<code>&district=<pk>&list=<key>&months=N; an empty value means "not given"."""

    province = forms.ModelChoiceField(
        label=_("Tỉnh"),
        queryset=Province.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Tỉnh của cổng"),
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
