"""Forms of the campaigns app: shape only (the services decide what is allowed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import AwardForm as AwardFormModel
from campaigns.models import Campaign, EmulationTitle, Exemplary, RecipientKind
from campaigns.selectors.awards import active_forms, active_titles
from campaigns.selectors.campaigns import campaign_parents
from campaigns.services.campaigns import CAMPAIGN_FIELDS
from campaigns.services.contributions import CONTRIBUTION_FIELDS
from campaigns.services.exemplars import EXEMPLARY_FIELDS
from communes.models import Commune, Village
from communes.pickers import commune_field
from ntm_portal.permissions import is_agency_staff, is_commune_officer, is_coordination_office
from sponsorships.forms.fields import (
    DateTextField,
    LocalDecimalField,
    MoneyField,
    MultipleFileField,
)
from sponsorships.models import Agency
from sponsorships.pickers import agency_field

XA_COMMUNES = Commune.objects.filter(kind=Commune.Kind.XA).select_related("district")


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


class PledgeForm(forms.Form):
    """The office chooses who pledges; an agency or a commune pledges for itself."""

    agency = agency_field(label=_("Cơ quan đăng ký"), queryset=Agency.objects.all(), required=False)
    commune = commune_field(label=_("hoặc xã đăng ký"), queryset=XA_COMMUNES, required=False)
    content = forms.CharField(label=_("Nội dung cam kết"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = DateTextField(label=_("Thời hạn hoàn thành"))
    target_criteria_gained = forms.IntegerField(
        label=_("Số tiêu chí tăng thêm (xã)"), required=False
    )
    target_amount = MoneyField(label=_("Giá trị hỗ trợ cam kết (đồng)"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_coordination_office(user):
            del self.fields["agency"], self.fields["commune"]
        if is_agency_staff(user):
            del self.fields["target_criteria_gained"]
        if is_commune_officer(user):
            del self.fields["target_amount"]

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Village) -> str:
        return f"{obj.name} ({obj.commune.name})"


class ContributionForm(forms.Form):
    commune = commune_field(label=_("Xã"), queryset=XA_COMMUNES)
    village = VillageChoiceField(
        label=_("Thôn"),
        queryset=Village.objects.none(),
        required=False,
        help_text=_("Các thôn của xã đã chọn (chọn xã rồi lưu nếu chưa thấy thôn)."),
    )
    period_start = DateTextField(label=_("Từ ngày"))
    period_end = DateTextField(label=_("Đến ngày"))
    land_m2 = LocalDecimalField(label=_("Đất hiến (m²)"), decimal_places=1, required=False)
    labour_days = LocalDecimalField(label=_("Ngày công"), decimal_places=1, required=False)
    money = MoneyField(label=_("Tiền (đồng)"), required=False)
    goods_value = MoneyField(label=_("Hiện vật quy đổi (đồng)"), required=False)
    contributors = forms.CharField(
        label=_("Người đóng góp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tên các hộ, cá nhân, nếu biết"),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, contribution: Any = None, **kwargs: Any) -> None:
        if contribution is not None:
            initial = {name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS}
            kwargs.setdefault("initial", {**initial, "commune": contribution.commune_id})
        super().__init__(*args, **kwargs)
        if is_commune_officer(user):
            del self.fields["commune"]
        self.fields["village"].queryset = self._villages(user)

    def _villages(self, user: Any) -> Any:
        """The chosen commune's villages only: every village of the country is tens of
        thousands of choices."""
        if is_commune_officer(user):
            commune_id = user.commune_id
        else:
            chosen = self.data.get("commune") if self.is_bound else self.initial.get("commune")
            commune_id = int(chosen) if str(chosen or "").isdigit() else None
        return (
            Village.objects.select_related("commune").filter(commune_id=commune_id).order_by("name")
        )

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ExemplaryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Đối tượng"), choices=Exemplary.Kind.choices)
    name = forms.CharField(label=_("Tên cá nhân, hộ hoặc tập thể"), max_length=255)
    commune = commune_field(label=_("Xã"), queryset=XA_COMMUNES)
    village = forms.CharField(label=_("Thôn, bản"), max_length=120, required=False)
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=Exemplary.Category.choices)
    achievement = forms.CharField(
        label=_("Thành tích, việc làm"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: hiến 500 m² đất mở đường liên thôn; mô hình trồng cam"),
    )
    campaign = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=Campaign.objects.all(), required=False
    )
    photos = MultipleFileField(label=_("Ảnh (JPG, PNG)"))

    def __init__(self, *args: Any, user: Any, exemplary: Any = None, **kwargs: Any) -> None:
        if exemplary is not None:
            initial = {name: getattr(exemplary, name) for name in EXEMPLARY_FIELDS}
            initial.update(commune=exemplary.commune_id, campaign=exemplary.campaign_id)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["accept"] = ".jpg,.jpeg,.png"
        if is_commune_officer(user):
            del self.fields["commune"]

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AwardProposalForm(forms.Form):
    title = forms.ModelChoiceField(
        label=_("Danh hiệu thi đua"),
        queryset=EmulationTitle.objects.none(),
        required=False,
        help_text=_("Cờ thi đua là danh hiệu cho tập thể, không phải hình thức khen thưởng."),
    )
    form = forms.ModelChoiceField(
        label=_("hoặc hình thức khen thưởng"),
        queryset=AwardFormModel.objects.none(),
        required=False,
    )
    recipient_kind = forms.ChoiceField(label=_("Đối tượng"), choices=RecipientKind.choices)
    recipient_name = forms.CharField(label=_("Tên cá nhân, tập thể, hộ"), max_length=255)
    agency = agency_field(label=_("Thuộc cơ quan"), queryset=Agency.objects.all(), required=False)
    commune = commune_field(label=_("Thuộc xã"), queryset=XA_COMMUNES, required=False)
    reason = forms.CharField(label=_("Thành tích, lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = active_titles()
        self.fields["form"].queryset = active_forms()

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AwardReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Kết quả xét duyệt"),
        choices=[("1", _("Đề nghị khen thưởng")), ("0", _("Không đề nghị"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến xét duyệt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AwardDecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    decision_date = DateTextField(label=_("Ngày quyết định"), required=False)
    signer = forms.CharField(
        label=_("Người ký"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Chủ tịch UBND tỉnh"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
