"""The contribution summary tables (ContributionTotal, ContributionCommunePeriod), kept on every
contribution write.

campaigns.services.contributions calls :func:`summaries_move` in the transaction of each
create, update and delete: the contribution as it was is taken away and as it is now added, as
deltas. :func:`summaries_rebuild` computes the same rows from scratch (``manage.py
rebuild_summaries``, the migration that created the tables).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum

from campaigns.models import Contribution, ContributionCommunePeriod, ContributionTotal
from communes.models import Commune
from ntm_portal.summaries import add_deltas, lock_for_rebuild, merge

TOTAL_KEYS = ("district_key", "period_start", "period_end")
TOTAL_VALUES = ("records", "land_m2", "labour_days", "money", "goods_value", "first_communes")
COMMUNE_KEYS = ("commune_id", "period_start", "period_end")
AMOUNTS = ("land_m2", "labour_days", "money", "goods_value")


@dataclass(frozen=True)
class Counted:
    """What the summaries count of one contribution."""

    commune_id: int
    period_start: dt.date
    period_end: dt.date
    amounts: tuple[Decimal, Decimal, int, int]


def counted(contribution: Contribution | None) -> Counted | None:
    """The contribution as the summaries count it (None: not counted, or deleted)."""
    if contribution is None or contribution.pk is None:
        return None
    return Counted(
        contribution.commune_id,
        contribution.period_start,
        contribution.period_end,
        tuple(getattr(contribution, name) for name in AMOUNTS),
    )


def counted_in_database(pk: int) -> Counted | None:
    """The contribution as stored (before a write changes it)."""
    return counted(Contribution.objects.filter(pk=pk).first())


def summaries_move(*, old: Counted | None, new: Counted | None) -> None:
    """Take ``old`` out of the summaries and put ``new`` in (either may be None)."""
    rows = [(sign, row) for sign, row in ((-1, old), (1, new)) if row is not None]
    communes = {row.commune_id for _sign, row in rows}
    # Locked: two writes of one commune would each read its earliest period without the
    # other's row and both count it as new.
    locked = Commune.objects.select_for_update().filter(pk__in=communes).order_by("pk")
    districts = dict(locked.values_list("pk", "district_id"))
    before = {commune: _first_period(commune) for commune in communes}
    periods: dict[tuple, list] = {}
    totals: dict[tuple, list] = {}
    for sign, row in rows:
        merge(periods, (row.commune_id, row.period_start, row.period_end), [sign])
        key = (districts[row.commune_id] or 0, row.period_start, row.period_end)
        merge(totals, key, [sign, *(sign * amount for amount in row.amounts), 0])
    add_deltas(ContributionCommunePeriod, keys=COMMUNE_KEYS, values=("records",), deltas=periods)
    for commune, first in before.items():
        _move_first(totals, districts[commune] or 0, first, _first_period(commune))
    add_deltas(ContributionTotal, keys=TOTAL_KEYS, values=TOTAL_VALUES, deltas=totals)


def _first_period(commune_id: int) -> tuple[dt.date, dt.date] | None:
    return (
        ContributionCommunePeriod.objects.filter(commune_id=commune_id, records__gt=0)
        .order_by("period_start", "period_end")
        .values_list("period_start", "period_end")
        .first()
    )


def _move_first(totals: dict, district: int, before: tuple | None, after: tuple | None) -> None:
    if before == after:
        return
    for sign, period in ((-1, before), (1, after)):
        if period is not None:
            merge(totals, (district, *period), [0, 0, 0, 0, 0, sign])


@transaction.atomic
def summaries_rebuild() -> None:
    """Empty the contribution summaries and compute them again from the contributions."""
    lock_for_rebuild(ContributionTotal, ContributionCommunePeriod)
    ContributionTotal.objects.all().delete()
    ContributionCommunePeriod.objects.all().delete()
    fill(Contribution, ContributionTotal, ContributionCommunePeriod)


def fill(contribution: type, total: type, commune_period: type) -> None:
    """Write the summaries of every contribution into empty tables (the models are passed:
    the migration that created the tables gives its historical ones)."""
    periods = list(
        contribution.objects.values("commune_id", "commune__district_id", *TOTAL_KEYS[1:])
        .annotate(records=Count("id"), **{name: Sum(name) for name in AMOUNTS})
        .order_by("commune_id", "period_start", "period_end")
    )
    commune_period.objects.bulk_create(
        commune_period(**{name: row[name] for name in (*COMMUNE_KEYS, "records")})
        for row in periods
    )
    total.objects.bulk_create(
        total(**dict(zip(TOTAL_KEYS, key, strict=True)), **values)
        for key, values in _totals(periods).items()
    )


def _totals(periods: list[dict]) -> dict[tuple, dict]:
    """Per (district, period): the sums of its commune rows, and the communes it is the
    earliest period of (``periods`` come by commune, earliest first)."""
    totals: dict[tuple, dict] = {}
    firsts: Counter = Counter()
    seen: set[int] = set()
    for row in periods:
        key = (row["commune__district_id"] or 0, row["period_start"], row["period_end"])
        total = totals.setdefault(key, dict.fromkeys(("records", *AMOUNTS), 0))
        for name in ("records", *AMOUNTS):
            total[name] += row[name]
        if row["commune_id"] not in seen:
            seen.add(row["commune_id"])
            firsts[key] += 1
    for key, total in totals.items():
        total["first_communes"] = firsts[key]
    return totals
