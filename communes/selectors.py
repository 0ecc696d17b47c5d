"""Reads for administrative units, scoped by user; the province summary for the overview.

Scope: every user with a portal role sees every commune (commune data is public inside the
portal); an account without a role sees none. Only rural communes (xã) are assessed against
the NTM criteria, so the summary's NTM figures count xã only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from communes.models import Commune, District, Province
from ntm_portal.permissions import PortalUser, has_portal_role

MERGER_DEPTH = 4  # successive mergers followed back; a fixed bound keeps the query count fixed

XA = Q(kind=Commune.Kind.XA)
ASSESSED_XA = XA & Q(criteria_met__isnull=False)
DIFFICULT = ~Q(difficulty=Commune.Difficulty.NORMAL)
RECOGNISED_XA = XA & ~Q(ntm_level=Commune.Level.NONE)


def portal_province() -> Province | None:
    """The province this deployment serves (PORTAL_PROVINCE_CODE), else the only province."""
    province = Province.objects.filter(code=settings.PORTAL_PROVINCE_CODE).newest_first().first()
    if province is None:
        only = list(Province.objects.all()[:2])
        province = only[0] if len(only) == 1 else None
    return province


def province_list(*, user: PortalUser) -> QuerySet[Province]:
    return Province.objects.all() if has_portal_role(user) else Province.objects.none()


def district_list(*, user: PortalUser) -> QuerySet[District]:
    districts = District.objects.select_related("province")
    return districts if has_portal_role(user) else districts.none()


def commune_list(*, user: PortalUser) -> QuerySet[Commune]:
    """Communes the user may see, with province and district joined."""
    communes = Commune.objects.select_related("province", "district")
    return communes if has_portal_role(user) else communes.none()


def commune_get(*, user: PortalUser, pk: int) -> Commune:
    """One commune with its villages; 404 when it does not exist or is outside the user's scope."""
    return get_object_or_404(commune_list(user=user).prefetch_related("villages"), pk=pk)


def province_last_day(*, province: Province, on: dt.date | None = None) -> dt.date:
    """``on`` or today, but no later than the province's last day: a province ended by the
    2025 reform is shown as it stood then (its districts, the criteria set it was scored by)."""
    return min(day for day in (on, province.valid_to, timezone.localdate()) if day)


def province_on(*, province: Province, day: dt.date) -> Province:
    """The province as structured on ``day``: itself while in force, else the province its
    communes merged into (after the reform) or came from (before it); itself when neither."""
    if province.is_valid_on(day):
        return province
    linked = Q(communes__successions_in__predecessor__province=province) | Q(
        communes__successions_out__successor__province=province
    )
    return Province.objects.on(day).filter(linked).distinct().first() or province


def has_districts_on(*, province: Province, day: dt.date) -> bool:
    return District.objects.on(day).filter(province=province).exists()


def commune_predecessors(*, commune: Commune) -> list[Commune]:
    """The units merged into this one, directly or through earlier mergers, nearest first
    (one query per generation; none when the commune was not formed by a merger)."""
    found: list[Commune] = []
    seen, generation = {commune.pk}, [commune.pk]
    for _depth in range(MERGER_DEPTH):
        units = Commune.objects.filter(successions_out__successor_id__in=generation)
        new = [unit for unit in units.select_related("district").distinct() if unit.pk not in seen]
        if not new:
            break
        found += new
        seen.update(unit.pk for unit in new)
        generation = [unit.pk for unit in new]
    return found


def commune_successors(*, commune: Commune) -> list[Commune]:
    """The units this one merged into (one, for the 2025 reform); none, without a query, while
    it is still in force."""
    if commune.valid_to is None:
        return []
    return list(Commune.objects.filter(successions_in__predecessor=commune))


@dataclass(frozen=True)
class Breakdown:
    """Communes per value of one field: level or difficulty."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class DistrictSummary:
    district_id: int | None
    name: str
    communes: int
    xa: int
    meeting_standard: int
    recognised: int
    average_criteria_met: Decimal | None
    difficult: int


@dataclass(frozen=True)
class ProvinceSummary:
    """Figures of the province overview. NTM figures (standard, criteria, level) count xã only."""

    communes: int
    xa: int
    assessed_xa: int
    meeting_standard: int  # by the latest assessment (Commune.meets_standard, written by criteria)
    recognised: int  # by recognition decision (ntm_level standard or higher)
    average_criteria_met: Decimal | None
    difficult: int
    by_level: list[Breakdown] = field(default_factory=list)
    by_difficulty: list[Breakdown] = field(default_factory=list)
    by_district: list[DistrictSummary] = field(default_factory=list)

    @property
    def meeting_standard_percent(self) -> Decimal | None:
        return _round(Decimal(self.meeting_standard * 100) / self.xa) if self.xa else None


def _round(value: Decimal | float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def province_summary(*, province: Province) -> ProvinceSummary:
    """Counts for the overview in two queries, whatever the number of communes."""
    communes = Commune.objects.filter(province=province)
    totals = _province_totals(communes)
    return ProvinceSummary(
        communes=totals["communes"],
        xa=totals["xa"],
        assessed_xa=totals["assessed_xa"],
        meeting_standard=totals["meeting_standard"],
        recognised=totals["recognised"],
        average_criteria_met=_round(totals["average"]),
        difficult=totals["difficult"],
        by_level=[
            Breakdown(v, str(label), totals[f"level_{v}"]) for v, label in Commune.Level.choices
        ],
        by_difficulty=[
            Breakdown(v, str(label), totals[f"difficulty_{v}"])
            for v, label in Commune.Difficulty.choices
        ],
        by_district=_district_summaries(communes),
    )


def _province_totals(communes: QuerySet[Commune]) -> dict[str, Any]:
    """One aggregate query: totals plus a count per level (xã) and per difficulty."""
    return communes.aggregate(
        communes=Count("id"),
        xa=Count("id", filter=XA),
        assessed_xa=Count("id", filter=ASSESSED_XA),
        meeting_standard=Count("id", filter=XA & Q(meets_standard=True)),
        recognised=Count("id", filter=RECOGNISED_XA),
        average=Avg("criteria_met", filter=ASSESSED_XA),
        difficult=Count("id", filter=DIFFICULT),
        **{f"level_{v}": Count("id", filter=XA & Q(ntm_level=v)) for v in Commune.Level.values},
        **{
            f"difficulty_{v}": Count("id", filter=Q(difficulty=v))
            for v in Commune.Difficulty.values
        },
    )


def _district_summaries(communes: QuerySet[Commune]) -> list[DistrictSummary]:
    rows = (
        communes.values("district_id", "district__code", "district__name", "district__kind")
        .annotate(
            communes=Count("id"),
            xa=Count("id", filter=XA),
            meeting_standard=Count("id", filter=XA & Q(meets_standard=True)),
            recognised=Count("id", filter=RECOGNISED_XA),
            average=Avg("criteria_met", filter=ASSESSED_XA),
            difficult=Count("id", filter=DIFFICULT),
        )
        .order_by("district__code")
    )
    return [
        DistrictSummary(
            district_id=row["district_id"],
            name=f"{row['district__kind'] or ''} {row['district__name'] or ''}".strip(),
            communes=row["communes"],
            xa=row["xa"],
            meeting_standard=row["meeting_standard"],
            recognised=row["recognised"],
            average_criteria_met=_round(row["average"]),
            difficult=row["difficult"],
        )
        for row in rows
    ]
