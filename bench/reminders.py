"""The reminder sweep with its sends at national size: every open report of the month owes its
overdue reminder. Tasks run eagerly in this process (the bench's settings have no broker), so
the time is the worker's: the sweep's claims and outbox rows, then each send (Django's dummy
mail backend: the portal's own cost, not a relay's). bench/reminders_workers.py runs the same
sweep on real Celery workers through Redis."""

from __future__ import annotations

import datetime as dt
import os
import time

from django.utils import timezone

from bench import targets
from bench.measure import QueryLog

SCALE = 10_000  # the target is for this many sends
SENDS = int(os.environ.get("BENCH_REMINDER_SENDS", SCALE))


def sweep() -> dict:
    from sponsorships.models import MonthlyReport, ReminderLog
    from sponsorships.services.reminders import monthly_report_reminders_send_due

    period = timezone.localdate().replace(day=1)
    due = MonthlyReport.objects.filter(period=period).values_list("due_at", flat=True).first()
    _owe_at_most(period, SENDS)
    with QueryLog() as log:
        start = time.perf_counter()
        monthly_report_reminders_send_due(now=due + dt.timedelta(days=1, hours=1))
        seconds = time.perf_counter() - start
    sent = ReminderLog.objects.filter(outcome="sent").count()
    return {"seconds": round(seconds, 2), "sent": sent, "queries": len(log.queries),
            "rows": ReminderLog.objects.count()}  # fmt: skip


def _owe_at_most(period: dt.date, count: int) -> None:
    """Only the first ``count`` open reports of the month owe their reminder."""
    from sponsorships.models import MonthlyReport

    reports = MonthlyReport.objects.filter(period=period)
    kept = reports.order_by("pk").values("pk")[:count]
    reports.exclude(pk__in=kept).update(next_reminder_at=None)


def rows() -> list:
    from bench.report import Row

    figures = sweep()
    per_scale = figures["seconds"] * SCALE / figures["sent"] if figures["sent"] else 0.0
    row = Row(
        f"reminder sweep, {figures['sent']:,} sends",
        "sponsorships.services.reminders.monthly_report_reminders_send_due",
        round(figures["seconds"] * 1000, 1),
        figures["queries"],
        0,
        None,
        targets.REMINDER_SENDS_S * 1000 * figures["sent"] / SCALE if figures["sent"] else None,
        extra={**figures, "seconds_per_10000_sends": round(per_scale, 1)},
    )
    print(f"Reminder sweep: {figures}; {per_scale:.1f} s per {SCALE:,} sends")
    if not figures["sent"] or per_scale > targets.REMINDER_SENDS_S:
        row.misses.append(f"> {targets.REMINDER_SENDS_S:.0f} s per {SCALE:,} sends")
    return [row]
