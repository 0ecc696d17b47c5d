"""Month periods and deadlines, computed in the province's time zone. Pure functions.

A period is the first day of a month (a ``date``); its text form is ``YYYY-MM``.
All stored times are UTC; "the 20th" and "3 days before" are computed locally.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
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


MONTH_YEAR_RE = re.compile(r"^(0?[1-9]|1[0-2])\s*[/.-]\s*(\d{4})$")


def parse_month(text: str) -> dt.date:
    """What a person types for a month: '10/2026', '10-2026', or '2026-10' (a month picker).

    Raises ValueError on anything else.
    """
    match = MONTH_YEAR_RE.match(text.strip())
    if match:
        return dt.date(int(match.group(2)), int(match.group(1)), 1)
    return parse_period(text)


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


def due_at(
    period: dt.date, due_day: int, tz: ZoneInfo, weekend_rule: str = WEEKEND_KEEP
) -> dt.datetime:
    return end_of_local_day(due_date(period, due_day, weekend_rule), tz)


def start_of_local_day(day: dt.date, tz: ZoneInfo, hour: int = 8) -> dt.datetime:
    """A working-hours moment of a local day (08:00 by default), in UTC: when reminders go out."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz).astimezone(dt.UTC)


def recent_periods(now: dt.datetime, tz: ZoneInfo, count: int) -> list[dt.date]:
    """The last ``count`` periods, oldest first, ending with the current one."""
    current = current_period(now, tz)
    return [add_months(current, -offset) for offset in range(count - 1, -1, -1)]


# --- Reminder cadence ------------------------------------------------------------------------
# Stages of the reminders for one report, in the order they fall. "manual" is the office's
# "remind now" button: at most one per report and local day (see ReminderLog.key).
STAGE_BEFORE_DUE = "before_due"
STAGE_DUE = "due"
STAGE_OVERDUE = "overdue"
STAGE_ESCALATION = "escalation"
STAGE_MANUAL = "manual"
AGENCY_STAGES = (STAGE_BEFORE_DUE, STAGE_DUE, STAGE_OVERDUE)


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out, relative to the local due date, at ``hour`` local time.

    ``remind_days_before`` 0 means no "before due" reminder; the "overdue" reminder is the day
    after the due date and the escalation to the coordination office ``escalate_days_after``
    days after it (at least one day, so it never comes before the overdue reminder).
    """

    remind_days_before: int = 3
    escalate_days_after: int = 5
    hour: int = 8


def reminder_moments(
    due_day: dt.date, tz: ZoneInfo, policy: ReminderPolicy
) -> list[tuple[str, dt.datetime]]:
    """Every (stage, UTC moment) of a report due on the local date ``due_day``, in time order."""
    offsets = []
    if policy.remind_days_before > 0:
        offsets.append((STAGE_BEFORE_DUE, -policy.remind_days_before))
    offsets += [
        (STAGE_DUE, 0),
        (STAGE_OVERDUE, 1),
        (STAGE_ESCALATION, max(policy.escalate_days_after, 1)),
    ]
    moments = [
        (stage, start_of_local_day(due_day + dt.timedelta(days=days), tz, policy.hour))
        for stage, days in offsets
    ]
    return sorted(moments, key=lambda item: item[1])  # stable: overdue before escalation


def first_reminder_at(due_day: dt.date, tz: ZoneInfo, policy: ReminderPolicy) -> dt.datetime:
    """The moment of the first reminder: what a newly opened report's ``next_reminder_at`` is."""
    return reminder_moments(due_day, tz, policy)[0][1]


def next_reminder_at(
    due_day: dt.date, now: dt.datetime, tz: ZoneInfo, policy: ReminderPolicy
) -> dt.datetime | None:
    """The first reminder moment strictly after ``now``; None when every stage has passed."""
    moments = reminder_moments(due_day, tz, policy)
    return next((moment for _stage, moment in moments if moment > now), None)


def reminder_stages_due(
    due_day: dt.date, now: dt.datetime, tz: ZoneInfo, policy: ReminderPolicy
) -> list[str]:
    """The stages a sweep at ``now`` should send for a report still not submitted.

    Only the latest reminder to the agency is sent (a sweep that catches up after downtime
    does not send "3 days before" on the day after the due date), plus the escalation to the
    office once its moment has passed. Whether a stage was already sent is not decided here:
    the unique ReminderLog row does that.
    """
    passed = [stage for stage, moment in reminder_moments(due_day, tz, policy) if moment <= now]
    agency = [stage for stage in passed if stage in AGENCY_STAGES]
    stages = agency[-1:]
    if STAGE_ESCALATION in passed:
        stages.append(STAGE_ESCALATION)
    return stages


def is_late(submitted_at: dt.datetime, due: dt.datetime) -> bool:
    """A report is late when it arrives after its due moment (23:59:59.999999 local)."""
    return submitted_at > due
