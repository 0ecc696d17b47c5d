"""The 19-criterion grid of a commune: what the commune page, the assessment page and exports show.

Built from stored rows (what was evaluated when the assessment was entered), so a later change
of thresholds never rewrites what a past assessment said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from communes.models import Commune
from criteria import rules
from criteria.models import Assessment, CriteriaSet, Indicator, IndicatorValue, Result
from criteria.selectors.sets import (
    CriterionWithIndicators,
    criteria_set_current,
    criteria_with_thresholds,
)


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    kind: str
    comparator: str
    unit: str
    value: Decimal | None
    threshold: Decimal | None
    result: str
    is_verified: bool
    indicator_id: int | None = None  # for links to the indicator's province page
    carried_from: dt.date | None = None  # not entered: carried from that period's assessment

    @property
    def comparator_symbol(self) -> str:
        return str(Indicator.Comparator(self.comparator).label)

    @property
    def is_boolean(self) -> bool:
        return self.kind == rules.BOOLEAN

    @property
    def result_label(self) -> str:
        return str(Result(self.result).label)

    @property
    def shortfall(self) -> Decimal | None:
        """How far the value is from the threshold (0 when met); see rules.shortfall."""
        return rules.shortfall(self.value, self.threshold, self.comparator)

    @property
    def margin(self) -> Decimal | None:
        return rules.margin(self.value, self.threshold, self.comparator)


@dataclass(frozen=True)
class CriterionLine:
    number: int
    code: str
    name: str
    result: str
    indicators: tuple[IndicatorLine, ...]
    criterion_id: int | None = None  # for links to the criterion's province page

    @property
    def indicators_met(self) -> int:
        return sum(1 for line in self.indicators if line.result == rules.MET)

    @property
    def unmet_indicators(self) -> tuple[IndicatorLine, ...]:
        return tuple(line for line in self.indicators if line.result != rules.MET)

    @property
    def has_unverified(self) -> bool:
        return any(not line.is_verified for line in self.indicators)

    @property
    def result_label(self) -> str:
        return str(Result(self.result).label)


@dataclass(frozen=True)
class CriteriaGrid:
    commune: Commune
    criteria_set: CriteriaSet | None
    assessment: Assessment | None
    criteria: tuple[CriterionLine, ...]

    @property
    def is_assessed(self) -> bool:
        return self.assessment is not None

    @property
    def criteria_total(self) -> int:
        return len(self.criteria)

    @property
    def criteria_met(self) -> int:
        return sum(1 for line in self.criteria if line.result == rules.MET)

    @property
    def meets_standard(self) -> bool:
        return self.criteria_total > 0 and self.criteria_met == self.criteria_total

    @property
    def unmet(self) -> tuple[CriterionLine, ...]:
        return tuple(line for line in self.criteria if line.result != rules.MET)


def commune_criteria_grid(*, commune: Commune) -> CriteriaGrid:
    """The grid of the commune's current assessment, or of the set in force if never assessed.

    Queries: 1 for the current assessment, 3 for criteria/indicators/thresholds, 2 for the
    stored results (or 1 for the set in force when never assessed) — 6 at most.
    """
    assessment = (
        Assessment.objects.filter(commune=commune, is_current=True)
        .select_related("criteria_set", "entered_by")
        .first()
    )
    if assessment is not None:
        return assessment_grid(assessment=assessment, commune=commune)
    today = timezone.localdate()
    criteria_set = criteria_set_current(on=today, province=commune.province_id)
    if criteria_set is None:
        return CriteriaGrid(commune=commune, criteria_set=None, assessment=None, criteria=())
    key = commune.classification_key(criteria_set.classification_scheme)
    criteria = criteria_with_thresholds(criteria_set=criteria_set, classification_key=key)
    lines = tuple(_line(item, today.year, {}, {}) for item in criteria)
    return CriteriaGrid(commune=commune, criteria_set=criteria_set, assessment=None, criteria=lines)


def assessment_grid(*, assessment: Assessment, commune: Commune | None = None) -> CriteriaGrid:
    """The grid of one stored assessment: values, thresholds applied and results as evaluated."""
    commune = commune or assessment.commune
    criteria_set = assessment.criteria_set
    key = commune.classification_key(criteria_set.classification_scheme)
    criteria = criteria_with_thresholds(criteria_set=criteria_set, classification_key=key)
    stored_values = {v.indicator_id: v for v in assessment.indicator_values.all()}
    stored_results = {r.criterion_id: r.result for r in assessment.criterion_results.all()}
    lines = tuple(
        _line(item, assessment.period.year, stored_values, stored_results) for item in criteria
    )
    return CriteriaGrid(
        commune=commune, criteria_set=criteria_set, assessment=assessment, criteria=lines
    )


def _line(
    item: CriterionWithIndicators,
    year: int,
    values: dict[int, IndicatorValue],
    results: dict[int, str],
) -> CriterionLine:
    """One criterion of the grid: stored values and results if any, else the threshold in force."""
    indicators = []
    for entry in item.indicators:
        indicator, row = entry.indicator, entry.applicable(year=year)
        stored = values.get(indicator.pk)
        indicators.append(
            IndicatorLine(
                code=indicator.code,
                name=indicator.name,
                kind=indicator.kind,
                comparator=indicator.comparator,
                unit=indicator.unit,
                value=_plain(stored.value if stored else None),
                threshold=_plain(
                    stored.threshold_value if stored else (row.value if row else None)
                ),
                result=stored.result if stored else rules.NOT_ASSESSED,
                is_verified=indicator.is_verified and row is not None and row.is_verified,
                indicator_id=indicator.pk,
                carried_from=stored.carried_from if stored else None,
            )
        )
    criterion = item.criterion
    return CriterionLine(
        number=criterion.number,
        code=criterion.code,
        name=criterion.name,
        result=results.get(criterion.pk, rules.NOT_ASSESSED),
        indicators=tuple(indicators),
        criterion_id=criterion.pk,
    )


def _plain(value: Decimal | None) -> Decimal | None:
    """Decimal('87.90') → Decimal('87.9'): shown as typed, without the column's trailing zeros."""
    return value.normalize() if value is not None else None
