"""Reads of assessments, scoped to the user: everyone with a portal role reads every assessment."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from communes.models import Commune
from communes.selectors import commune_list
from criteria.models import Assessment, Criterion, CriterionResult, IndicatorValue, Result
from criteria.selectors.sets import criteria_set_current
from ntm_portal.permissions import PortalUser, has_portal_role


def assessable_commune_get(*, user: PortalUser, pk: int) -> Commune:
    """A commune in the user's scope (the communes app decides the scope); 404 otherwise."""
    return get_object_or_404(commune_list(user=user), pk=pk)


def assessment_list(*, user: PortalUser) -> QuerySet[Assessment]:
    if not has_portal_role(user):
        return Assessment.objects.none()
    return Assessment.objects.select_related("commune", "criteria_set", "entered_by")


def assessment_detail_list(*, user: PortalUser) -> QuerySet[Assessment]:
    """Assessments with their criterion results and indicator values (3 queries per page)."""
    results = CriterionResult.objects.select_related("criterion").order_by("criterion__number")
    values = IndicatorValue.objects.select_related("indicator").order_by(
        "indicator__position", "indicator_id"
    )
    return assessment_list(user=user).prefetch_related(
        Prefetch("criterion_results", queryset=results),
        Prefetch("indicator_values", queryset=values),
    )


def assessment_get(*, user: PortalUser, pk: int) -> Assessment:
    """One assessment with its results; 404 if the user may not see it."""
    return get_object_or_404(assessment_detail_list(user=user), pk=pk)


def commune_assessment_history(*, commune: Commune, limit: int | None = None) -> list[Assessment]:
    """The commune's assessments, newest period first, with who entered them (1 query)."""
    history = Assessment.objects.filter(commune=commune).select_related("entered_by")
    return list(history[:limit] if limit else history)


def commune_current_values(*, commune: Commune) -> dict[str, Decimal | None]:
    """Indicator code → value of the commune's current assessment (to start the next one from)."""
    rows = IndicatorValue.objects.filter(
        assessment__commune=commune, assessment__is_current=True
    ).values_list("indicator__code", "value")
    return dict(rows)


def commune_unmet_criteria(*, commune: Commune) -> QuerySet[Criterion]:
    """Criteria the commune does not meet yet (not met or not assessed), by number.

    From the current assessment; a commune never assessed meets nothing of the set in force.
    """
    unmet = CriterionResult.objects.filter(assessment__commune=commune, is_current=True).exclude(
        result=Result.MET
    )
    assessed = Assessment.objects.filter(commune=commune, is_current=True).first()
    if assessed is not None:
        return Criterion.objects.filter(results__in=unmet).order_by("number")
    criteria_set = criteria_set_current(on=timezone.localdate(), province=commune.province_id)
    return Criterion.objects.filter(criteria_set=criteria_set).order_by("number")
