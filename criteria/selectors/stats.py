"""Province-wide counts per criterion from the current results ("Tiêu chí 7: 17/110 xã").

Read from the summary table CriterionCount (kept on each assessment write by
criteria.services.summaries): a few dozen rows per province, whatever the number of communes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from communes.models import Province
from criteria.models import Criterion, CriterionCount, MetCount
from criteria.selectors.sets import criteria_set_current


@dataclass(frozen=True)
class CriterionStat:
    criterion_id: int
    number: int
    code: str
    name: str
    met: int
    not_met: int
    not_assessed: int

    @property
    def assessed(self) -> int:
        """Communes with a current assessment that covers this criterion."""
        return self.met + self.not_met + self.not_assessed

    @property
    def percent_met(self) -> int:
        return round(100 * self.met / self.assessed) if self.assessed else 0


def province_criterion_stats(
    *, province: Province, on: dt.date | None = None
) -> list[CriterionStat]:
    """Per criterion of the set in force on ``on`` (default today): communes meeting it /
    communes assessed.

    3 queries, whatever the number of communes.
    """
    criteria_set = criteria_set_current(on=on or timezone.localdate(), province=province)
    if criteria_set is None:
        return []
    criteria = list(Criterion.objects.filter(criteria_set=criteria_set))
    counts = {
        row["criterion_id"]: row
        for row in CriterionCount.objects.filter(
            criterion__criteria_set=criteria_set, province=province
        )
        .values("criterion_id")
        .annotate(met=Sum("met"), not_met=Sum("not_met"), not_assessed=Sum("not_assessed"))
        .order_by()
    }
    empty = {"met": 0, "not_met": 0, "not_assessed": 0}
    return [
        CriterionStat(
            criterion_id=c.pk,
            number=c.number,
            code=c.code,
            name=c.name,
            **{k: counts.get(c.pk, empty)[k] for k in empty},
        )
        for c in criteria
    ]


def province_met_counts(*, province: Province) -> list[tuple[int, int, int]]:
    """(criteria met, criteria total, assessed xã) of the province's current assessments.

    One query on the summary table MetCount.
    """
    return list(
        MetCount.objects.filter(province=province, communes__gt=0)
        .values_list("criteria_met", "criteria_total")
        .annotate(n=Sum("communes"))
        .order_by()
    )
