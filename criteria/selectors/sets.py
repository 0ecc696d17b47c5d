"""Reads of criteria sets, and the rules the engine evaluates for one commune."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from communes.models import Province
from criteria import rules
from criteria.models import CriteriaSet, Criterion, Indicator, Threshold
from ntm_portal import periods

logger = logging.getLogger(__name__)


def criteria_set_current(
    *, on: dt.date, province: Province | int | None = None
) -> CriteriaSet | None:
    """The set in force on a date: the province's own set first, then the national one.

    Among sets in force, the one that started latest wins (a new set replaces the old one
    from its start date even while the old one has no end date yet). ``province`` may be a
    Province or its pk (callers holding a commune pass ``commune.province_id``: no query).
    """
    in_force = Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    return _by_preference(CriteriaSet.objects.filter(*in_force), province).first()


def _by_preference(sets: QuerySet[CriteriaSet], province: Province | int | None) -> QuerySet:
    """The province's own sets before the national ones (for the whole country, national
    first), then the one that started latest."""
    if province is not None:
        sets = sets.filter(Q(province=province) | Q(province__isnull=True))
        own_first = F("province").asc(nulls_last=True)
    else:
        own_first = F("province").asc(nulls_first=True)
    return sets.order_by(own_first, "-valid_from", "-id")


def criteria_set_for_period(
    *, period: dt.date, province: Province | int | None = None
) -> CriteriaSet | None:
    """The set an assessment of a month is judged against: the one in force on its last day.

    So 12/2025 is judged by the 2021–2025 set (in force to 31/12/2025) and 02/2026 by the
    2026–2030 set (from 15/02/2026); a month no set covers to its end has none.
    """
    month_end = period.replace(day=periods.last_day_of_month(period))
    return criteria_set_current(on=month_end, province=province)


def scored_out_of(total: int) -> Q:
    """Communes whose current score is out of ``total`` criteria (the set in force's count):
    the only ones an average of criteria met may combine, as 7/19 and 7/10 are not the same
    score. Without a set in force (``total`` 0) nothing is left out."""
    return Q(criteria_total=total) if total else Q()


def scored_in_force(*, province: Province, on: dt.date | None = None) -> Q:
    """``scored_out_of`` the set in force in the province on ``on``, default today (1 query)."""
    day = on or timezone.localdate()
    return scored_out_of(set_sizes_on(province=province, days=[day])[day])


def set_sizes_on(*, province: Province | None, days: Sequence[dt.date]) -> dict[dt.date, int]:
    """{day: number of criteria of the set in force that day (0: none)}, chosen as
    ``criteria_set_current`` chooses, for many days in one query."""
    ordered = list(_by_preference(CriteriaSet.objects.annotate(size=Count("criteria")), province))
    return {
        day: next(
            (s.size for s in ordered if s.valid_from <= day and (s.valid_to or day) >= day), 0
        )
        for day in days
    }


def criteria_set_list() -> QuerySet[CriteriaSet]:
    """Every set with its criteria, indicators and all their thresholds (4 queries)."""
    indicators = Indicator.objects.prefetch_related("thresholds")
    criteria = Criterion.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    return CriteriaSet.objects.select_related("province").prefetch_related(
        Prefetch("criteria", queryset=criteria)
    )


def criteria_set_get(*, pk: int) -> CriteriaSet:
    return get_object_or_404(criteria_set_list(), pk=pk)


@dataclass(frozen=True)
class IndicatorWithThresholds:
    indicator: Indicator
    thresholds: tuple[Threshold, ...]  # of one classification key

    def applicable(self, *, year: int) -> Threshold | None:
        """The threshold row that applies in a year (see rules.applicable_threshold)."""
        key = self.thresholds[0].classification_key if self.thresholds else ""
        return rules.applicable_threshold(self.thresholds, key, year)


@dataclass(frozen=True)
class CriterionWithIndicators:
    criterion: Criterion
    indicators: tuple[IndicatorWithThresholds, ...]


def criteria_with_thresholds(
    *, criteria_set: CriteriaSet, classification_key: str
) -> list[CriterionWithIndicators]:
    """The set's criteria, their indicators and only the thresholds of one key (3 queries).

    Plain grouping rather than prefetch_related: the engine runs this once per assessment, and
    the demo enters hundreds of them.
    """
    thresholds: dict[int, list[Threshold]] = defaultdict(list)
    for threshold in Threshold.objects.filter(
        indicator__criterion__criteria_set=criteria_set, classification_key=classification_key
    ):
        thresholds[threshold.indicator_id].append(threshold)
    indicators: dict[int, list[IndicatorWithThresholds]] = defaultdict(list)
    for indicator in Indicator.objects.filter(criterion__criteria_set=criteria_set):
        indicators[indicator.criterion_id].append(
            IndicatorWithThresholds(indicator, tuple(thresholds[indicator.pk]))
        )
    return [
        CriterionWithIndicators(criterion, tuple(indicators[criterion.pk]))
        for criterion in Criterion.objects.filter(criteria_set=criteria_set)
    ]


def criterion_rules(
    criteria: Sequence[CriterionWithIndicators], *, year: int
) -> list[rules.CriterionRule]:
    """The engine's input for one commune: each indicator with the threshold that applies to it.

    A missing threshold makes the indicator "not assessed"; it is a data error, so it is logged.
    """
    result = []
    for item in criteria:
        indicator_rules = []
        for entry in item.indicators:
            row = entry.applicable(year=year)
            if row is None or row.value is None:
                logger.warning("No threshold for indicator %s in %s", entry.indicator.code, year)
            indicator_rules.append(
                rules.IndicatorRule(
                    code=entry.indicator.code,
                    kind=entry.indicator.kind,
                    comparator=entry.indicator.comparator,
                    threshold=row.value if row is not None else None,
                )
            )
        result.append(
            rules.CriterionRule(number=item.criterion.number, indicators=tuple(indicator_rules))
        )
    return result
