"""The province overview: headline figures with their change, the spread of criteria met, the
weakest criteria, the trend, the comparison of districts or commune groups, the year's
sponsorship by month and the month's reporting completeness.

Read at request time from each app's selectors: the communes' cache of their current
assessment and the summary tables of criteria and sponsorships, all written in the
transaction of the assessment or activity, so a save shows on the next request. A fixed
number of queries over rows that do not grow with the number of communes' history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Commune, CommuneGroup, Province
from communes.selectors import (
    ASSESSED_XA,
    DIFFICULT,
    RECOGNISED_XA,
    XA,
    Breakdown,
    commune_list,
    province_last_day,
)
from communes.validity import valid_on_q
from criteria.selectors import (
    CriterionStat,
    province_criterion_stats,
    province_met_counts,
    scored_in_force,
    scored_out_of,
)
from criteria.selectors.standings import StandingCount, average_met, province_standings
from dashboards import periods as spans
from dashboards.selectors.sponsorship import SponsorshipYear, sponsorship_year
from ntm_portal import periods
from ntm_portal.permissions import PortalUser
from sponsorships.report_permissions import can_view_report_completeness
from sponsorships.selectors.report_completeness import CompletenessRow, completeness_totals

DISTRICT, COMMUNE_GROUP = "district", "commune_group"
LEVELS = (Commune.Level.STANDARD, Commune.Level.ADVANCED, Commune.Level.MODEL)
DEFAULT_TOTAL = 19  # the 2021–2025 set; a distribution shows 0..19 before any assessment


@dataclass(frozen=True)
class Figure:
    """A headline figure now and at the end of the previous period."""

    key: str
    value: int | Decimal | None
    previous: int | Decimal | None

    @property
    def change(self) -> int | Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class TrendPoint:
    label: str
    end: dt.date
    is_running: bool
    assessed: int
    at_standard: int
    average_met: Decimal | None


class StandardShare:
    """For a row with xa, at_standard and at_standard_before: its share and its change."""

    @property
    def percent_at_standard(self) -> int:
        return round(100 * self.at_standard / self.xa) if self.xa else 0

    @property
    def at_standard_change(self) -> int:
        return self.at_standard - self.at_standard_before


@dataclass(frozen=True)
class GroupRow(StandardShare):
    """One district or commune group of the comparison."""

    key: object
    label: str
    communes: int
    xa: int
    assessed: int
    at_standard: int
    at_standard_before: int
    recognised: int
    average_met: Decimal | None
    average_met_before: Decimal | None
    difficult: int


@dataclass(frozen=True)
class Totals:
    communes: int
    xa: int
    assessed: int
    difficult: int
    recognised: int
    by_level: list[Breakdown]  # xã per recognised level
    by_difficulty: list[Breakdown]  # units per difficulty


@dataclass(frozen=True)
class ProvinceOverview:
    province: Province
    trend_kind: str
    previous: spans.Span  # the period the changes are measured from
    recognition_year: int  # recognition decisions carry a year only: compared with its end
    totals: Totals
    figures: list[Figure]
    distribution: list[tuple[int, int]]  # (criteria met, communes), 0 to the set's size
    criteria: list[CriterionStat]  # weakest first
    trend: list[TrendPoint]
    group_by: str
    comparison: list[GroupRow]
    sponsorship: SponsorshipYear
    completeness_period: dt.date
    completeness: CompletenessRow | None  # None for roles that may not see it
    on: dt.date | None = None  # the structure date: only the units in force that day

    @property
    def figures_by_key(self) -> dict[str, Figure]:
        return {figure.key: figure for figure in self.figures}

    @property
    def distribution_rows(self) -> list[dict[str, int]]:
        return [{"criteria_met": met, "communes": n} for met, n in self.distribution]


def province_overview(
    *,
    user: PortalUser,
    province: Province,
    trend_kind: str = spans.YEAR,
    year: int | None = None,
    group_by: str = DISTRICT,
    on: dt.date | None = None,
) -> ProvinceOverview:
    """Everything the overview page and /api/v1/dashboards/province/ show; with ``on``, the
    units counted and compared are those in force that day."""
    today = timezone.localdate()
    communes = commune_list(user=user).filter(province=province)
    communes = communes.filter(valid_on_q(on)) if on else communes
    trend_spans = spans.spans(today, trend_kind)
    previous = trend_spans[-2]
    # One query for the trend and the comparison: per group and end, summed for the province.
    by_group = province_standings(
        province=province,
        ends=[span.end for span in trend_spans],
        group_by=GROUP_FIELDS[group_by][0],
    )
    standings = _sum_groups(by_group)
    before = standings.get(previous.end, StandingCount())
    # Averages and the distribution combine only scores of the set in force (n/19 ≠ n/10).
    criteria = province_criterion_stats(
        province=province, on=province_last_day(province=province, on=on)
    )
    in_set = scored_out_of(len(criteria))
    totals, raw = _totals(communes, recognition_year=today.year - 1, in_set=in_set)
    return ProvinceOverview(
        province=province,
        trend_kind=trend_kind,
        previous=previous,
        recognition_year=today.year - 1,
        totals=totals,
        figures=_figures(raw, before),
        distribution=_distribution(province_met_counts(province=province), total=len(criteria)),
        criteria=weakest_first(criteria),
        trend=[_point(span, standings.get(span.end)) for span in trend_spans],
        group_by=group_by,
        comparison=_comparison(communes, group_by, previous.end, by_group, in_set),
        sponsorship=sponsorship_year(user=user, province=province, year=year or today.year),
        **_completeness(user, province, periods.period_start(today)),
        on=on,
    )


def _completeness(user: PortalUser, province: Province, period: dt.date) -> dict:
    """The month's reporting completeness, for those who may see it."""
    shown = can_view_report_completeness(user)
    totals = completeness_totals(period=period, province=province) if shown else None
    return {"completeness_period": period, "completeness": totals}


@dataclass(frozen=True)
class ProvinceComparison:
    """The comparison alone, for its own page (every district, a page at a time)."""

    province: Province
    group_by: str
    previous: spans.Span
    rows: list[GroupRow]


def province_comparison(
    *, user: PortalUser, province: Province, trend_kind: str = spans.YEAR, group_by: str = DISTRICT
) -> ProvinceComparison:
    """The overview's comparison of districts or commune groups, with the same change (two
    queries: the standings at the previous span's end, the groups' own aggregates)."""
    previous = spans.spans(timezone.localdate(), trend_kind)[-2]
    by_group = province_standings(
        province=province, ends=[previous.end], group_by=GROUP_FIELDS[group_by][0]
    )
    communes = commune_list(user=user).filter(province=province)
    in_set = scored_in_force(province=province, on=province_last_day(province=province))
    rows = _comparison(communes, group_by, previous.end, by_group, in_set)
    return ProvinceComparison(province, group_by, previous, rows)


def weakest_first(stats: list[CriterionStat]) -> list[CriterionStat]:
    """The criteria met by the smallest share of assessed communes first; then by number."""
    return sorted(stats, key=lambda s: (s.met / s.assessed if s.assessed else 0, s.number))


def _totals(
    communes: QuerySet[Commune], *, recognition_year: int, in_set: Q
) -> tuple[Totals, dict]:
    """One aggregate: units, xã, the cache of current assessments, levels now and a year ago."""
    before = Q(ntm_level_year__lte=recognition_year)
    raw = communes.aggregate(
        communes=Count("id"),
        xa=Count("id", filter=XA),
        assessed=Count("id", filter=ASSESSED_XA),
        at_standard=Count("id", filter=XA & Q(meets_standard=True)),
        # Before criteria_met: later filters naming criteria_met would read the Sum.
        comparable=Count("id", filter=ASSESSED_XA & in_set),
        criteria_met=Sum("criteria_met", filter=ASSESSED_XA & in_set),
        recognised=Count("id", filter=RECOGNISED_XA),
        difficult=Count("id", filter=DIFFICULT),
        **{f"level_{v}": Count("id", filter=XA & Q(ntm_level=v)) for v in Commune.Level.values},
        **{f"before_{v}": Count("id", filter=XA & Q(ntm_level=v) & before) for v in LEVELS},
        **{f"difficulty_{v}": Count("id", filter=Q(difficulty=v)) for v in Commune.Difficulty},
    )
    totals = Totals(
        communes=raw["communes"],
        xa=raw["xa"],
        assessed=raw["assessed"],
        difficult=raw["difficult"],
        recognised=raw["recognised"],
        by_level=[
            Breakdown(v, str(label), raw[f"level_{v}"]) for v, label in Commune.Level.choices
        ],
        by_difficulty=[
            Breakdown(v, str(label), raw[f"difficulty_{v}"])
            for v, label in Commune.Difficulty.choices
        ],
    )
    return totals, raw


def _figures(raw: dict, before: StandingCount) -> list[Figure]:
    return [
        Figure("at_standard", raw["at_standard"], before.at_standard),
        *(Figure(f"level_{v}", raw[f"level_{v}"], raw[f"before_{v}"]) for v in LEVELS),
        Figure(
            "average_met",
            average_met(raw["criteria_met"] or 0, raw["comparable"]),
            before.average_met,
        ),
    ]


def _distribution(rows: list[tuple[int, int, int]], *, total: int) -> list[tuple[int, int]]:
    """Assessed xã per number of criteria met out of ``total`` (the set in force's criteria),
    every count from 0 to it; scores out of another total (an earlier set) are left out."""
    counts: dict[int, int] = {}
    rows = [row for row in rows if row[1] == total] if total else rows
    for met, _total, n in rows:
        counts[met] = counts.get(met, 0) + n
    top = max((max(met, of or 0) for met, of, _n in rows), default=total or DEFAULT_TOTAL)
    return [(met, counts.get(met, 0)) for met in range(top + 1)]


def _point(span: spans.Span, standing: StandingCount | None) -> TrendPoint:
    standing = standing or StandingCount()
    return TrendPoint(
        label=span.label,
        end=span.end,
        is_running=span.is_running,
        assessed=standing.assessed,
        at_standard=standing.at_standard,
        average_met=standing.average_met,
    )


GROUP_FIELDS = {
    DISTRICT: ("district_id", "district__code", "district__kind", "district__name"),
    COMMUNE_GROUP: ("commune_group",),
}


def _sum_groups(
    by_group: dict[tuple[object, dt.date], StandingCount],
) -> dict[dt.date, StandingCount]:
    """The groups' standings added up per end: the province's."""
    totals: dict[dt.date, StandingCount] = {}
    for (_group, end), count in by_group.items():
        totals[end] = totals.get(end, StandingCount()) + count
    return totals


def _comparison(
    communes: QuerySet[Commune],
    group_by: str,
    before: dt.date,
    standings: dict[tuple[object, dt.date], StandingCount],
    in_set: Q,
) -> list[GroupRow]:
    """Per district (or commune group): units, xã, 19/19 now and at ``before``, averages."""
    fields = GROUP_FIELDS[group_by]
    rows = (
        communes.order_by()
        .values(*fields)
        .annotate(
            communes=Count("id"),
            xa=Count("id", filter=XA),
            assessed=Count("id", filter=ASSESSED_XA),
            at_standard=Count("id", filter=XA & Q(meets_standard=True)),
            recognised=Count("id", filter=RECOGNISED_XA),
            # Before criteria_met: later filters naming criteria_met would read the Sum.
            comparable=Count("id", filter=ASSESSED_XA & in_set),
            criteria_met=Sum("criteria_met", filter=ASSESSED_XA & in_set),
            difficult=Count("id", filter=DIFFICULT),
        )
    )
    result = [
        _group_row(row, _group_label(group_by, row), standings.get((row[fields[0]], before)))
        for row in rows
    ]
    return [row for _sort, row in sorted(result, key=lambda pair: pair[0])]


def _group_label(group_by: str, row: dict) -> tuple[tuple, object, str]:
    """(sort key, key, label): districts by code, commune groups in order, "none" last."""
    if group_by == DISTRICT:
        if row["district_id"] is None:
            return (1, ""), None, _("Không thuộc huyện")
        name = f"{row['district__kind'] or ''} {row['district__name']}".strip()
        return (0, row["district__code"]), row["district_id"], name
    value = row["commune_group"]
    if not value:
        return (1, ""), None, _("Chưa xếp nhóm")
    return (0, value), value, str(CommuneGroup(value).label)


def _group_row(
    row: dict, label: tuple[tuple, object, str], before: StandingCount | None
) -> tuple[tuple, GroupRow]:
    before = before or StandingCount()
    sort, key, name = label
    return sort, GroupRow(
        key=key,
        label=name,
        communes=row["communes"],
        xa=row["xa"],
        assessed=row["assessed"],
        at_standard=row["at_standard"],
        at_standard_before=before.at_standard,
        recognised=row["recognised"],
        average_met=average_met(row["criteria_met"] or 0, row["comparable"]),
        average_met_before=before.average_met,
        difficult=row["difficult"],
    )
