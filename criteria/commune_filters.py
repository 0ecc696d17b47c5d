"""The commune list's criterion filter, contributed by this app (communes may not import it).

``?criterion=7`` (a criterion number of the set in force) keeps the communes meeting it;
``&criterion_result=not_met`` or ``not_assessed`` the others. "Not assessed" means an
assessable commune (xã) whose current assessment does not decide the criterion, or which has
no current assessment at all: with "met" and "not met" the three lists cover every xã.
Registered in CriteriaConfig.ready() through ntm_portal.filter_extensions.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from communes.models import Commune
from criteria.models import CriteriaSet, Criterion, CriterionResult, Result
from ntm_portal.filter_extensions import COMMUNE_LIST, Contribution


def criteria_in_force(request: Any = None) -> QuerySet[Criterion]:
    """The criteria of the set in force for the portal's province (the dropdown's choices).

    Lazy (the set is a subquery, as criteria_set_current chooses it): a list or API call
    that does not filter by criterion runs no query for it.
    """
    on = timezone.localdate()
    criteria_set = (
        CriteriaSet.objects.filter(
            Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )
        .filter(Q(province__code=settings.PORTAL_PROVINCE_CODE) | Q(province__isnull=True))
        .order_by(F("province").asc(nulls_last=True), "-valid_from", "-id")
        .values("pk")[:1]
    )
    return Criterion.objects.filter(criteria_set=Subquery(criteria_set)).order_by("number")


def communes_with_result(
    communes: QuerySet[Commune], *, criterion: Criterion | int, result: str
) -> QuerySet[Commune]:
    """The communes whose current result for the criterion is ``result`` (see module doc)."""
    decided = CriterionResult.objects.filter(
        is_current=True, criterion=criterion, assessment__commune=OuterRef("pk")
    )
    if result == Result.NOT_ASSESSED:
        decided = decided.filter(result__in=[Result.MET, Result.NOT_MET])
        return communes.filter(Q(kind=Commune.Kind.XA) & ~Exists(decided))
    return communes.filter(Exists(decided.filter(result=result)))


@extend_schema_field(OpenApiTypes.INT)
class CriterionFilter(django_filters.ModelChoiceFilter):
    """Filters on the criterion together with ``criterion_result`` (met when not given)."""

    def filter(self, qs: QuerySet[Commune], value: Criterion | None) -> QuerySet[Commune]:
        if value is None:
            return qs
        result = self.parent.form.cleaned_data.get("criterion_result") or Result.MET
        return communes_with_result(qs, criterion=value, result=result)


class CriterionResultFilter(django_filters.ChoiceFilter):
    def filter(self, qs: QuerySet[Commune], value: str) -> QuerySet[Commune]:
        return qs  # applied by CriterionFilter, which needs both values


def clean(form: Any, data: dict[str, Any]) -> None:
    if data.get("criterion_result") and not data.get("criterion"):
        form.add_error("criterion", _("Chọn tiêu chí để lọc theo kết quả."))


DESCRIPTIONS = {
    Result.MET: gettext_lazy("xã đạt tiêu chí %(number)s"),
    Result.NOT_MET: gettext_lazy("xã chưa đạt tiêu chí %(number)s"),
    Result.NOT_ASSESSED: gettext_lazy("xã chưa đánh giá tiêu chí %(number)s"),
}


def describe(data: dict[str, Any]) -> str | None:
    criterion = data.get("criterion")
    if criterion is None:
        return None
    result = data.get("criterion_result") or Result.MET
    return str(DESCRIPTIONS[result]) % {"number": criterion.number}


CONTRIBUTION = Contribution(
    point=COMMUNE_LIST,
    filters={
        "criterion": CriterionFilter(
            label=gettext_lazy("Tiêu chí"),
            queryset=criteria_in_force,
            to_field_name="number",
            empty_label=gettext_lazy("Mọi tiêu chí"),
        ),
        "criterion_result": CriterionResultFilter(
            label=gettext_lazy("Kết quả tiêu chí"),
            choices=Result.choices,
            empty_label=gettext_lazy("Đạt (mặc định)"),
        ),
    },
    clean=clean,
    describe=describe,
)
