"""Enter assessments: check, evaluate with the engine, store with their results.

``assessment_create`` serves the form and the API; ``assessments_create_many`` enters a batch
(an import, the demo) with the same checks and engine, loading each criteria set once and
writing in bulk. Both lock the communes' rows first, so two entries for one commune cannot
both become current. See ``storage`` for which assessment is current.
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
    CriterionWithIndicators,
    criteria_set_current,
    criteria_with_thresholds,
    criterion_rules,
)
from criteria.services.storage import Evaluated, store
from criteria.services.validation import (
    invalid,
    no_criteria_set,
    validated_period,
    validated_values,
)
from ntm_portal.models import User


@dataclass(frozen=True)
class AssessmentEntry:
    commune: Commune
    period: dt.date
    stage: str
    values: Mapping[str, Decimal | None]
    note: str = ""


@transaction.atomic
def assessment_create(
    *,
    commune: Commune,
    period: dt.date,
    stage: str,
    values: Mapping[str, Decimal | None],
    entered_by: User,
    note: str = "",
) -> Assessment:
    """Validate and evaluate indicator values of a commune for a period, and store the result."""
    entry = AssessmentEntry(commune=commune, period=period, stage=stage, values=values, note=note)
    _check_permission(entry, entered_by)
    locked = _lock_communes([entry])
    evaluated = _evaluate(entry, locked[commune.pk], entered_by, _Loader())
    store([evaluated], locked)
    return evaluated.assessment


@transaction.atomic
def assessments_create_many(
    *, entries: Sequence[AssessmentEntry], entered_by: User
) -> list[Assessment]:
    """Enter a batch, all or nothing; errors are keyed by row: ``rows[3].values.1.2``."""
    for entry in entries:
        _check_permission(entry, entered_by)
    locked, loader = _lock_communes(entries), _Loader()
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
    """Loads each criteria set in force, and its criteria for a key, once per call."""

    def __init__(self) -> None:
        self.sets: dict[tuple[int, dt.date], CriteriaSet | None] = {}
        self.criteria: dict[tuple[int, str], list[CriterionWithIndicators]] = {}

    def criteria_set(self, province_id: int, on: dt.date) -> CriteriaSet | None:
        if (province_id, on) not in self.sets:
            self.sets[province_id, on] = criteria_set_current(on=on, province=province_id)
        return self.sets[province_id, on]

    def criteria_of(self, criteria_set: CriteriaSet, key: str) -> list[CriterionWithIndicators]:
        if (criteria_set.pk, key) not in self.criteria:
            loaded = criteria_with_thresholds(criteria_set=criteria_set, classification_key=key)
            self.criteria[criteria_set.pk, key] = loaded
        return self.criteria[criteria_set.pk, key]


def _evaluate(entry: AssessmentEntry, commune: Commune, user: User, loader: _Loader) -> Evaluated:
    month_end = validated_period(commune=commune, period=entry.period)
    criteria_set = loader.criteria_set(commune.province_id, month_end)
    if criteria_set is None:
        raise no_criteria_set(entry.period)
    key = commune.classification_key(criteria_set.classification_scheme)
    criteria = loader.criteria_of(criteria_set, key)
    values = validated_values(entry.values, criteria)
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
    return Evaluated(assessment=assessment, criteria=criteria, evaluation=evaluation)
