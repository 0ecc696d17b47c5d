"""What many communes lack, and what they lost, by their current assessments.

``communes_gaps``: for each commune, the criteria it does not meet and, in each, the indicators
that keep it from being met, with the value entered against the threshold applied ("4.2:
93,5 % / ≥ 95 %"). ``lost_criterion_results``: the current results no longer met that the
commune's previous assessment met. Both run a fixed number of queries for any number of
communes, and read the stored rows (what was evaluated when the assessment was entered).

The previous assessment of a commune is the one that was current before the current one's
period began: the latest earlier period, the province's appraisal before the commune's
self-assessment, then the latest entry (criteria.services.storage keeps the link).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, QuerySet

from communes.models import Commune
from criteria import rules
from criteria.models import CriterionResult, IndicatorValue, Result, Threshold
from criteria.selectors.grids import IndicatorLine


@dataclass(frozen=True)
class CriterionGap:
    """A criterion a commune does not meet, with the indicators that are not met."""

    criterion_id: int
    number: int
    code: str
    name: str
    is_critical: bool
    result: str
    indicators: tuple[IndicatorLine, ...]

    @property
    def result_label(self) -> str:
        return str(Result(self.result).label)


def shortfall(line: IndicatorLine) -> Decimal | None:
    """How far a measured value is from its threshold (|threshold − value|); None for a
    yes/no indicator, a missing value or a missing threshold."""
    if line.is_boolean or line.value is None or line.threshold is None:
        return None
    return abs(line.threshold - line.value).normalize()


def communes_gaps(
    *, commune_ids: Iterable[int], with_indicators: bool = True
) -> dict[int, tuple[CriterionGap, ...]]:
    """Commune id → the criteria its current assessment does not meet, by number (3 queries;
    1 without the indicators).

    A commune without a current assessment is absent from the result.
    """
    unmet = list(
        # assessment__is_current (same rows) lets the planner reach each commune's current
        # assessment by its unique partial index instead of scanning every assessment.
        CriterionResult.objects.filter(
            is_current=True,
            assessment__is_current=True,
            assessment__commune_id__in=list(commune_ids),
        )
        .exclude(result=Result.MET)
        .select_related("criterion")
        .only(*UNMET_FIELDS)
        # The assessment's and commune's few fields as values: a model per row and per join
        # cost more than the query itself on a page of communes.
        .annotate(
            gap_commune_id=F("assessment__commune_id"),
            gap_period=F("assessment__period"),
            gap_region=F("assessment__commune__region"),
            gap_commune_group=F("assessment__commune__commune_group"),
            gap_scheme=F("assessment__criteria_set__classification_scheme"),
        )
        .order_by("criterion__number")
    )
    values = _unmet_values({r.assessment_id for r in unmet}) if with_indicators else {}
    verified = _verified_thresholds({v.indicator_id for rows in values.values() for v in rows})
    gaps: dict[int, list[CriterionGap]] = defaultdict(list)
    names: dict[int, str] = {}
    keys: dict[int, str] = {}
    for result in unmet:
        rows = values.get((result.assessment_id, result.criterion_id), [])
        if rows and result.assessment_id not in keys:
            keys[result.assessment_id] = _classification_key(result)
        lines = tuple(
            _line(value, verified, keys[result.assessment_id], result.gap_period.year)
            for value in rows
        )
        gaps[result.gap_commune_id].append(_gap(result, lines, names))
    return {commune_id: tuple(items) for commune_id, items in gaps.items()}


def _classification_key(result: CriterionResult) -> str:
    commune = Commune(region=result.gap_region, commune_group=result.gap_commune_group)
    return commune.classification_key(result.gap_scheme)


UNMET_FIELDS = (
    "assessment_id",
    "result",
    "criterion__number",
    "criterion__code",
    "criterion__name_vi",
    "criterion__name_en",
    "criterion__is_critical",
)


UNMET_VALUE_FIELDS = (
    "assessment_id",
    "value",
    "threshold_value",
    "result",
    "indicator__criterion_id",
    "indicator__code",
    "indicator__name_vi",
    "indicator__name_en",
    "indicator__kind",
    "indicator__comparator",
    "indicator__unit",
    "indicator__is_verified",
)


def _unmet_values(assessment_ids: set[int]) -> dict[tuple[int, int], list[IndicatorValue]]:
    rows: dict[tuple[int, int], list[IndicatorValue]] = defaultdict(list)
    for value in (
        IndicatorValue.objects.filter(assessment_id__in=assessment_ids)
        .exclude(result=Result.MET)
        .select_related("indicator")
        .only(*UNMET_VALUE_FIELDS)
        .order_by("indicator__position", "indicator_id")
    ):
        rows[(value.assessment_id, value.indicator.criterion_id)].append(value)
    return rows


def _verified_thresholds(indicator_ids: set[int]) -> dict[int, list[Threshold]]:
    """Threshold rows of the indicators, to tell whether the one applied was verified."""
    rows: dict[int, list[Threshold]] = defaultdict(list)
    if not indicator_ids:
        return rows
    for threshold in Threshold.objects.filter(indicator_id__in=indicator_ids).only(
        "indicator_id", "classification_key", "year", "is_verified"
    ):
        rows[threshold.indicator_id].append(threshold)
    return rows


def _line(
    value: IndicatorValue, thresholds: dict[int, list[Threshold]], key: str, year: int
) -> IndicatorLine:
    indicator = value.indicator
    row = rules.applicable_threshold(thresholds.get(indicator.pk, []), key, year)
    return IndicatorLine(
        code=indicator.code,
        name=indicator.name,
        kind=indicator.kind,
        comparator=indicator.comparator,
        unit=indicator.unit,
        value=value.value.normalize() if value.value is not None else None,
        threshold=(
            value.threshold_value.normalize() if value.threshold_value is not None else None
        ),
        result=value.result,
        is_verified=indicator.is_verified and row is not None and row.is_verified,
    )


def _gap(
    result: CriterionResult, lines: tuple[IndicatorLine, ...], names: dict[int, str]
) -> CriterionGap:
    """``names``: criterion id → name in the current language, read once per criterion."""
    criterion = result.criterion
    if criterion.pk not in names:
        names[criterion.pk] = criterion.name
    return CriterionGap(
        criterion_id=criterion.pk,
        number=criterion.number,
        code=criterion.code,
        name=names[criterion.pk],
        is_critical=criterion.is_critical,
        result=result.result,
        indicators=lines,
    )


# --- Criteria lost since the previous assessment ----------------------------------------------


def lost_results() -> QuerySet[CriterionResult]:
    """Results not met whose criterion the assessment's previous assessment met."""
    met_before = CriterionResult.objects.filter(
        assessment_id=OuterRef("assessment__previous_id"),
        criterion_id=OuterRef("criterion_id"),
        result=Result.MET,
    )
    return CriterionResult.objects.exclude(result=Result.MET).filter(Exists(met_before))


def lost_criterion_results() -> QuerySet[CriterionResult]:
    """Current results that are not met while the previous assessment met the criterion.

    Each row carries ``previous_period``. Filter it by commune (``assessment__commune_id``).
    The previous assessment, and how many criteria were lost since (``Assessment.criteria_lost``,
    which "communes that lost a criterion" filters on), are kept by criteria.services.storage.
    """
    return (
        lost_results()
        .filter(is_current=True, assessment__is_current=True)
        .annotate(previous_period=F("assessment__previous__period"))
    )


@dataclass(frozen=True)
class LostCriterion:
    criterion_id: int
    number: int
    code: str
    name: str
    is_critical: bool
    result: str
    previous_period: dt.date

    @property
    def result_label(self) -> str:
        return str(Result(self.result).label)


def communes_lost_criteria(*, commune_ids: Iterable[int]) -> dict[int, tuple[LostCriterion, ...]]:
    """Commune id → criteria lost since its previous assessment, critical ones first (1 query)."""
    rows = (
        lost_criterion_results()
        .filter(assessment__commune_id__in=list(commune_ids))
        .select_related("criterion", "assessment")
        .order_by("-criterion__is_critical", "criterion__number")
    )
    lost: dict[int, list[LostCriterion]] = defaultdict(list)
    for row in rows:
        criterion = row.criterion
        lost[row.assessment.commune_id].append(
            LostCriterion(
                criterion_id=criterion.pk,
                number=criterion.number,
                code=criterion.code,
                name=criterion.name,
                is_critical=criterion.is_critical,
                result=row.result,
                previous_period=row.previous_period,
            )
        )
    return {commune_id: tuple(items) for commune_id, items in lost.items()}
