"""AssessmentFilterSet: commune, period (YYYY-MM or MM/YYYY), stage, current.

Invalid values give a 400 in the API.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from communes.filters import IntegerFilter
from criteria.models import Assessment
from ntm_portal.filters import PeriodFilter, YesNoFilter

ID_MAX = 2**63 - 1


@extend_schema_field(
    {"type": "integer", "minimum": 1, "maximum": ID_MAX, "description": "An id (a whole number)."}
)
class IdFilter(IntegerFilter):
    """A row's id: a whole number in the database's range (documented as such)."""


class AssessmentFilterSet(django_filters.FilterSet):
    # A whole id in the database's range: 1.5 matched nothing, 10**30 overflowed SQLite (a 500).
    commune = IdFilter(field_name="commune_id", label=_("xã (id)"), min_value=1, max_value=ID_MAX)
    period = PeriodFilter(field_name="period", label=_("kỳ (YYYY-MM)"))
    stage = django_filters.ChoiceFilter(choices=Assessment.Stage.choices, label=_("giai đoạn"))
    current = YesNoFilter(field_name="is_current", label=_("đang áp dụng (true/false)"))

    class Meta:
        model = Assessment
        fields = ["commune", "period", "stage", "current"]
