"""Per-commune results of one criterion or one indicator, for a set of communes (the drill-down).

Read from the current assessments' stored rows (what was evaluated when entered). A commune
(xã) without a current result for the criterion, or with "not assessed", counts as not
assessed, so met + not met + not assessed = the xã of the selection. Fixed query counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Abs, Coalesce

from communes.models import Commune
from criteria import rules
from criteria.models import (
    CriteriaSet,
    Criterion,
    CriterionResult,
    Indicator,
    IndicatorValue,
    Result,
)
from criteria.selectors.grids import IndicatorLine

XA = Q(kind=Commune.Kind.XA)


@dataclass(frozen=True)
class CriterionCount:
    criterion: Criterion
    met: int
    not_met: int
    not_assessed: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.not_assessed

    @property
    def percent_met(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0


def criterion_counts(
    *, criteria_set: CriteriaSet | None, communes: QuerySet[Commune]
) -> list[CriterionCount]:
    """Per criterion of the set: xã meeting it, not meeting it, not assessed (3 queries)."""
    if criteria_set is None:
        return []
    xa = communes.filter(XA).order_by()
    total = xa.count()
    rows = (
        # Through each xã's current assessment (one index probe each), not the country's
        # current results of the set (the partial index on them scans 190,000 rows).
        CriterionResult.objects.filter(
            assessment__is_current=True,
            assessment__commune__in=xa,
            criterion__criteria_set=criteria_set,
        )
        .values("criterion_id")
        .annotate(
            met=Count("id", filter=Q(result=rules.MET)),
            not_met=Count("id", filter=Q(result=rules.NOT_MET)),
        )
        .order_by()
    )
    counts = {row["criterion_id"]: row for row in rows}
    result = []
    for criterion in Criterion.objects.filter(criteria_set=criteria_set).order_by("number"):
        row = counts.get(criterion.pk, {"met": 0, "not_met": 0})
        not_assessed = total - row["met"] - row["not_met"]
        result.append(CriterionCount(criterion, row["met"], row["not_met"], not_assessed))
    return result


@dataclass(frozen=True)
class CommuneCriterionRow:
    commune: Commune
    result: str
    indicators: tuple[IndicatorLine, ...]

    @property
    def result_label(self) -> str:
        return str(Result(self.result).label)


def with_criterion_result(*, criterion: Criterion, communes: QuerySet[Commune]) -> QuerySet:
    """The xã of ``communes`` annotated with ``criterion_result``: their current result for the
    criterion, "not assessed" without one (one probe of the current assessment per xã)."""
    current = CriterionResult.objects.filter(
        assessment__is_current=True, assessment__commune=OuterRef("pk"), criterion=criterion
    ).values("result")[:1]
    return communes.filter(XA).annotate(
        criterion_result=Coalesce(Subquery(current), Value(rules.NOT_ASSESSED))
    )


def criterion_page_rows(
    *, indicators: list[Indicator], xa: list[Commune], results: dict[int, str]
) -> list[CommuneCriterionRow]:
    """The rows of ``xa`` (one page of them) with their ``results`` and the values of their
    indicators against the thresholds applied (1 query)."""
    values = _current_values(indicators, [c.pk for c in xa])
    names = {i.pk: i.name for i in indicators}  # once, not per commune (a translation lookup)
    return [
        CommuneCriterionRow(
            commune=commune,
            result=results[commune.pk],
            indicators=tuple(
                _line(i, values.get((commune.pk, i.pk)), names[i.pk]) for i in indicators
            ),
        )
        for commune in xa
    ]


@dataclass(frozen=True)
class StoredValue:
    """What a line shows of a stored IndicatorValue (plain values: a page covers every xã of a
    province, and building thousands of model instances cost most of its time)."""

    value: Decimal | None
    threshold_value: Decimal | None
    result: str


def _current_values(
    indicators: list[Indicator], commune_ids: list[int]
) -> dict[tuple[int, int], StoredValue]:
    rows = IndicatorValue.objects.filter(
        assessment__is_current=True,
        assessment__commune_id__in=commune_ids,
        indicator__in=indicators,
    ).values_list("assessment__commune_id", "indicator_id", "value", "threshold_value", "result")
    return {(commune, indicator): StoredValue(*stored) for commune, indicator, *stored in rows}


def _plain(value: Decimal | None) -> Decimal | None:
    return value.normalize() if value is not None else None


def _line(indicator: Indicator, stored: StoredValue | None, name: str) -> IndicatorLine:
    return IndicatorLine(
        code=indicator.code,
        name=name,
        kind=indicator.kind,
        comparator=indicator.comparator,
        unit=indicator.unit,
        value=_plain(stored.value if stored else None),
        threshold=_plain(stored.threshold_value if stored else None),
        result=stored.result if stored else rules.NOT_ASSESSED,
        is_verified=True,  # the threshold shown is the one the assessment applied
        indicator_id=indicator.pk,
    )


@dataclass(frozen=True)
class CommuneIndicatorRow:
    commune: Commune
    line: IndicatorLine


def with_indicator_result(*, indicator: Indicator, communes: QuerySet[Commune]) -> QuerySet:
    """The xã of ``communes`` annotated with ``indicator_result`` (their current value's, "not
    assessed" without one), ordered as the indicator page lists them: the closest to the
    threshold first (met or not, |value − threshold|, see rules.margin), the not assessed last."""
    current = IndicatorValue.objects.filter(
        assessment__is_current=True, assessment__commune=OuterRef("pk"), indicator=indicator
    )
    distance = current.annotate(distance=Abs(F("value") - F("threshold_value"))).values("distance")
    unranked = Q(indicator_result=rules.NOT_ASSESSED) | Q(indicator_distance__isnull=True)
    return (
        communes.filter(XA)
        .annotate(
            indicator_result=Coalesce(
                Subquery(current.values("result")[:1]), Value(rules.NOT_ASSESSED)
            ),
            indicator_distance=Subquery(distance[:1]),
            unranked=Case(When(unranked, then=Value(1)), default=Value(0)),
        )
        .order_by("unranked", "indicator_distance", "search_name", "name", "code")
    )


def indicator_page_rows(*, indicator: Indicator, xa: list[Commune]) -> list[CommuneIndicatorRow]:
    """The rows of ``xa`` (one page of them) with their current value against its threshold
    (1 query)."""
    values = _current_values([indicator], [c.pk for c in xa])
    name = indicator.name
    return [
        CommuneIndicatorRow(commune, _line(indicator, values.get((commune.pk, indicator.pk)), name))
        for commune in xa
    ]


def result_counts(results: Iterable[str]) -> dict[str, int]:
    """{"met": n, "not_met": n, "not_assessed": n} of some results."""
    counts = {rules.MET: 0, rules.NOT_MET: 0, rules.NOT_ASSESSED: 0}
    for result in results:
        counts[result] += 1
    return counts


def communes_in_order(communes: QuerySet[Commune], ids: list[int]) -> list[Commune]:
    """The communes of ``ids`` (a page), in that order (1 query)."""
    found = communes.in_bulk(ids)
    return [found[pk] for pk in ids]


def communes_unmet_criteria(*, commune_ids: list[int]) -> dict[int, list[Criterion]]:
    """Per commune: the criteria its current assessment does not meet, by number (1 query).
    A commune never assessed has no entry (the page says "chưa đánh giá")."""
    rows = (
        CriterionResult.objects.filter(is_current=True, assessment__commune_id__in=commune_ids)
        .exclude(result=Result.MET)
        .select_related("criterion", "assessment")
        .order_by("criterion__number")
    )
    unmet: dict[int, list[Criterion]] = {}
    for row in rows:
        unmet.setdefault(row.assessment.commune_id, []).append(row.criterion)
    return unmet
