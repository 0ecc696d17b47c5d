"""The monthly report counts (ReportCount), kept on every write that changes a report's state
or what it is counted under.

Each write runs inside :func:`report_counts_kept` over the reports it may change: their
counts are read (rows locked) before the write and again after it, and the difference is
added to the summary in the same transaction. :func:`report_counts_rebuild` computes the
same rows from scratch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Coalesce

from ntm_portal.summaries import add_deltas, lock_for_rebuild, merge
from sponsorships.models import MonthlyReport, ReportCount

Grouping = ReportCount.Grouping
# Rows per statement (7 parameters each: well under the protocol's 65,535).
CHUNK = 2000
KEYS = ("period", "grouping", "key", "province_key", "status", "is_late")
PROVINCE = "assignment__commune__province_id"
# What a report is counted under: (period, province, district or 0, agency, status, is_late).
FIELDS = (
    "period",
    PROVINCE,
    "district_key",
    "assignment__agency_id",
    "status",
    "is_late",
)


# Each grouping's key and province key, as fields of the counted reports (0: none).
REBUILT_KEYS = {
    Grouping.PROVINCE: (None, PROVINCE),
    Grouping.AGENCY: ("assignment__agency_id", None),
    Grouping.DISTRICT: ("district_key", PROVINCE),
}


def _counted(reports: QuerySet[MonthlyReport]) -> QuerySet:
    return reports.order_by().annotate(district_key=Coalesce("assignment__commune__district_id", 0))


def tally(reports: QuerySet[MonthlyReport], *, lock: bool = False) -> Counter:
    """{(period, province, district or 0, agency, status, is_late): reports}; ``lock`` takes
    the reports' row locks (one report, or a few: the rows are read, not grouped)."""
    if lock:
        rows = _counted(reports).select_for_update(of=("self",)).values_list(*FIELDS)
        return Counter(rows)
    grouped = _counted(reports).values(*FIELDS).annotate(n=Count("pk")).values_list(*FIELDS, "n")
    return Counter({tuple(row[:-1]): row[-1] for row in grouped})


def report_counts_add(changes: Counter) -> None:
    """Add ``changes`` ({counted key: reports, negative to take out}) to the three groupings."""
    deltas: dict[tuple, list] = {}
    for (period, province, district, agency, status, is_late), n in changes.items():
        merge(deltas, (period, str(Grouping.PROVINCE), 0, province, status, is_late), [n])
        merge(deltas, (period, str(Grouping.AGENCY), agency, 0, status, is_late), [n])
        merge(deltas, (period, str(Grouping.DISTRICT), district, province, status, is_late), [n])
    rows = sorted(deltas.items())  # key order in every statement: no deadlock between writers
    for start in range(0, len(rows), CHUNK):
        chunk = dict(rows[start : start + CHUNK])
        add_deltas(ReportCount, keys=KEYS, values=("count",), deltas=chunk)


@contextmanager
def report_counts_kept(reports: QuerySet[MonthlyReport], *, lock: bool = True) -> Iterator[None]:
    """Count ``reports`` before and after the enclosed write and add the difference.

    Call inside the write's transaction. ``lock=False`` groups in the database instead of
    locking rows (many reports): the caller must hold :func:`lock_report_counts` instead."""
    before = tally(reports, lock=lock)
    yield
    after = tally(reports)
    after.subtract(before)
    report_counts_add(after)


def lock_report_counts() -> None:
    """Serialise writers of many reports at once (opening a period) with every other writer
    of the counts: a self-conflicting table lock, so a concurrent change is either committed
    before this writer counts or waits until it commits. SQLite serialises writers anyway."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(ReportCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


@transaction.atomic
def report_counts_rebuild() -> None:
    """Empty the report counts and compute them again from every report."""
    lock_for_rebuild(ReportCount)
    ReportCount.objects.all().delete()
    reports = _counted(MonthlyReport.objects.all())
    for grouping, (key, province) in REBUILT_KEYS.items():
        rows = (
            reports.annotate(k=F(key) if key else Value(0), p=F(province) if province else Value(0))
            .values("period", "k", "p", "status", "is_late")
            .annotate(n=Count("pk"))
        )
        ReportCount.objects.bulk_create(
            (
                ReportCount(
                    period=row["period"],
                    grouping=grouping,
                    key=row["k"],
                    province_key=row["p"],
                    status=row["status"],
                    is_late=row["is_late"],
                    count=row["n"],
                )
                for row in rows
            ),
            batch_size=CHUNK,
        )
