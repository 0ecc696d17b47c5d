"""Forms for agencies and assignments (the coordination office): shape only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communes.models import Commune
from communes.pickers import commune_field
from criteria.models import Criterion
from sponsorships.forms.fields import DateTextField
from sponsorships.models import Agency, Assignment
from sponsorships.pickers import agency_field
from sponsorships.selectors.agencies import current_criteria
from sponsorships.services.agencies import AGENCY_FIELDS, ASSIGNMENT_FIELDS


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Tên cơ quan"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=64, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Agency.Kind.choices)
    parent = agency_field(
        label=_("Cơ quan cấp trên"), queryset=Agency.objects.all(), required=False
    )
    contact_name = forms.CharField(label=_("Người liên hệ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        if agency is not None:
            kwargs.setdefault("initial", {name: getattr(agency, name) for name in AGENCY_FIELDS})
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["parent"].queryset = Agency.objects.exclude(pk=agency.pk)

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in AGENCY_FIELDS}


class AssignmentForm(forms.Form):
    agency = agency_field(
        label=pgettext_lazy("field label", "Cơ quan giúp đỡ"), queryset=Agency.objects.all()
    )
    commune = commune_field(
        label=_("Xã được giúp đỡ"),
        queryset=Commune.objects.filter(kind=Commune.Kind.XA).select_related("district"),
    )
    start_date = DateTextField(label=_("Từ ngày"))
    end_date = DateTextField(
        label=_("Đến ngày"), required=False, help_text=_("Để trống nếu chưa xác định thời hạn")
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    decision_date = DateTextField(label=_("Ngày quyết định"), required=False)
    decision_issuer = forms.CharField(
        label=_("Cơ quan ban hành"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Ban Thường vụ Tỉnh ủy"),
    )
    focus_criteria = forms.ModelMultipleChoiceField(
        label=_("Tiêu chí trọng tâm"),
        queryset=Criterion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.CharField(
        label=_("Mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, assignment: Assignment | None = None, **kwargs: Any) -> None:
        if assignment is not None:
            initial = {name: getattr(assignment, name) for name in ASSIGNMENT_FIELDS}
            initial["focus_criteria"] = [c.pk for c in assignment.focus_criteria.all()]
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["focus_criteria"].queryset = current_criteria()

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in ASSIGNMENT_FIELDS}
        for name in ("decision_number", "decision_issuer", "goals"):
            data[name] = data[name] or ""
        return {**data, "focus_criteria": list(self.cleaned_data["focus_criteria"])}
