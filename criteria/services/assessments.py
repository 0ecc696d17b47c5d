"""Enter assessments: check, evaluate with the engine, store with their results.

``assessment_create`` serves the form and the API; ``assessments_create_many`` enters a batch
(an import, the demo) with the same checks and engine, loading each criteria set once and
writing in bulk. Both lock the communes' rows first, so two entries for one commune cannot
both become current. See ``storage`` for which assessment is current.

An assessment starts from the commune's latest one (up to its period, same criteria set):
an indicator left out keeps that value, stored as carried with the period it was measured in;
an explicit None means "not assessed". So a partial entry never wipes the other indicators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import Commune
from criteria import rules
from criteria.models import Assessment, CriteriaSet
from criteria.permissions import can_create_assessment
from criteria.selectors import (
    CarriedValue,
    CriterionWithIndicators,
    StartingPoint,
    assessments_starting_points,
    criteria_set_current,
    criteria_with_thresholds,
    criterion_rules,
)
from criteria.services.storage import STAGE_RANK, Evaluated, store
from criteria.services.validation import (
    invalid,
    no_criteria_set,
    require_some_value,
    validated_period,
    validated_values,
)
from ntm_portal.models import User


@dataclass(frozen=True)
class AssessmentEntry:
    commune: Commune
    period: dt.date
    stage: str
    values: Mapping[str, Decimal | bool | None]
    note: str = ""


@transaction.atomic
def assessment_create(
    *,
    commune: Commune,
    period: dt.date,
    stage: str,
    values: Mapping[str, Decimal | bool | None],
    entered_by: User,
    note: str = "",
) -> Assessment:
    """Validate and evaluate indicator values of a commune for a period, and store the result.

    ``values``: indicator code → Decimal (True/False for pass/fail), None for "not assessed";
    indicators left out keep the commune's latest values (see the module's docstring).
    """
    entry = AssessmentEntry(commune=commune, period=period, stage=stage, values=values, note=note)
    _check_permission(entry, entered_by)
    locked = _lock_communes([entry])
    evaluated = _evaluate(entry, locked[commune.pk], entered_by, _Loader([entry]))
    store([evaluated], locked)
    return evaluated.assessment


@transaction.atomic
def assessments_create_many(
    *, entries: Sequence[AssessmentEntry], entered_by: User
) -> list[Assessment]:
    """Enter a batch, all or nothing; errors are keyed by row: ``rows[3].values.1.2``."""
    for entry in entries:
        _check_permission(entry, entered_by)
    locked, loader = _lock_communes(entries), _Loader(entries)
    evaluated, errors = [], {}
    for index, entry in enumerate(entries):
        try:
            evaluated.append(_evaluate(entry, locked[entry.commune.pk], entered_by, loader))
        except ValidationError as error:
            errors.update(
                {f"rows[{index}].{key}": value for key, value in error.message_dict.items()}
            )
    if errors:
        raise ValidationError(errors)
    store(evaluated, locked)
    return [item.assessment for item in evaluated]


def _check_permission(entry: AssessmentEntry, user: User) -> None:
    if entry.stage not in Assessment.Stage.values:
        raise invalid("stage", _("Giai đoạn đánh giá không hợp lệ."))
    if not can_create_assessment(user, entry.commune, entry.stage):
        raise PermissionDenied(_("Bạn không được nhập đánh giá giai đoạn này cho xã này."))


def _lock_communes(entries: Sequence[AssessmentEntry]) -> dict[int, Commune]:
    ids = {entry.commune.pk for entry in entries}
    return {c.pk: c for c in Commune.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


class _Loader:
    """Loads each criteria set in force, its criteria for a key, and the communes' starting
    points for a period, once per call; entries of the batch become starting points too."""

    def __init__(self, entries: Sequence[AssessmentEntry]) -> None:
        self.sets: dict[tuple[int, dt.date], CriteriaSet | None] = {}
        self.criteria: dict[tuple[int, str], list[CriterionWithIndicators]] = {}
        self.commune_ids = {entry.commune.pk for entry in entries}
        self.points: dict[dt.date, dict[int, StartingPoint]] = {}
        self.entered: dict[int, list[StartingPoint]] = {}

    def criteria_set(self, province_id: int, on: dt.date) -> CriteriaSet | None:
        if (province_id, on) not in self.sets:
            self.sets[province_id, on] = criteria_set_current(on=on, province=province_id)
        return self.sets[province_id, on]

    def criteria_of(self, criteria_set: CriteriaSet, key: str) -> list[CriterionWithIndicators]:
        if (criteria_set.pk, key) not in self.criteria:
            loaded = criteria_with_thresholds(criteria_set=criteria_set, classification_key=key)
            self.criteria[criteria_set.pk, key] = loaded
        return self.criteria[criteria_set.pk, key]

    def starting_point(self, commune_id: int, period: dt.date) -> StartingPoint | None:
        """The best of the stored one and the batch's earlier entries up to ``period``
        (an entry of the batch is newer than any stored row, so it wins a tie)."""
        if period not in self.points:
            self.points[period] = assessments_starting_points(
                commune_ids=self.commune_ids, period=period
            )
        candidates = [self.points[period].get(commune_id)]
        candidates += [p for p in self.entered.get(commune_id, []) if p.period <= period]
        ranked = [(_rank(p), i, p) for i, p in enumerate(candidates) if p is not None]
        return max(ranked, key=lambda item: item[:2])[2] if ranked else None

    def enter(self, commune_id: int, point: StartingPoint) -> None:
        self.entered.setdefault(commune_id, []).append(point)


def _rank(point: StartingPoint) -> tuple[dt.date, int]:
    return point.period, STAGE_RANK[Assessment.Stage(point.stage)]


def _carried(
    point: StartingPoint | None, criteria_set: CriteriaSet, sent: Mapping[str, object]
) -> dict[str, CarriedValue]:
    """The starting point's values of the indicators not sent (only within one criteria set)."""
    if point is None or point.criteria_set_id != criteria_set.pk:
        return {}
    return {code: value for code, value in point.values.items() if code not in sent}


def _evaluate(entry: AssessmentEntry, commune: Commune, user: User, loader: _Loader) -> Evaluated:
    month_end = validated_period(commune=commune, period=entry.period)
    criteria_set = loader.criteria_set(commune.province_id, month_end)
    if criteria_set is None:
        raise no_criteria_set(entry.period)
    key = commune.classification_key(criteria_set.classification_scheme)
    criteria = loader.criteria_of(criteria_set, key)
    sent = validated_values(entry.values, criteria)
    carried = _carried(loader.starting_point(commune.pk, entry.period), criteria_set, sent)
    values = {**{code: item.value for code, item in carried.items()}, **sent}
    require_some_value(sent, values)
    evaluation = rules.evaluate(criterion_rules(criteria, year=entry.period.year), values)
    assessment = Assessment(
        commune=commune,
        criteria_set=criteria_set,
        period=entry.period,
        stage=entry.stage,
        entered_by=user,
        note=entry.note,
        criteria_met=evaluation.criteria_met,
        criteria_total=evaluation.criteria_total,
        criteria_not_assessed=evaluation.criteria_not_assessed,
        meets_standard=evaluation.meets_standard,
    )
    loader.enter(commune.pk, _as_starting_point(assessment, values, carried))
    periods = {code: item.period for code, item in carried.items()}
    return Evaluated(assessment, criteria, evaluation, carried=periods)


def _as_starting_point(
    assessment: Assessment, values: Mapping[str, Decimal | None], carried: dict[str, CarriedValue]
) -> StartingPoint:
    measured = {
        code: carried.get(code) or CarriedValue(value, assessment.period)
        for code, value in values.items()
        if value is not None
    }
    return StartingPoint(assessment.criteria_set_id, assessment.period, assessment.stage, measured)
