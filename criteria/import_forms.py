"""Forms of the assessment import page: which template to download, and the file to read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from communes.models import Province
from criteria.assessment_template import TemplateRequest
from criteria.models import Assessment, CriteriaSet
from ntm_portal.forms import PeriodField

MAX_IMPORT_BYTES = 10 * 1024 * 1024  # a province of a few hundred communes is well under 1 MB


class AssessmentTemplateForm(forms.Form):
    criteria_set = forms.ModelChoiceField(
        label=_("Bộ tiêu chí"), queryset=CriteriaSet.objects.order_by("-valid_from", "code")
    )
    province = forms.ModelChoiceField(label=_("Tỉnh"), queryset=Province.objects.all())
    period = PeriodField(label=_("Kỳ đánh giá (tháng/năm)"))
    stage = forms.ChoiceField(label=_("Giai đoạn"), choices=Assessment.Stage.choices)

    def template_request(self) -> TemplateRequest:
        return TemplateRequest(**self.cleaned_data)


class AssessmentImportForm(forms.Form):
    CHECK, APPLY = "check", "apply"

    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    action = forms.ChoiceField(
        choices=[(CHECK, _("Kiểm tra")), (APPLY, _("Nhập"))], initial=CHECK, required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            limit = number_format(MAX_IMPORT_BYTES // (1024 * 1024))
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(limit)s MB).") % {"limit": limit}, code="too_large"
            )
        return upload

    @property
    def is_apply(self) -> bool:
        return self.cleaned_data.get("action") == self.APPLY
