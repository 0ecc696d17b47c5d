"""Each list of "what needs action" against the province of tests/dashboards/fixtures.py."""

import datetime as dt
from decimal import Decimal

import pytest

from dashboards.selectors import actions
from dashboards.selectors.actions import ActionFilters, action_board, action_counts
from tests.dashboards import fixtures


@pytest.fixture
def province(criteria_set):
    return fixtures.build(criteria_set)


@pytest.fixture
def filters(province):
    return ActionFilters(province=province.province, months=12)


def rows(board, key):
    (item,) = [item for item in board.lists if item.key == key]
    return item.rows


def names(board, key):
    return [row.commune.name for row in rows(board, key)]


def test_each_list_holds_the_communes_computed_by_hand(coordination_office, filters):
    board = action_board(user=coordination_office, filters=filters)

    assert {item.key: [r.commune.name for r in item.rows] for item in board.lists} == {
        "close": ["An", "Bình", "Hà"],  # 2/3, 2/3, 1/3
        "lost": ["An", "Bình"],  # An lost TC3 (critical) first
        "no_longer": ["An"],
        "off_track": ["Cao"],
        "no_sponsor": ["Đông"],
        "stale": ["Đông", "Cao"],  # never assessed first, then 01/2025
    }


def test_counts_equal_the_lengths_of_the_lists(coordination_office, filters):
    board = action_board(user=coordination_office, filters=filters)

    assert action_counts(user=coordination_office, filters=filters) == {
        item.key: len(item.rows) for item in board.lists
    }
    assert board.counts == {
        "close": 3,
        "lost": 2,
        "no_longer": 1,
        "off_track": 1,
        "no_sponsor": 1,
        "stale": 2,
    }


def test_close_to_standard_says_which_criteria_and_indicators_and_how_far(
    coordination_office, filters
):
    board = action_board(user=coordination_office, filters=filters, only="close")

    gaps = {
        row.commune.name: [
            (gap.number, [(line.code, line.value, line.threshold) for line in gap.indicators])
            for gap in row.gaps
        ]
        for row in rows(board, "close")
    }

    assert gaps == {
        "An": [(3, [("3.1", Decimal(40), Decimal(48))])],
        "Bình": [(1, [("1.2", Decimal(88), Decimal(90))])],
        "Hà": [
            (2, [("2.1", Decimal(15), Decimal(10))]),
            (3, [("3.1", Decimal(30), Decimal(48))]),
        ],
    }


def test_lost_criteria_compare_with_the_previous_assessment_critical_first(
    coordination_office, filters
):
    board = action_board(user=coordination_office, filters=filters, only="lost")

    lost = {
        row.commune.name: [
            (item.number, item.is_critical, item.previous_period) for item in row.lost
        ]
        for row in rows(board, "lost")
    }

    assert lost == {
        "An": [(3, True, fixtures.OCT)],
        # Bình's self-assessment of 10/2026 missed TC1, the province's appraisal met it
        "Bình": [(1, False, fixtures.OCT)],
    }
    assert [row.has_lost_critical for row in rows(board, "lost")] == [True, False]


def test_no_longer_standard_flags_the_revocation_rule(coordination_office, filters):
    board = action_board(user=coordination_office, filters=filters, only="no_longer")

    (row,) = rows(board, "no_longer")

    # 1 of 3 criteria below standard (33 %), and it is the critical one
    assert (row.commune.name, row.missing, row.critical_missing, row.revocation_applies) == (
        "An",
        1,
        True,
        True,
    )


def test_off_track_follows_the_configured_number_of_missing_criteria(
    coordination_office, filters, settings
):
    settings.PORTAL_OFF_TRACK_MISSING_CRITERIA = 1

    board = action_board(user=coordination_office, filters=filters, only="off_track")

    # Hà misses 2 (> 1); Bình misses 1 (not more than 1); Cao has no 2026 assessment
    assert names(board, "off_track") == ["Cao", "Hà"]


def test_stale_follows_the_months_asked_for(coordination_office, province):
    # 01/2025 is 22 months before 11/2026: stale for 12 months, not for 24
    short = ActionFilters(province=province.province, months=12)
    long = ActionFilters(province=province.province, months=24)

    assert names(action_board(user=coordination_office, filters=short), "stale") == [
        "Đông",
        "Cao",
    ]
    assert names(action_board(user=coordination_office, filters=long), "stale") == ["Đông"]
    assert [
        r.months_since_assessed
        for r in rows(action_board(user=coordination_office, filters=short), "stale")
    ] == [None, 22]


def test_no_sponsor_counts_past_assignments(coordination_office, filters):
    board = action_board(user=coordination_office, filters=filters, only="no_sponsor")

    (row,) = rows(board, "no_sponsor")
    assert (row.commune.name, row.commune.past_assignment_count) == ("Đông", 1)


def test_a_district_narrows_every_list(coordination_office, province):
    other = fixtures.DistrictFactory(province=province.province, name="Na Rì")
    filters = ActionFilters(province=province.province, district=other, months=12)

    assert set(action_counts(user=coordination_office, filters=filters).values()) == {0}


def test_an_account_without_a_role_gets_nothing(no_role_user, filters):
    assert set(action_counts(user=no_role_user, filters=filters).values()) == {0}


def test_a_new_assessment_shows_at_once(coordination_office, filters, province):
    fixtures._assess(province.communes["An"], dt.date(2026, 11, 1), fixtures.ALL_MET, "appraised")

    counts = action_counts(user=coordination_office, filters=filters)

    assert (counts["lost"], counts["no_longer"]) == (1, 0)


@pytest.mark.parametrize("key", actions.LIST_KEYS)
def test_paged_rows_and_details_equal_the_whole_list(
    coordination_office, filters, key, monkeypatch
):
    # details are computed for one page's communes only: the rule must not change with paging
    monkeypatch.setattr(actions, "PER_PAGE", 1_000)
    (whole,) = action_board(user=coordination_office, filters=filters, only=key).lists
    monkeypatch.setattr(actions, "PER_PAGE", 1)

    paged = []
    for page in range(1, whole.count + 1):
        (item,) = action_board(user=coordination_office, filters=filters, only=key, page=page).lists
        assert (item.page, item.num_pages) == (page, whole.count)
        paged += item.rows

    assert paged == whole.rows
    assert whole.rows
    assert len(whole.rows) == whole.count


@pytest.mark.parametrize(
    ("page", "count", "expected"),
    [(1, 0, (1, 1)), (2, 101, (2, 3)), (9, 101, (3, 3)), ("x", 101, (1, 3)), (None, 50, (1, 1))],
)
def test_page_number_reads_the_page_as_paginator_does(page, count, expected, monkeypatch):
    monkeypatch.setattr(actions, "PER_PAGE", 50)
    assert actions.page_number(page, count) == expected


def test_counts_are_one_query(coordination_office, filters, django_assert_num_queries):
    with django_assert_num_queries(1):
        action_counts(user=coordination_office, filters=filters)
