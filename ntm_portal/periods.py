"""Month periods and deadlines, computed in the province's time zone. Pure functions.

A period is the first day of a month (a ``date``); its text form is ``YYYY-MM``.
All stored times are UTC; "the 20th" and "3 days before" are computed locally.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
WEEKEND_KEEP = "keep"
WEEKEND_NEXT_MONDAY = "next_monday"


def period_start(day: dt.date) -> dt.date:
    """The period (first of the month) a date falls in."""
    return day.replace(day=1)


def parse_period(text: str) -> dt.date:
    """'2026-11' -> date(2026, 11, 1). Raises ValueError on anything else."""
    match = PERIOD_RE.match(text.strip())
    if not match:
        raise ValueError(f"Invalid period {text!r}: expected YYYY-MM")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def format_period(period: dt.date) -> str:
    return f"{period.year:04d}-{period.month:02d}"


def add_months(period: dt.date, months: int) -> dt.date:
    index = period.year * 12 + (period.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def last_day_of_month(period: dt.date) -> int:
    return (add_months(period, 1) - dt.timedelta(days=1)).day


def local_date(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    return moment.astimezone(tz).date()


def current_period(now: dt.datetime, tz: ZoneInfo) -> dt.date:
    return period_start(local_date(now, tz))


def is_future_period(period: dt.date, now: dt.datetime, tz: ZoneInfo) -> bool:
    return period > current_period(now, tz)


def due_date(period: dt.date, due_day: int, weekend_rule: str = WEEKEND_KEEP) -> dt.date:
    """The local date a period's report is due: ``due_day`` of the same month.

    A due day past the month's end (31 in February) falls on the last day. A due day on a
    weekend stays there unless the province moves it to the following Monday.
    """
    day = dt.date(period.year, period.month, min(due_day, last_day_of_month(period)))
    if weekend_rule == WEEKEND_NEXT_MONDAY and day.weekday() >= 5:
        day += dt.timedelta(days=7 - day.weekday())
    return day


def end_of_local_day(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The last moment of a local day, in UTC: a report due on the 20th may come until 23:59:59."""
    local_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return (local_midnight - dt.timedelta(microseconds=1)).astimezone(dt.UTC)


def due_at(period: dt.date, due_day: int, tz: ZoneInfo, weekend_rule: str = WEEKEND_KEEP) -> dt.datetime:
    return end_of_local_day(due_date(period, due_day, weekend_rule), tz)


def start_of_local_day(day: dt.date, tz: ZoneInfo, hour: int = 8) -> dt.datetime:
    """A working-hours moment of a local day (08:00 by default), in UTC: when reminders go out."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz).astimezone(dt.UTC)


def recent_periods(now: dt.datetime, tz: ZoneInfo, count: int) -> list[dt.date]:
    """The last ``count`` periods, oldest first, ending with the current one."""
    current = current_period(now, tz)
    return [add_months(current, -offset) for offset in range(count - 1, -1, -1)]
