"""AssessmentFilterSet: commune, period (YYYY-MM or MM/YYYY), stage, current.

Invalid values give a 400 in the API.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from communes.filters import IntegerFilter
from criteria.models import Assessment
from ntm_portal.filters import YesNoFilter
from ntm_portal.forms import PeriodField


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField


class AssessmentFilterSet(django_filters.FilterSet):
    # A whole id in the database's range: 1.5 matched nothing, 10**30 overflowed SQLite (a 500).
    commune = IntegerFilter(
        field_name="commune_id", label=_("xã (id)"), min_value=1, max_value=2**63 - 1
    )
    period = PeriodFilter(field_name="period", label=_("kỳ (YYYY-MM)"))
    stage = django_filters.ChoiceFilter(choices=Assessment.Stage.choices, label=_("giai đoạn"))
    current = YesNoFilter(field_name="is_current", label=_("đang áp dụng (true/false)"))

    class Meta:
        model = Assessment
        fields = ["commune", "period", "stage", "current"]
