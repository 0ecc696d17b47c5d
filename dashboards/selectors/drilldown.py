"""Reads of the drill-down pages and their API: district → commune → criterion → indicator.

Each builds on the owning app's scoped selectors (communes.commune_list, the criteria
drill-down rows, sponsorships' assignment and activity lists) and runs a fixed number of
queries, whatever the number of communes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from communes.models import Commune, District, Province
from communes.selectors import ASSESSED_XA, XA, commune_list, district_list, portal_province
from criteria.models import Criterion, Indicator, Result
from criteria.selectors import criteria_set_current, scored_out_of
from criteria.selectors.drilldown import (
    CommuneCriterionRow,
    CommuneIndicatorRow,
    CriterionCount,
    communes_in_order,
    criterion_counts,
    criterion_page_rows,
    indicator_page_rows,
    result_counts,
    with_criterion_result,
    with_indicator_result,
)
from ntm_portal.permissions import PortalUser, has_portal_role
from sponsorships.models import Assignment
from sponsorships.selectors.activities import activity_list, year_q
from sponsorships.selectors.agencies import assignment_active_list, today


@dataclass(frozen=True)
class Scope:
    """Which communes a criterion or indicator page covers (?province=, ?district=)."""

    province: Province | None
    district: District | None

    def communes(self, *, user: PortalUser) -> QuerySet[Commune]:
        communes = commune_list(user=user)
        if self.district is not None:
            return communes.filter(district=self.district)
        if self.province is not None:
            return communes.filter(province=self.province)
        return communes.none()


def scope_of(*, province: Province | None, district: District | None) -> Scope:
    """The filters given, the province defaulting to the district's, then to the portal's."""
    if province is None:
        province = district.province if district is not None else portal_province()
    return Scope(province=province, district=district)


def _round(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- District ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictDrilldown:
    district: District
    communes: int
    xa: int
    assessed_xa: int
    meeting_standard: int
    average_criteria_met: Decimal | None
    criteria: list[CriterionCount]
    rows: list[Commune]


def district_get(*, user: PortalUser, pk: int) -> District:
    return get_object_or_404(district_list(user=user), pk=pk)


def district_drilldown(*, user: PortalUser, district: District) -> DistrictDrilldown:
    """The district's figures, per-criterion counts and its communes by score (6 queries)."""
    communes = commune_list(user=user).filter(district=district)
    criteria_set = criteria_set_current(on=today(), province=district.province_id)
    criteria = criterion_counts(criteria_set=criteria_set, communes=communes)
    totals = communes.aggregate(
        communes=Count("id"),
        xa=Count("id", filter=XA),
        assessed_xa=Count("id", filter=ASSESSED_XA),
        meeting_standard=Count("id", filter=XA & Q(meets_standard=True)),
        # Only scores of the set in force are averaged (n/19 and n/10 do not mix).
        average=Avg("criteria_met", filter=ASSESSED_XA & scored_out_of(len(criteria))),
    )
    # Never-assessed communes last on every database (PostgreSQL puts NULL first when descending).
    rows = communes.order_by(
        "-meets_standard", F("criteria_met").desc(nulls_last=True), "search_name", "code"
    )
    return DistrictDrilldown(
        district=district,
        communes=totals["communes"],
        xa=totals["xa"],
        assessed_xa=totals["assessed_xa"],
        meeting_standard=totals["meeting_standard"],
        average_criteria_met=_round(totals["average"]),
        criteria=criteria,
        rows=list(rows),
    )


# --- Criterion --------------------------------------------------------------------------


def criterion_get(*, user: PortalUser, pk: int) -> Criterion:
    criteria = Criterion.objects.select_related("criteria_set")
    return get_object_or_404(criteria if has_portal_role(user) else criteria.none(), pk=pk)


@dataclass(frozen=True)
class SponsorRow:
    """An active assignment focused on the criterion, with its activities of the year."""

    assignment: Assignment
    count: int
    amount: int
    criterion_count: int
    criterion_amount: int


class _ResultCounts:
    """A drill-down's xã counted by their current result (``results``: xã id → result)."""

    results: dict[int, str]

    @cached_property
    def counts(self) -> dict[str, int]:
        return result_counts(self.results.values())

    @property
    def total(self) -> int:
        return len(self.results)


@dataclass(frozen=True)
class CriterionDrilldown(_ResultCounts):
    """The figures of the page, with each xã's result (a pair of ids and words, cheap at any
    size); the rows with their indicator values are read a page at a time (:meth:`rows_of`),
    every row at once only where asked (:attr:`rows`, the API)."""

    criterion: Criterion
    scope: Scope
    indicators: list[Indicator]
    communes: QuerySet[Commune]
    results: dict[int, str]  # xã id → current result, in the communes' order
    assignments: QuerySet[Assignment]  # the agencies on it: read by page (sponsors_of)
    user: PortalUser
    year: int

    def group(self, result: str) -> list[int]:
        """The ids of the xã with that result, in order."""
        return [pk for pk, found in self.results.items() if found == result]

    def rows_of(self, ids: list[int]) -> list[CommuneCriterionRow]:
        """The rows of some xã (a page): the communes and their indicator values (2 queries)."""
        xa = communes_in_order(self.communes, ids)
        return criterion_page_rows(indicators=self.indicators, xa=xa, results=self.results)

    @cached_property
    def rows(self) -> list[CommuneCriterionRow]:
        return self.rows_of(list(self.results))

    def sponsors_of(self, assignments: list[Assignment]) -> list[SponsorRow]:
        """Some of :attr:`assignments` (a page) with this year's activities (2 queries)."""
        return criterion_sponsors(
            user=self.user, criterion=self.criterion, assignments=assignments, year=self.year
        )

    @cached_property
    def sponsors(self) -> list[SponsorRow]:
        return self.sponsors_of(list(self.assignments))

    @property
    def groups(self) -> list[tuple[str, str, int]]:
        """(result, label, count): not met first (what the office acts on), met, not assessed."""
        order = (Result.NOT_MET, Result.MET, Result.NOT_ASSESSED)
        return [(result, str(result.label), self.counts[result]) for result in order]


def criterion_drilldown(
    *, user: PortalUser, criterion: Criterion, scope: Scope
) -> CriterionDrilldown:
    """Each xã's result for the criterion (2 queries); the rows and the agencies on it are
    read by page."""
    communes = scope.communes(user=user)
    results = with_criterion_result(criterion=criterion, communes=communes)
    year = today().year
    return CriterionDrilldown(
        criterion=criterion,
        scope=scope,
        indicators=list(criterion.indicators.all()),
        communes=communes,
        results=dict(results.values_list("pk", "criterion_result")),
        assignments=criterion_assignments(user=user, criterion=criterion, communes=communes),
        user=user,
        year=year,
    )


def criterion_assignments(
    *, user: PortalUser, criterion: Criterion, communes: QuerySet[Commune]
) -> QuerySet[Assignment]:
    """Active assignments in the communes whose focus criteria include it."""
    return (
        assignment_active_list(user=user)
        .filter(focus_criteria=criterion, commune__in=communes.values("pk"))
        .order_by("agency__name", "commune__name", "pk")
    )


def criterion_sponsors(
    *, user: PortalUser, criterion: Criterion, assignments: list[Assignment], year: int
) -> list[SponsorRow]:
    """Some of those assignments (a page) with their activities of the year (2 queries)."""
    ids = [a.pk for a in assignments]
    activities = activity_list(user=user).filter(year_q(year), assignment_id__in=ids)
    totals = _totals_by_assignment(activities)
    on_criterion = _totals_by_assignment(activities.filter(target_criteria=criterion))
    empty = {"count": 0, "amount": 0}
    return [
        SponsorRow(
            assignment=a,
            count=totals.get(a.pk, empty)["count"],
            amount=totals.get(a.pk, empty)["amount"],
            criterion_count=on_criterion.get(a.pk, empty)["count"],
            criterion_amount=on_criterion.get(a.pk, empty)["amount"],
        )
        for a in assignments
    ]


def _totals_by_assignment(activities: QuerySet) -> dict[int, dict[str, int]]:
    rows = (
        activities.order_by()
        .values("assignment_id")
        .annotate(count=Count("pk", distinct=True), amount=Coalesce(Sum("amount"), 0))
    )
    return {row["assignment_id"]: row for row in rows}


# --- Indicator --------------------------------------------------------------------------


def indicator_get(*, user: PortalUser, pk: int) -> Indicator:
    indicators = Indicator.objects.select_related("criterion__criteria_set")
    return get_object_or_404(indicators if has_portal_role(user) else indicators.none(), pk=pk)


@dataclass(frozen=True)
class IndicatorDrilldown(_ResultCounts):
    indicator: Indicator
    scope: Scope
    communes: QuerySet[Commune]
    results: dict[int, str]  # xã id → current result, closest to the threshold first

    @property
    def ids(self) -> list[int]:
        return list(self.results)

    def rows_of(self, ids: list[int]) -> list[CommuneIndicatorRow]:
        """The rows of some xã (a page): the communes and their values (2 queries)."""
        xa = communes_in_order(self.communes, ids)
        return indicator_page_rows(indicator=self.indicator, xa=xa)

    @cached_property
    def rows(self) -> list[CommuneIndicatorRow]:
        return self.rows_of(self.ids)


def indicator_drilldown(
    *, user: PortalUser, indicator: Indicator, scope: Scope
) -> IndicatorDrilldown:
    """Each xã's result for the indicator, closest to the threshold first (1 query); the rows
    are read by page."""
    communes = scope.communes(user=user)
    ordered = with_indicator_result(indicator=indicator, communes=communes)
    return IndicatorDrilldown(
        indicator=indicator,
        scope=scope,
        communes=communes,
        results=dict(ordered.values_list("pk", "indicator_result")),
    )


__all__ = [
    "CriterionDrilldown",
    "DistrictDrilldown",
    "IndicatorDrilldown",
    "Scope",
    "SponsorRow",
    "criterion_drilldown",
    "criterion_get",
    "district_drilldown",
    "district_get",
    "indicator_drilldown",
    "indicator_get",
    "scope_of",
]
