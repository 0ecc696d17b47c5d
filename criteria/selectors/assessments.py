"""Reads of assessments, scoped to the user: everyone with a portal role reads every assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from communes.models import Commune
from communes.selectors import commune_list
from criteria.models import (
    Assessment,
    Criterion,
    CriterionResult,
    CurrentRule,
    CurrentRuleChange,
    IndicatorValue,
    Result,
)
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


def commune_assessments(*, commune: Commune) -> QuerySet[Assessment]:
    """The commune's assessments, newest period first, with who entered them."""
    return Assessment.objects.filter(commune=commune).select_related("entered_by")


def commune_assessment_history(*, commune: Commune, limit: int | None = None) -> list[Assessment]:
    """The commune's latest assessments (all without ``limit``) (1 query)."""
    history = commune_assessments(commune=commune)
    return list(history[:limit] if limit else history)


# The province's appraisal outranks the commune's self-assessment of the same period.
STAGE_RANK_SQL = Case(
    When(stage=Assessment.Stage.APPRAISED, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


RANK_ORDER = {
    CurrentRule.LATEST: ("-period", "-stage_rank", "-created_at", "-id"),
    CurrentRule.APPRAISED_FIRST: ("-stage_rank", "-period", "-created_at", "-id"),
}


def assessments_ranked(rule: str = CurrentRule.LATEST) -> QuerySet[Assessment]:
    """Assessments best first by the rule: LATEST is the latest period, appraisal over
    self-assessment within it; APPRAISED_FIRST is the latest appraisal, else the latest
    self-assessment. The latest entry breaks ties."""
    return Assessment.objects.annotate(stage_rank=STAGE_RANK_SQL).order_by(*RANK_ORDER[rule])


def current_rule_changes(*, limit: int = 20) -> list[CurrentRuleChange]:
    """The latest changes of the rule, newest first, with who made them (1 query)."""
    return list(CurrentRuleChange.objects.select_related("changed_by")[:limit])


def current_rule() -> str:
    """The office's choice of which assessment counts (the latest change applies)."""
    chosen = CurrentRuleChange.objects.values_list("rule", flat=True).first()
    return chosen or CurrentRule.APPRAISED_FIRST


@dataclass(frozen=True)
class CarriedValue:
    """A value a new assessment starts from, and the period it was measured in."""

    value: Decimal
    period: dt.date


@dataclass(frozen=True)
class StartingPoint:
    """What a commune's next assessment of a period starts from: the best assessment up to
    that period and its values."""

    criteria_set_id: int
    period: dt.date
    stage: str
    values: dict[str, CarriedValue]


def assessments_starting_points(
    *, commune_ids: Collection[int], period: dt.date
) -> dict[int, StartingPoint]:
    """Commune id → the values its assessment of ``period`` starts from (3 queries): the
    freshest values, whatever the rule for which assessment counts.

    A value carried into that assessment keeps the period it was first measured in.
    """
    best = assessments_ranked().filter(commune_id=OuterRef("pk"), period__lte=period)
    bases = dict(
        Commune.objects.filter(pk__in=commune_ids)
        .annotate(base=Subquery(best.values("pk")[:1]))
        .filter(base__isnull=False)
        .values_list("base", "pk")
    )
    assessments = Assessment.objects.filter(pk__in=bases).values_list(
        "pk", "criteria_set_id", "period", "stage"
    )
    points = {row[0]: StartingPoint(*row[1:], values={}) for row in assessments}
    rows = IndicatorValue.objects.filter(assessment_id__in=bases, value__isnull=False).values_list(
        "assessment_id", "indicator__code", "value", "carried_from"
    )
    for assessment_id, code, value, carried_from in rows:
        point = points[assessment_id]
        point.values[code] = CarriedValue(value, carried_from or point.period)
    return {bases[pk]: point for pk, point in points.items()}


def commune_current_values(
    *, commune: Commune, criteria_set_id: int, period: dt.date
) -> dict[str, CarriedValue]:
    """Indicator code → the value (and its period) the commune's assessment of ``period`` in
    that criteria set starts from; nothing when its latest assessment was of another set."""
    point = assessments_starting_points(commune_ids=[commune.pk], period=period).get(commune.pk)
    return point.values if point and point.criteria_set_id == criteria_set_id else {}


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
