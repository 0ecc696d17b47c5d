"""The one filter definition of monthly report lists, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communes.models import Commune
from communes.pickers import commune_filter
from ntm_portal.filters import PeriodFilter, YesNoFilter
from sponsorships.models import Agency, MonthlyReport
from sponsorships.pickers import agency_filter


class MonthlyReportFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="period", label=_("Kỳ báo cáo"))
    status = django_filters.ChoiceFilter(
        choices=MonthlyReport.Status.choices, label=_("Trạng thái"), empty_label=_("Tất cả")
    )
    agency = agency_filter(
        field_name="assignment__agency",
        queryset=Agency.objects.all(),
        label=pgettext_lazy("field label", "Cơ quan giúp đỡ"),
        empty_label=_("Tất cả"),
    )
    commune = commune_filter(
        xa_only=False,
        field_name="assignment__commune",
        queryset=Commune.objects.select_related("district")
        .filter(assignments__isnull=False)
        .distinct(),
        label=_("Xã"),
        empty_label=_("Tất cả"),
    )
    is_late = YesNoFilter(label=_("Nộp muộn"))

    class Meta:
        model = MonthlyReport
        fields = ["period", "status", "agency", "commune", "is_late"]
