"""criteria.standing_rules.changes_by_set: a commune's standing over time as changes per
(month, set size), under either rule of which assessment counts."""

import datetime as dt

from criteria.standing_rules import Entry, changes_by_set

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def entry(pk, month, stage="appraised", met=5, total=19):
    period = dt.date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return Entry(period, stage, AT, pk, met == total, met, total)


def test_a_standing_moving_to_another_set_leaves_the_old_one():
    entries = [entry(1, 6, met=19), entry(2, 14, met=4, total=10)]

    assert changes_by_set(entries) == {
        (dt.date(2025, 6, 1), 19): (1, 1, 19),
        (dt.date(2026, 2, 1), 19): (-1, -1, -19),
        (dt.date(2026, 2, 1), 10): (1, 0, 4),
    }


def test_a_later_self_assessment_replaces_the_appraisal_only_under_the_latest_rule():
    entries = [entry(1, 3, met=12), entry(2, 5, "self_assessed", met=15)]

    assert changes_by_set(entries, appraised_first=True) == {(dt.date(2025, 3, 1), 19): (1, 0, 12)}
    assert changes_by_set(entries) == {
        (dt.date(2025, 3, 1), 19): (1, 0, 12),
        (dt.date(2025, 5, 1), 19): (0, 0, 3),
    }


def test_a_self_assessment_counts_until_the_first_appraisal():
    entries = [entry(1, 2, "self_assessed", met=9), entry(2, 4, met=11)]

    assert changes_by_set(entries, appraised_first=True) == {
        (dt.date(2025, 2, 1), 19): (1, 0, 9),
        (dt.date(2025, 4, 1), 19): (0, 0, 2),
    }


def test_the_order_given_does_not_matter():
    entries = [entry(3, 9, met=14), entry(1, 1, met=10), entry(2, 5, "self_assessed", met=12)]

    for appraised_first in (True, False):
        assert changes_by_set(entries, appraised_first=appraised_first) == changes_by_set(
            sorted(entries, key=lambda e: e.id), appraised_first=appraised_first
        )
