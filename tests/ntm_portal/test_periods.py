"""Periods, due dates and the reminder cadence: pure functions, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from ntm_portal import periods

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
POLICY = periods.ReminderPolicy(remind_days_before=3, escalate_days_after=5)


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HCM)


@pytest.mark.parametrize(
    ("period", "due_day", "expected"),
    [
        (dt.date(2026, 1, 1), 20, dt.date(2026, 1, 20)),  # 31 days
        (dt.date(2026, 4, 1), 31, dt.date(2026, 4, 30)),  # 30 days: clamped
        (dt.date(2026, 2, 1), 31, dt.date(2026, 2, 28)),  # 28 days
        (dt.date(2028, 2, 1), 31, dt.date(2028, 2, 29)),  # leap year: 29 days
        (dt.date(2028, 2, 1), 29, dt.date(2028, 2, 29)),
        (dt.date(2026, 2, 1), 29, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 1), 20, dt.date(2026, 12, 20)),  # year end
    ],
)
def test_due_date_is_the_due_day_of_the_month_clamped_to_its_last_day(period, due_day, expected):
    assert periods.due_date(period, due_day) == expected


def test_due_day_on_a_weekend_is_kept_by_default():
    # 20/09/2026 is a Sunday
    assert periods.due_date(dt.date(2026, 9, 1), 20) == dt.date(2026, 9, 20)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (dt.date(2026, 9, 1), dt.date(2026, 9, 21)),  # Sunday → Monday
        (dt.date(2026, 6, 1), dt.date(2026, 6, 22)),  # Saturday → Monday
        (dt.date(2026, 11, 1), dt.date(2026, 11, 20)),  # Friday stays
    ],
)
def test_due_day_on_a_weekend_moves_to_monday_with_the_next_monday_rule(period, expected):
    assert periods.due_date(period, 20, periods.WEEKEND_NEXT_MONDAY) == expected


def test_weekend_rule_may_move_the_due_date_into_the_next_month():
    # 31/01/2027 is a Sunday
    assert periods.due_date(dt.date(2027, 1, 1), 31, periods.WEEKEND_NEXT_MONDAY) == dt.date(
        2027, 2, 1
    )


def test_due_at_is_the_last_moment_of_the_local_due_day_in_utc():
    due = periods.due_at(dt.date(2026, 11, 1), 20, HCM)
    assert due == dt.datetime(2026, 11, 20, 16, 59, 59, 999999, tzinfo=dt.UTC)
    assert due.astimezone(HCM).date() == dt.date(2026, 11, 20)


def test_2359_local_on_the_due_day_is_on_time_and_0000_the_next_day_is_late():
    due = periods.due_at(dt.date(2026, 11, 1), 20, HCM)
    assert not periods.is_late(local(2026, 11, 20, 23, 59, 59), due)
    assert periods.is_late(local(2026, 11, 21, 0, 0, 0), due)


def test_utc_evening_of_the_due_day_is_already_the_next_local_day():
    due = periods.due_at(dt.date(2026, 11, 1), 20, HCM)
    # 20/11 17:30 UTC is 21/11 00:30 in Hà Nội
    assert periods.is_late(dt.datetime(2026, 11, 20, 17, 30, tzinfo=dt.UTC), due)


def test_december_is_due_on_the_20th_and_the_next_period_is_january_of_next_year():
    december = dt.date(2026, 12, 1)
    assert periods.due_date(december, 20) == dt.date(2026, 12, 20)
    assert periods.add_months(december, 1) == dt.date(2027, 1, 1)
    assert periods.format_period(periods.add_months(december, 1)) == "2027-01"


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (-1, dt.date(2025, 12, 1)),
        (11, dt.date(2026, 12, 1)),
        (12, dt.date(2027, 1, 1)),
        (-13, dt.date(2024, 12, 1)),
    ],
)
def test_add_months_crosses_year_ends(months, expected):
    assert periods.add_months(dt.date(2026, 1, 1), months) == expected


def test_current_period_follows_the_local_calendar_not_utc():
    # 31/12/2026 18:00 UTC is already 01/01/2027 01:00 in Hà Nội
    now = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)
    assert periods.current_period(now, HCM) == dt.date(2027, 1, 1)


@time_machine.travel(dt.datetime(2026, 2, 28, 17, 30, tzinfo=dt.UTC), tick=False)
def test_current_period_with_frozen_time_at_a_month_end():
    assert periods.current_period(timezone.now(), HCM) == dt.date(2026, 3, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26-01", "2026/01", "", "abcd-ef"])
def test_parse_period_rejects_anything_but_yyyy_mm(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        periods.parse_period(text)


def test_reminder_moments_are_at_8_local_before_on_and_after_the_due_day():
    moments = periods.reminder_moments(dt.date(2026, 11, 20), HCM, POLICY)
    assert moments == [
        ("before_due", local(2026, 11, 17, 8).astimezone(dt.UTC)),
        ("due", local(2026, 11, 20, 8).astimezone(dt.UTC)),
        ("overdue", local(2026, 11, 21, 8).astimezone(dt.UTC)),
        ("escalation", local(2026, 11, 25, 8).astimezone(dt.UTC)),
    ]


def test_reminder_moments_cross_the_year_end():
    moments = dict(periods.reminder_moments(dt.date(2026, 12, 29), HCM, POLICY))
    assert moments["escalation"] == local(2027, 1, 3, 8)


def test_no_before_due_reminder_when_configured_to_zero_days():
    policy = periods.ReminderPolicy(remind_days_before=0, escalate_days_after=1)
    stages = [stage for stage, _ in periods.reminder_moments(dt.date(2026, 11, 20), HCM, policy)]
    assert stages == ["due", "overdue", "escalation"]


def test_first_reminder_is_the_before_due_one():
    assert periods.first_reminder_at(dt.date(2026, 11, 20), HCM, POLICY) == local(2026, 11, 17, 8)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2026, 11, 1, 0, 0), local(2026, 11, 17, 8)),
        (local(2026, 11, 17, 8, 0), local(2026, 11, 20, 8)),  # strictly after now
        (local(2026, 11, 20, 9, 0), local(2026, 11, 21, 8)),
        (local(2026, 11, 21, 8, 0), local(2026, 11, 25, 8)),
        (local(2026, 11, 25, 8, 0), None),
    ],
)
def test_next_reminder_at_is_the_first_moment_after_now(now, expected):
    assert periods.next_reminder_at(dt.date(2026, 11, 20), now, HCM, POLICY) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2026, 11, 17, 7, 59), []),
        (local(2026, 11, 17, 8, 0), ["before_due"]),
        (local(2026, 11, 20, 8, 0), ["due"]),
        (local(2026, 11, 21, 8, 0), ["overdue"]),
        # a sweep catching up after downtime sends the latest agency stage only
        (local(2026, 11, 24, 12, 0), ["overdue"]),
        (local(2026, 11, 25, 8, 0), ["overdue", "escalation"]),
        (local(2027, 3, 1, 8, 0), ["overdue", "escalation"]),
    ],
)
def test_reminder_stages_due_at_a_moment(now, expected):
    assert periods.reminder_stages_due(dt.date(2026, 11, 20), now, HCM, POLICY) == expected


def test_escalation_never_comes_before_the_overdue_reminder():
    policy = periods.ReminderPolicy(remind_days_before=3, escalate_days_after=0)
    stages = [stage for stage, _ in periods.reminder_moments(dt.date(2026, 11, 20), HCM, policy)]
    assert stages == ["before_due", "due", "overdue", "escalation"]
