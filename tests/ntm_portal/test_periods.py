"""Periods, due dates and the reminder cadence: pure functions, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from ntm_portal import periods

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Not the server's zone (settings.TIME_ZONE is Hà Nội's): these pass only if the tz argument,
# not the process's local time, decides the local day.
TOKYO = ZoneInfo("Asia/Tokyo")
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
    assert due.utcoffset() == dt.timedelta(0)
    assert due.astimezone(HCM).date() == dt.date(2026, 11, 20)


def test_due_at_follows_the_zone_it_is_given_and_answers_in_utc():
    due = periods.due_at(dt.date(2026, 11, 1), 20, TOKYO)
    assert due == dt.datetime(2026, 11, 20, 14, 59, 59, 999999, tzinfo=dt.UTC)
    assert due.utcoffset() == dt.timedelta(0)


def test_due_at_moves_a_weekend_due_day_with_the_next_monday_rule():
    # 20/09/2026 is a Sunday
    due = periods.due_at(dt.date(2026, 9, 1), 20, HCM, periods.WEEKEND_NEXT_MONDAY)
    assert due == local(2026, 9, 21, 23, 59, 59, 999999)


def test_end_of_local_day_is_in_utc_whatever_the_zone():
    end = periods.end_of_local_day(dt.date(2026, 11, 20), TOKYO)
    assert end == dt.datetime(2026, 11, 20, 23, 59, 59, 999999, tzinfo=TOKYO)
    assert end.utcoffset() == dt.timedelta(0)


def test_start_of_local_day_is_8_local_by_default_in_utc():
    start = periods.start_of_local_day(dt.date(2026, 11, 20), TOKYO)
    assert start == dt.datetime(2026, 11, 19, 23, 0, tzinfo=dt.UTC)
    assert start.utcoffset() == dt.timedelta(0)
    assert periods.start_of_local_day(dt.date(2026, 11, 20), HCM, 7) == local(2026, 11, 20, 7)


def test_2359_local_on_the_due_day_is_on_time_and_0000_the_next_day_is_late():
    due = periods.due_at(dt.date(2026, 11, 1), 20, HCM)
    assert not periods.is_late(local(2026, 11, 20, 23, 59, 59), due)
    assert periods.is_late(local(2026, 11, 21, 0, 0, 0), due)


def test_a_report_arriving_at_the_due_moment_itself_is_on_time():
    due = periods.due_at(dt.date(2026, 11, 1), 20, HCM)
    assert not periods.is_late(due, due)
    assert periods.is_late(due + dt.timedelta(microseconds=1), due)


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


@pytest.mark.parametrize(
    ("period", "tz", "expected"),
    [
        (dt.date(2026, 12, 1), HCM, False),  # 30/11 18:00 UTC is already 01/12 in Hà Nội
        (dt.date(2027, 1, 1), HCM, True),
        (dt.date(2026, 12, 1), dt.UTC, True),  # ... but still November in UTC
        (dt.date(2026, 11, 1), dt.UTC, False),
        (dt.date(2026, 10, 1), dt.UTC, False),
    ],
)
def test_is_future_period_in_the_given_zone(period, tz, expected):
    now = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
    assert periods.is_future_period(period, now, tz) is expected


@pytest.mark.parametrize(
    ("tz", "count", "expected"),
    [
        (dt.UTC, 3, [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1)]),
        (HCM, 3, [dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]),
        (HCM, 1, [dt.date(2026, 2, 1)]),
        (HCM, 0, []),
    ],
)
def test_recent_periods_end_with_the_current_one_oldest_first(tz, count, expected):
    # 31/01/2026 20:00 UTC is 01/02 03:00 in Hà Nội
    now = dt.datetime(2026, 1, 31, 20, 0, tzinfo=dt.UTC)
    assert periods.recent_periods(now, tz, count) == expected


@time_machine.travel(dt.datetime(2026, 2, 28, 17, 30, tzinfo=dt.UTC), tick=False)
def test_current_period_with_frozen_time_at_a_month_end():
    assert periods.current_period(timezone.now(), HCM) == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11", dt.date(2026, 11, 1)),
        ("2026-01", dt.date(2026, 1, 1)),
        (" 2027-12 ", dt.date(2027, 12, 1)),
    ],
)
def test_parse_period_reads_yyyy_mm(text, expected):
    assert periods.parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-13", "2026-00", "2026-1", "2026-111", "2026-11-01", "26-01", "2026/01", "", "abcd-ef"],
)
def test_parse_period_rejects_anything_but_yyyy_mm(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        periods.parse_period(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/2026", dt.date(2026, 10, 1)),
        ("10-2026", dt.date(2026, 10, 1)),
        ("10.2026", dt.date(2026, 10, 1)),
        (" 3 / 2027 ", dt.date(2027, 3, 1)),
        ("03/2027", dt.date(2027, 3, 1)),
        ("2026-10", dt.date(2026, 10, 1)),  # what a month picker sends
    ],
)
def test_parse_month_reads_what_people_type(text, expected):
    assert periods.parse_month(text) == expected


@pytest.mark.parametrize("text", ["13/2026", "0/2026", "10/26", "2026/10", "tháng 10", ""])
def test_parse_month_rejects_anything_else(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        periods.parse_month(text)


def test_reminder_moments_are_at_8_local_before_on_and_after_the_due_day():
    moments = periods.reminder_moments(dt.date(2026, 11, 20), HCM, POLICY)
    assert moments == [
        ("before_due", local(2026, 11, 17, 8).astimezone(dt.UTC)),
        ("due", local(2026, 11, 20, 8).astimezone(dt.UTC)),
        ("overdue", local(2026, 11, 21, 8).astimezone(dt.UTC)),
        ("escalation", local(2026, 11, 25, 8).astimezone(dt.UTC)),
    ]


def test_reminder_moments_follow_the_zone_and_hour_they_are_given():
    policy = periods.ReminderPolicy(remind_days_before=1, escalate_days_after=2, hour=7)

    moments = periods.reminder_moments(dt.date(2026, 11, 20), TOKYO, policy)

    assert moments == [
        ("before_due", dt.datetime(2026, 11, 19, 7, tzinfo=TOKYO)),
        ("due", dt.datetime(2026, 11, 20, 7, tzinfo=TOKYO)),
        ("overdue", dt.datetime(2026, 11, 21, 7, tzinfo=TOKYO)),
        ("escalation", dt.datetime(2026, 11, 22, 7, tzinfo=TOKYO)),
    ]
    assert all(moment.utcoffset() == dt.timedelta(0) for _stage, moment in moments)


def test_reminder_moments_cross_the_year_end():
    moments = dict(periods.reminder_moments(dt.date(2026, 12, 29), HCM, POLICY))
    assert moments["escalation"] == local(2027, 1, 3, 8)


def test_no_before_due_reminder_when_configured_to_zero_days():
    policy = periods.ReminderPolicy(remind_days_before=0, escalate_days_after=1)
    stages = [stage for stage, _ in periods.reminder_moments(dt.date(2026, 11, 20), HCM, policy)]
    assert stages == ["due", "overdue", "escalation"]


def test_first_reminder_is_the_before_due_one():
    assert periods.first_reminder_at(dt.date(2026, 11, 20), HCM, POLICY) == local(2026, 11, 17, 8)
    assert periods.first_reminder_at(dt.date(2026, 11, 20), TOKYO, POLICY) == dt.datetime(
        2026, 11, 17, 8, tzinfo=TOKYO
    )


def test_next_reminder_and_stages_due_follow_the_zone_they_are_given():
    # 08:30 in Tokyo is 06:30 in Hà Nội: the Tokyo reminder has gone, a Hà Nội one would not
    now = dt.datetime(2026, 11, 17, 8, 30, tzinfo=TOKYO)
    due_day = dt.date(2026, 11, 20)

    assert periods.next_reminder_at(due_day, now, TOKYO, POLICY) == dt.datetime(
        2026, 11, 20, 8, tzinfo=TOKYO
    )
    assert periods.reminder_stages_due(due_day, now, TOKYO, POLICY) == ["before_due"]


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
    moments = periods.reminder_moments(dt.date(2026, 11, 20), HCM, policy)
    assert [stage for stage, _ in moments] == ["before_due", "due", "overdue", "escalation"]
    assert dict(moments)["escalation"] == local(2026, 11, 21, 8)  # with the overdue one
