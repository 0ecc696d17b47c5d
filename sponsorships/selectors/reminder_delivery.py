"""What became of each reminder: read from the outbox rows for the office's pages.

A report's page lists every stage with its state (sent to whom, no recipient, failed and why,
pending, skipped); the completeness page counts the period's rows by stage and state and lists
the ones that need a look (failed, pending), in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from sponsorships.models import MonthlyReport, ReminderLog

Outcome = ReminderLog.Outcome
ATTENTION = (Outcome.FAILED, Outcome.PENDING)


def reminder_deliveries(*, report: MonthlyReport) -> QuerySet[ReminderLog]:
    """Every reminder row of one report, oldest first."""
    return ReminderLog.objects.filter(report=report).order_by("claimed_at", "pk")


@dataclass(frozen=True)
class StageCounts:
    stage: str
    label: str
    counts: dict[str, int]


def reminder_delivery_summary(*, period: dt.date) -> list[StageCounts]:
    """For each stage used in the period: how many rows in each state (one query)."""
    rows = (
        ReminderLog.objects.filter(report__period=period)
        .values_list("stage", "outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_stage: dict[str, dict[str, int]] = {}
    for stage, outcome, count in rows:
        by_stage.setdefault(stage, {})[outcome] = count
    labels = dict(ReminderLog.Stage.choices)
    order = list(labels)
    return [
        StageCounts(stage=stage, label=labels[stage], counts=by_stage[stage])
        for stage in sorted(by_stage, key=order.index)
    ]


def reminder_delivery_problems(*, period: dt.date) -> QuerySet[ReminderLog]:
    """The period's failed and still pending rows, failed first, with their report (one query
    when sliced)."""
    return (
        ReminderLog.objects.filter(report__period=period, outcome__in=ATTENTION)
        .select_related("report__assignment__agency", "report__assignment__commune")
        .order_by("outcome", "claimed_at", "pk")
    )
