"""Forms of the campaigns app: shape only (the services decide what is allowed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_parents
from campaigns.services.campaigns import CAMPAIGN_FIELDS
from sponsorships.forms.fields import DateTextField, MoneyField


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=Campaign.Kind.choices)
    level = forms.ChoiceField(label=_("Cấp phát động"), choices=Campaign.Level.choices)
    parent = forms.ModelChoiceField(
        label=_("Thuộc phong trào"),
        queryset=Campaign.objects.none(),
        required=False,
        help_text=_("Bắt buộc với đợt thi đua cao điểm"),
    )
    launched_by = forms.CharField(
        label=_("Cơ quan phát động"), max_length=255, help_text=_("Ví dụ: UBND tỉnh Bắc Kạn")
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    decision_date = DateTextField(label=_("Ngày quyết định"), required=False)
    start_date = DateTextField(label=_("Từ ngày"))
    end_date = DateTextField(label=_("Đến ngày"))
    goals = forms.CharField(
        label=_("Mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_communes_standard = forms.IntegerField(
        label=_("Chỉ tiêu: số xã đạt chuẩn NTM"), required=False
    )
    target_criteria_gained = forms.IntegerField(
        label=_("Chỉ tiêu: số tiêu chí tăng thêm"), required=False
    )
    target_money = MoneyField(label=_("Chỉ tiêu: kinh phí huy động (đồng)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, campaign: Campaign | None = None, **kwargs: Any) -> None:
        if campaign is not None:
            initial = {name: getattr(campaign, name) for name in CAMPAIGN_FIELDS}
            kwargs.setdefault("initial", {**initial, "version": campaign.version})
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = campaign_parents(exclude=campaign)

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in CAMPAIGN_FIELDS}
        data["decision_number"] = data["decision_number"] or ""
        data["goals"] = data["goals"] or ""
        return data


class ConfirmDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
