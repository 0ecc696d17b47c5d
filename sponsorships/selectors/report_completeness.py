"""Completeness of the monthly reports for the coordination office: who reported, who is late.

For a period: reports expected, submitted on time, submitted late, missing (draft or returned,
i.e. not with the province), by agency and by district, a 12-month trend, and the list of
missing reports with whom to call. Each part is one grouped query, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from communes.models import Province
from ntm_portal import periods
from ntm_portal.charts import Chart, Series, stacked_bar_chart
from sponsorships.models import OPEN_REPORT_STATUSES, MonthlyReport
from sponsorships.selectors.report_recipients import has_reachable_recipient

Status = MonthlyReport.Status
SUBMITTED_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)

COUNTS = {
    "expected": Count("pk"),
    "on_time": Count("pk", filter=Q(status__in=SUBMITTED_STATUSES, is_late=False)),
    "late": Count("pk", filter=Q(status__in=SUBMITTED_STATUSES, is_late=True)),
    "missing": Count("pk", filter=Q(status__in=OPEN_REPORT_STATUSES)),
    "returned": Count("pk", filter=Q(status=Status.RETURNED)),
}


@dataclass(frozen=True)
class CompletenessRow:
    key: object
    label: str
    expected: int
    on_time: int
    late: int
    missing: int
    returned: int

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def percent_submitted(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0

    @property
    def percent_on_time(self) -> int:
        return round(100 * self.on_time / self.expected) if self.expected else 0


def completeness_row(key: object, label: str, values: dict) -> CompletenessRow:
    """A row from the values of an aggregate or annotation over ``COUNTS``."""
    return CompletenessRow(key=key, label=label, **{name: values[name] or 0 for name in COUNTS})


def completeness_totals(*, period: dt.date, province: Province | None = None) -> CompletenessRow:
    """The period's totals, for every province or for one (its communes' reports)."""
    reports = MonthlyReport.objects.filter(period=period)
    if province is not None:
        reports = reports.filter(assignment__commune__province=province)
    return completeness_row(period, periods.format_period(period), reports.aggregate(**COUNTS))


def completeness_by_agency(*, period: dt.date) -> list[CompletenessRow]:
    rows = (
        MonthlyReport.objects.filter(period=period)
        .values("assignment__agency_id", "assignment__agency__name")
        .annotate(**COUNTS)
        .order_by("assignment__agency__name")
    )
    return [
        completeness_row(r["assignment__agency_id"], r["assignment__agency__name"], r) for r in rows
    ]


def completeness_by_district(*, period: dt.date) -> list[CompletenessRow]:
    rows = (
        MonthlyReport.objects.filter(period=period)
        .values(
            "assignment__commune__district_id",
            "assignment__commune__district__kind",
            "assignment__commune__district__name",
        )
        .annotate(**COUNTS)
        .order_by("assignment__commune__district__name")
    )
    return [
        completeness_row(
            r["assignment__commune__district_id"],
            " ".join(
                filter(
                    None,
                    [
                        r["assignment__commune__district__kind"],
                        r["assignment__commune__district__name"],
                    ],
                )
            )
            or _("Không thuộc huyện"),
            r,
        )
        for r in rows
    ]


def completeness_trend(*, period: dt.date, months: int = 12) -> list[CompletenessRow]:
    """The ``months`` periods ending with ``period``, oldest first, zeros for empty months."""
    first = periods.add_months(period, -(months - 1))
    rows = (
        MonthlyReport.objects.filter(period__gte=first, period__lte=period)
        .values("period")
        .annotate(**COUNTS)
        .order_by("period")
    )
    by_period = {r["period"]: r for r in rows}
    empty = dict.fromkeys(COUNTS, 0)
    return [
        completeness_row(p, f"{p:%m/%Y}", by_period.get(p, empty))
        for p in (periods.add_months(first, offset) for offset in range(months))
    ]


def completeness_missing(*, period: dt.date) -> QuerySet[MonthlyReport]:
    """The reports of ``period`` not with the province, with the agency's contact to chase and
    ``has_recipient`` (whether any reminder can reach someone)."""
    return (
        MonthlyReport.objects.filter(period=period, status__in=OPEN_REPORT_STATUSES)
        .select_related("assignment__agency", "assignment__commune__district")
        .annotate(has_recipient=has_reachable_recipient())
        .order_by("assignment__agency__name", "assignment__commune__name")
    )


def trend_chart(rows: list[CompletenessRow]) -> Chart:
    """Stacked bars of the month's shares (on time at the bottom, then late, then missing),
    each month scaled to its own expected count so months of any size compare as shares."""
    shares = [_shares(row) for row in rows]
    series = [
        Series(name, tuple(share[index] for share in shares), color)
        for index, (name, color) in enumerate(
            ((_("đúng hạn"), "#1f6f43"), (_("muộn"), "#e0a800"), (_("chưa nộp"), "#e39b93"))
        )
    ]
    return stacked_bar_chart(
        _("Tỷ lệ báo cáo nộp đúng hạn, nộp muộn và chưa nộp theo tháng"),
        [row.label for row in rows],
        series,
        unit="%",
        height=200,
    )


def _shares(row: CompletenessRow) -> tuple[int, int, int]:
    """Whole percents that add up to 100 (the rest goes to missing), or zeros."""
    if not row.expected:
        return (0, 0, 0)
    on_time = round(100 * row.on_time / row.expected)
    late = min(round(100 * row.late / row.expected), 100 - on_time)
    return (on_time, late, 100 - on_time - late if row.missing else 0)
