"""The national overview: the province overview's headline figures for every province the
deployment holds, side by side. Four queries, whatever the number of provinces; one of them
groups every commune of the country, so pages and the API read it through
:func:`national_overview_shared`, computed once per data version (ntm_portal/versions.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from communes.models import Commune, Province
from communes.selectors import ASSESSED_XA, RECOGNISED_XA, XA, commune_list, province_list
from criteria.selectors.sets import scored_out_of, set_sizes_on
from criteria.selectors.standings import StandingCount, average_met, province_standings
from dashboards import periods as spans
from dashboards.selectors.province import StandardShare
from ntm_portal import versions
from ntm_portal.permissions import PortalUser, content_scope


@dataclass(frozen=True)
class ProvinceRow(StandardShare):
    province: Province
    communes: int
    xa: int
    assessed: int
    at_standard: int
    at_standard_before: int
    recognised: int
    advanced: int
    model: int
    average_met: Decimal | None
    average_met_before: Decimal | None


@dataclass(frozen=True)
class NationalOverview:
    previous: spans.Span  # changes are measured from the end of the previous year
    provinces: list[ProvinceRow]

    @property
    def is_national(self) -> bool:
        return len(self.provinces) > 1


def national_overview_shared(*, user: PortalUser) -> NationalOverview:
    """:func:`national_overview`, shared by the users of one scope until the next write."""
    return versions.cached(
        "national_overview", [content_scope(user)], lambda: national_overview(user=user)
    )


def national_overview(*, user: PortalUser) -> NationalOverview:
    today = timezone.localdate()
    previous = spans.previous_span(today, spans.YEAR)
    communes = commune_list(user=user)
    # Averages add only scores of the set in force (n/19 ≠ n/10), now and at the last end.
    last_day = previous.end - dt.timedelta(days=1)
    sizes = set_sizes_on(province=None, days=[today, last_day])
    in_set = scored_out_of(sizes[today])
    rows = {
        row["province_id"]: row
        for row in communes.order_by()
        .values("province_id")
        .annotate(
            communes=Count("id"),
            xa=Count("id", filter=XA),
            assessed=Count("id", filter=ASSESSED_XA),
            at_standard=Count("id", filter=XA & Q(meets_standard=True)),
            comparable=Count("id", filter=ASSESSED_XA & in_set),
            criteria_met=Sum("criteria_met", filter=ASSESSED_XA & in_set),
            recognised=Count("id", filter=RECOGNISED_XA),
            advanced=Count("id", filter=XA & Q(ntm_level=Commune.Level.ADVANCED)),
            model=Count("id", filter=XA & Q(ntm_level=Commune.Level.MODEL)),
        )
    }
    before = province_standings(
        province=None,
        ends=[previous.end],
        group_by="province_id",
        sizes={last_day: sizes[last_day]},
    )
    return NationalOverview(
        previous=previous,
        provinces=[
            _row(province, rows.get(province.pk, {}), before.get((province.pk, previous.end)))
            for province in province_list(user=user).order_by("code")
        ],
    )


def _row(province: Province, row: dict, before: StandingCount | None) -> ProvinceRow:
    before = before or StandingCount()
    return ProvinceRow(
        province=province,
        communes=row.get("communes", 0),
        xa=row.get("xa", 0),
        assessed=row.get("assessed", 0),
        at_standard=row.get("at_standard", 0),
        at_standard_before=before.at_standard,
        recognised=row.get("recognised", 0),
        advanced=row.get("advanced", 0),
        model=row.get("model", 0),
        average_met=average_met(row.get("criteria_met") or 0, row.get("comparable", 0)),
        average_met_before=before.average_met,
    )
