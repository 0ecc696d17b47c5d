"""Forms of the monthly report pages: shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from communes.models import District
from communes.pickers import district_field
from communes.selectors import district_list
from ntm_portal.forms import PeriodField
from sponsorships.models import Agency
from sponsorships.pickers import agency_field
from sponsorships.selectors.agencies import agency_list
from sponsorships.selectors.monthly_reports import CriterionLine

PROGRESS_PREFIX = "progress_"


class MonthlyReportForm(forms.Form):
    """The draft: a progress text per criterion line, then difficulties, proposals, plan."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_month_plan = forms.CharField(
        label=_("Kế hoạch tháng tới"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, lines: list[CriterionLine], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"{PROGRESS_PREFIX}{line.criterion.pk}"] = forms.CharField(
                label=str(line.criterion),
                required=False,
                initial=line.progress,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def progress_fields(self):
        return [self[f"{PROGRESS_PREFIX}{line.criterion.pk}"] for line in self.lines]

    def criteria_progress(self) -> dict[int, str]:
        return {
            int(name.removeprefix(PROGRESS_PREFIX)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(PROGRESS_PREFIX)
        }


class MonthlyReportReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nêu lý do trả lại báo cáo.")},
        help_text=_("Cơ quan giúp đỡ sẽ thấy lý do này trên trang báo cáo."),
    )


class CompletenessForm(forms.Form):
    period = PeriodField(label=_("Kỳ báo cáo"), required=False)


class RemindNowForm(forms.Form):
    period = PeriodField(label=_("Kỳ báo cáo"))


class ProvinceReportForm(forms.Form):
    """Which compiled report to download: a month, for the province, one district or one agency."""

    FORMATS = (("pdf", _("PDF (văn bản)")), ("xlsx", _("Excel (số liệu)")))

    period = PeriodField(label=_("Kỳ báo cáo"))
    district = district_field(
        label=_("Huyện"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Toàn tỉnh"),
    )
    agency = agency_field(
        label=_("Cơ quan giúp đỡ"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Tất cả cơ quan"),
    )
    format = forms.ChoiceField(label=_("Định dạng"), choices=FORMATS, initial="pdf")

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_list(user=user)
        self.fields["agency"].queryset = agency_list(user=user)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("district") and data.get("agency"):
            raise forms.ValidationError(
                _("Chọn một huyện hoặc một cơ quan, không chọn cả hai."), code="two_scopes"
            )
        return data
