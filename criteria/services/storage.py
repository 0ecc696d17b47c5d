"""Write evaluated assessments: which one is current, the result rows, the communes' cache.

Which assessment of a commune is current follows the office's rule (selectors.current_rule):
by default its latest appraisal, else its latest self-assessment (APPRAISED_FIRST); or the
one of the latest period, the appraisal outranking the self-assessment within it (LATEST).
Otherwise the latest entry wins. Every entry is stored (history is never overwritten); only
"current" moves, and with it the summary tables (criteria.services.summaries), in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from communes.models import Commune
from criteria import rules
from criteria.models import Assessment, CriterionResult, CurrentRule, IndicatorValue
from criteria.selectors import (
    CriterionWithIndicators,
    assessments_ranked,
    current_rule,
    lost_results,
)
from criteria.services.summaries import standings_move, summaries_move

STAGE_RANK = {Assessment.Stage.SELF_ASSESSED: 0, Assessment.Stage.APPRAISED: 1}
# Commune field → the current assessment's field it copies.
CACHE_SOURCES = {
    "criteria_met": "criteria_met",
    "criteria_total": "criteria_total",
    "meets_standard": "meets_standard",
    "assessed_period": "period",
    "assessed_stage": "stage",
}


@dataclass(frozen=True)
class Evaluated:
    """An assessment built and evaluated but not saved yet, with what it was evaluated against."""

    assessment: Assessment
    criteria: Sequence[CriterionWithIndicators]
    evaluation: rules.Evaluation
    # Indicator code → the period of a value carried from an earlier assessment, not entered.
    carried: Mapping[str, dt.date] = field(default_factory=dict)


def rank(assessment: Assessment, rule: str) -> tuple:
    stage = STAGE_RANK[Assessment.Stage(assessment.stage)]
    return (assessment.period, stage) if rule == CurrentRule.LATEST else (stage, assessment.period)


def store(entries: Sequence[Evaluated], communes: dict[int, Commune]) -> None:
    """Save the entries in order (later ones are newer), move "current", write the cache.

    Runs inside the caller's transaction, with the communes' rows already locked.
    """
    assessments = [entry.assessment for entry in entries]
    rule = current_rule()
    winners, retired = _mark_current(assessments, rule)
    for assessment in assessments:
        assessment.full_clean(
            exclude=["commune", "criteria_set", "entered_by"], validate_constraints=False
        )
    Assessment.objects.bulk_create(assessments)
    IndicatorValue.objects.bulk_create(row for entry in entries for row in _indicator_rows(entry))
    results = [row for entry in entries for row in _criterion_rows(entry)]
    CriterionResult.objects.bulk_create(results)
    summaries_move(
        communes=communes,
        retired=retired,
        winners=winners,
        results=[row for row in results if row.is_current],
    )
    standings_move(communes=communes, new_ids={a.pk for a in assessments}, rule=rule)
    _write_cache([communes[a.commune_id] for a in winners], winners)
    link_previous(commune_ids={a.commune_id for a in assessments}, rule=rule)


def previous_of(*, commune_ref: OuterRef, period_ref: OuterRef, rule: str) -> QuerySet[Assessment]:
    """The commune's assessments before a period, best first: the one first is the one that
    was current when that period began (same ranking as ``rank``; later entries win ties)."""
    return assessments_ranked(rule).filter(commune_id=commune_ref, period__lt=period_ref)


def link_previous(*, commune_ids: set[int] | None = None, rule: str | None = None) -> int:
    """Point each current assessment at the one current before its period, and count the
    criteria it lost since then (two UPDATEs, whatever the number of communes).

    Run after every write: a new current row, or an older period entered late, can change it.
    ``commune_ids`` None relinks every commune (a migration, a bulk load).
    """
    current = Assessment.objects.filter(is_current=True)
    if commune_ids is not None:
        current = current.filter(commune_id__in=commune_ids)
    rule = rule or current_rule()
    previous = previous_of(
        commune_ref=OuterRef("commune_id"), period_ref=OuterRef("period"), rule=rule
    )
    count = current.update(previous=Subquery(previous.values("pk")[:1]))
    lost = (
        lost_results()
        .filter(assessment_id=OuterRef("pk"))
        .values("assessment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    current.update(criteria_lost=Coalesce(Subquery(lost), 0))
    return count


def _mark_current(
    assessments: Sequence[Assessment], rule: str
) -> tuple[list[Assessment], list[Assessment]]:
    """Set is_current on the new rows, retire the old current rows they replace; the winners
    and the retired."""
    commune_ids = {a.commune_id for a in assessments}
    current = {
        a.commune_id: a
        for a in Assessment.objects.filter(commune_id__in=commune_ids, is_current=True)
    }
    best: dict[int, Assessment] = {}
    for assessment in assessments:  # later entries win ties: ">="
        leader = best.get(assessment.commune_id) or current.get(assessment.commune_id)
        if leader is None or rank(assessment, rule) >= rank(leader, rule):
            best[assessment.commune_id] = assessment
    for assessment in assessments:
        assessment.is_current = best.get(assessment.commune_id) is assessment
    retired = [current[c] for c in best if c in current]
    Assessment.objects.filter(pk__in=[a.pk for a in retired]).update(is_current=False)
    CriterionResult.objects.filter(assessment__in=retired).update(is_current=False)
    return list(best.values()), retired


def _indicator_rows(entry: Evaluated) -> list[IndicatorValue]:
    indicator_by_code = {
        e.indicator.code: e.indicator for item in entry.criteria for e in item.indicators
    }
    return [
        IndicatorValue(
            assessment=entry.assessment,
            indicator=indicator_by_code[outcome.code],
            value=outcome.value,
            threshold_value=outcome.threshold,
            result=outcome.result,
            carried_from=entry.carried.get(outcome.code),
        )
        for criterion in entry.evaluation.criteria
        for outcome in criterion.indicators
    ]


def _criterion_rows(entry: Evaluated) -> list[CriterionResult]:
    criterion_by_number = {item.criterion.number: item.criterion for item in entry.criteria}
    return [
        CriterionResult(
            assessment=entry.assessment,
            criterion=criterion_by_number[outcome.number],
            result=outcome.result,
            indicators_met=outcome.indicators_met,
            indicators_total=len(outcome.indicators),
            is_current=entry.assessment.is_current,
        )
        for outcome in entry.evaluation.criteria
    ]


def _write_cache(communes: Sequence[Commune], assessments: Sequence[Assessment]) -> None:
    for commune, assessment in zip(communes, assessments, strict=True):
        for name, source in CACHE_SOURCES.items():
            setattr(commune, name, getattr(assessment, source))
    Commune.objects.bulk_update(communes, list(CACHE_SOURCES))
