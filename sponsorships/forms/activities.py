"""Forms for support activities: shape only (the services validate the rules).

The agency and the recording user are never fields: they come from the assignment and the
request. The version travels as a hidden field so a stale edit is detected.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communes.models import Village
from criteria.models import Criterion
from sponsorships.forms.fields import (
    DateTextField,
    LocalDecimalField,
    MoneyField,
    MultipleFileField,
)
from sponsorships.models import Assignment, SupportActivity
from sponsorships.selectors.agencies import current_criteria, unmet_criterion_ids
from sponsorships.services.activities import ACTIVITY_FIELDS

SERVICE_FIELDS = ACTIVITY_FIELDS


class SupportActivityForm(forms.Form):
    date = DateTextField(label=_("Ngày"), help_text=_("dd/mm/yyyy, trong thời gian phân công"))
    kind = forms.ChoiceField(label=_("Hình thức hỗ trợ"), choices=SupportActivity.Kind.choices)
    title = forms.CharField(
        label=_("Nội dung"),
        max_length=255,
        help_text=_("Ví dụ: Tặng 600 bóng đèn compact tiết kiệm điện"),
    )
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    village = forms.ModelChoiceField(
        label=_("Thôn"), queryset=Village.objects.none(), required=False, empty_label=_("— Cả xã —")
    )
    target_criteria = forms.ModelMultipleChoiceField(
        label=_("Tiêu chí hướng tới"),
        queryset=Criterion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    amount = MoneyField(
        label=_("Giá trị (đồng)"),
        required=False,
        help_text=_("Ví dụ 21.000.000 hoặc 21000000; để trống nếu không quy ra tiền"),
    )
    quantity = LocalDecimalField(label=_("Số lượng"), required=False)
    quantity_unit = forms.CharField(
        label=_("Đơn vị tính"),
        max_length=64,
        required=False,
        help_text=_("Ví dụ: bóng đèn, suất quà, mét"),
    )
    labour_days = LocalDecimalField(label=_("Ngày công"), required=False, decimal_places=1)
    beneficiaries = forms.IntegerField(label=_("Số hưởng lợi"), required=False)
    beneficiary_unit = forms.ChoiceField(
        label=_("Đơn vị hưởng lợi"),
        required=False,
        choices=[("", "—"), *SupportActivity.BeneficiaryUnit.choices],
    )
    funding_source = forms.ChoiceField(
        label=_("Nguồn kinh phí"), choices=SupportActivity.FundingSource.choices
    )
    evidence = MultipleFileField(
        label=_("Minh chứng"),
        help_text=_("Ảnh JPG, PNG hoặc tài liệu PDF, DOCX, XLSX; có thể chọn nhiều tệp"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The page's order (and the error summary's): required fields first, the long list of
    # criteria checkboxes last, so the keyboard reaches "Nội dung" and the save button quickly.
    field_order = [
        "date",
        "title",
        "kind",
        "funding_source",
        "village",
        "description",
        "amount",
        "labour_days",
        "quantity",
        "quantity_unit",
        "beneficiaries",
        "beneficiary_unit",
        "evidence",
        "target_criteria",
    ]

    def __init__(self, *args: Any, assignment: Assignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.fields["village"].queryset = Village.objects.filter(commune_id=assignment.commune_id)
        self._set_criteria_choices(assignment)

    def _set_criteria_choices(self, assignment: Assignment) -> None:
        """The commune's unmet criteria first, then the rest; focus criteria are marked."""
        field = self.fields["target_criteria"]
        criteria = list(current_criteria(commune=assignment.commune))
        field.queryset = Criterion.objects.filter(pk__in=[c.pk for c in criteria])
        unmet = unmet_criterion_ids(commune=assignment.commune)
        focus = {c.pk for c in assignment.focus_criteria.all()}

        def label(criterion: Criterion) -> str:
            return f"{criterion}{' ★' if criterion.pk in focus else ''}"

        first = [(c.pk, label(c)) for c in criteria if c.pk in unmet]
        rest = [(c.pk, label(c)) for c in criteria if c.pk not in unmet]
        field.choices = (
            [(_("Tiêu chí xã chưa đạt"), first), (_("Các tiêu chí khác"), rest)] if first else rest
        )
        field.help_text = _("★: tiêu chí trọng tâm của phân công")

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in SERVICE_FIELDS}
        data["amount"] = data["amount"] or 0
        data["quantity_unit"] = data["quantity_unit"] or ""
        data["beneficiary_unit"] = data["beneficiary_unit"] or ""
        data["description"] = data["description"] or ""
        return {
            **data,
            "target_criteria": self.cleaned_data.get("target_criteria") or [],
            "evidence_files": self.cleaned_data.get("evidence") or [],
        }

    @staticmethod
    def initial_from(activity: SupportActivity) -> dict[str, Any]:
        initial = {name: getattr(activity, name) for name in SERVICE_FIELDS}
        initial["village"] = activity.village_id
        initial["target_criteria"] = [c.pk for c in activity.target_criteria.all()]
        initial["version"] = activity.version
        return initial


class ConfirmDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
