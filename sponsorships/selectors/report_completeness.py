"""Completeness of the monthly reports for the coordination office: who reported, who is late.

For a period: reports expected, submitted on time, submitted late, missing (draft or returned,
i.e. not with the province), by agency and by district, a 12-month trend, and the list of
missing reports with whom to call. The counts are read from ReportCount (kept on every report
write), so they cost the same whatever the number of reports; the by-agency and by-district
rows are paginated in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from communes.models import District, Province
from ntm_portal import periods
from ntm_portal.charts import Chart, Series, stacked_bar_chart
from sponsorships.models import OPEN_REPORT_STATUSES, Agency, MonthlyReport, ReportCount
from sponsorships.selectors.report_recipients import has_reachable_recipient

Status = MonthlyReport.Status
SUBMITTED_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)

# Which reports each count counts; COUNTS counts MonthlyReport rows, SUMS adds ReportCount's.
STATES = {
    "expected": None,
    "on_time": Q(status__in=SUBMITTED_STATUSES, is_late=False),
    "late": Q(status__in=SUBMITTED_STATUSES, is_late=True),
    "missing": Q(status__in=OPEN_REPORT_STATUSES),
    "returned": Q(status=Status.RETURNED),
}
COUNTS = {name: Count("pk", filter=states) for name, states in STATES.items()}
SUMS = {name: Sum("count", filter=states) for name, states in STATES.items()}
Grouping = ReportCount.Grouping


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
    return CompletenessRow(key=key, label=label, **{name: values[name] or 0 for name in STATES})


class CompletenessRows:
    """Rows of a grouping for a paginator: counted and sliced in the database, so a page
    costs the same whatever the number of agencies or districts."""

    def __init__(self, rows: QuerySet, key: str, label: Callable[[dict], str]) -> None:
        self._rows, self._key, self._label = rows, key, label

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[CompletenessRow]:
        return [self._row(values) for values in self._rows[index]]

    def __iter__(self) -> Iterator[CompletenessRow]:
        return map(self._row, self._rows)

    def _row(self, values: dict) -> CompletenessRow:
        return completeness_row(values[self._key], self._label(values), values)


def _counts(period: dt.date, grouping: str) -> QuerySet[ReportCount]:
    return ReportCount.objects.filter(period=period, grouping=grouping)


def completeness_totals(*, period: dt.date, province: Province | None = None) -> CompletenessRow:
    """The period's totals, for every province or for one (its communes' reports)."""
    counts = _counts(period, Grouping.PROVINCE)
    if province is not None:
        counts = counts.filter(province_key=province.pk)
    return completeness_row(period, periods.format_period(period), counts.aggregate(**SUMS))


def _grouped(period: dt.date, grouping: str, **names: Subquery) -> QuerySet:
    """One row per key with reports (a row whose reports all moved away stays, at zero)."""
    rows = _counts(period, grouping).filter(count__gt=0)
    return rows.values("key").annotate(**SUMS).annotate(**names)


def completeness_by_agency(*, period: dt.date) -> CompletenessRows:
    name = Subquery(Agency.objects.filter(pk=OuterRef("key")).values("name"))
    rows = _grouped(period, Grouping.AGENCY, name=name).order_by("name", "key")
    return CompletenessRows(rows, "key", itemgetter("name"))


def completeness_by_district(*, period: dt.date) -> CompletenessRows:
    districts = District.objects.filter(pk=OuterRef("key"))
    rows = _grouped(
        period,
        Grouping.DISTRICT,
        name=Subquery(districts.values("name")),
        kind=Subquery(districts.values("kind")),
    ).order_by(F("name").asc(nulls_last=True), "key")
    return CompletenessRows(rows, "key", _district_label)


def _district_label(values: dict) -> str:
    return " ".join(filter(None, [values["kind"], values["name"]])) or _("Không thuộc huyện")


def completeness_trend(*, period: dt.date, months: int = 12) -> list[CompletenessRow]:
    """The ``months`` periods ending with ``period``, oldest first, zeros for empty months."""
    first = periods.add_months(period, -(months - 1))
    rows = (
        ReportCount.objects.filter(
            grouping=Grouping.PROVINCE, period__gte=first, period__lte=period
        )
        .values("period")
        .annotate(**SUMS)
        .order_by("period")
    )
    by_period = {r["period"]: r for r in rows}
    empty = dict.fromkeys(STATES, 0)
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
