"""The province overview's figures against the history of conftest.py, computed by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from dashboards.selectors.province import province_overview
from dashboards.selectors.sponsorship import MonthTotal

D = dt.date


def figures(overview):
    return {f.key: (f.value, f.previous, f.change) for f in overview.figures}


def test_headline_figures_change_since_the_end_of_last_year(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province)

    # Now: B alone meets 3/3; at the end of 2025 A (appraisal 03/2025) and B did.
    # Recognition: B standard in 2025, A advanced in 2026 (after the end of 2025).
    # Average now (2 + 3 + 1) / 3 = 2,00; at the end of 2025 (3 + 3) / 2 = 3,00.
    assert overview.previous.label == "2025"
    assert figures(overview) == {
        "at_standard": (1, 2, -1),
        "level_standard": (1, 1, 0),
        "level_advanced": (1, 0, 1),
        "level_model": (0, 0, 0),
        "average_met": (Decimal("2.00"), Decimal("3.00"), Decimal("-1.00")),
    }
    totals = overview.totals
    assert (totals.communes, totals.xa, totals.assessed, totals.difficult) == (4, 3, 3, 1)
    assert totals.recognised == 2


def test_headline_figures_change_since_the_end_of_last_quarter(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province, trend_kind="quarter")

    # End of Q3/2026: A 2/3 (08/2026), B 3/3; C's first assessment is of 10/2026.
    assert overview.previous.label == "Q3/2026"
    assert figures(overview)["at_standard"] == (1, 1, 0)
    assert figures(overview)["average_met"] == (
        Decimal("2.00"),
        Decimal("2.50"),
        Decimal("-0.50"),
    )


def test_distribution_runs_from_zero_to_the_set_size(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province)

    assert overview.distribution == [(0, 0), (1, 1), (2, 1), (3, 1)]


def test_criteria_are_listed_weakest_first(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province)

    # TC2 met by B only; TC1 by A and B; TC3 by all three.
    assert [(s.number, s.met, s.assessed) for s in overview.criteria] == [
        (2, 1, 3),
        (1, 2, 3),
        (3, 3, 3),
    ]


def test_trend_per_year(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province)

    assert [(p.label, p.assessed, p.at_standard, p.average_met) for p in overview.trend] == [
        ("2022", 0, 0, None),
        ("2023", 0, 0, None),
        ("2024", 1, 0, Decimal("2.00")),
        ("2025", 2, 2, Decimal("3.00")),
        ("2026", 3, 1, Decimal("2.00")),
    ]
    assert [p.is_running for p in overview.trend] == [False] * 4 + [True]


def test_trend_per_quarter(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province, trend_kind="quarter")

    assert [(p.label, p.assessed, p.at_standard, p.average_met) for p in overview.trend] == [
        ("Q1/2025", 1, 1, Decimal("3.00")),
        ("Q2/2025", 1, 1, Decimal("3.00")),
        ("Q3/2025", 1, 1, Decimal("3.00")),
        ("Q4/2025", 2, 2, Decimal("3.00")),
        ("Q1/2026", 2, 2, Decimal("3.00")),
        ("Q2/2026", 2, 2, Decimal("3.00")),
        ("Q3/2026", 2, 1, Decimal("2.50")),
        ("Q4/2026", 3, 1, Decimal("2.00")),
    ]


def comparison_rows(overview):
    return [
        (
            r.label,
            r.communes,
            r.xa,
            r.at_standard,
            r.at_standard_before,
            r.recognised,
            r.average_met,
            r.average_met_before,
            r.difficult,
        )
        for r in overview.comparison
    ]


def test_districts_side_by_side(province_data, leader):
    overview = province_overview(user=leader, province=province_data.province)

    assert comparison_rows(overview) == [
        ("Huyện Chợ Đồn", 2, 2, 1, 2, 2, Decimal("2.50"), Decimal("3.00"), 1),
        ("Huyện Ba Bể", 2, 1, 0, 0, 0, Decimal("1.00"), None, 0),
    ]
    assert [r.key for r in overview.comparison] == [
        province_data.a.district_id,
        province_data.c.district_id,
    ]


def test_commune_groups_side_by_side(province_data, leader):
    overview = province_overview(
        user=leader, province=province_data.province, group_by="commune_group"
    )

    assert comparison_rows(overview) == [
        ("Nhóm 1", 1, 1, 0, 1, 1, Decimal("2.00"), Decimal("3.00"), 1),
        ("Nhóm 2", 1, 1, 1, 1, 1, Decimal("3.00"), Decimal("3.00"), 0),
        ("Chưa xếp nhóm", 2, 1, 0, 0, 0, Decimal("1.00"), None, 0),
    ]


def test_sponsorship_of_the_year_by_month(sponsorship_data, province_data, leader):
    overview = province_overview(user=leader, province=province_data.province)
    last_year = province_overview(user=leader, province=province_data.province, year=2025)

    year = overview.sponsorship
    assert (year.year, year.summary.count, year.summary.amount) == (2026, 3, 37_000_000)
    assert [m for m in year.months if m.count] == [
        MonthTotal(D(2026, 3, 1), 2, 25_000_000),
        MonthTotal(D(2026, 11, 1), 1, 12_000_000),
    ]
    assert len(year.months) == 12
    assert [(row.label, row.amount) for row in year.top_agencies] == [
        ("Sở Nông nghiệp và Môi trường", 37_000_000)
    ]
    assert (last_year.sponsorship.summary.amount, last_year.sponsorship.months[11].amount) == (
        99_000_000,
        99_000_000,
    )


@pytest.mark.parametrize(
    ("role", "shown"),
    [("coordination_office", True), ("leader", True), ("agency_staff", False)],
)
def test_completeness_of_the_month_for_the_roles_that_see_it(
    sponsorship_data, province_data, request, role, shown
):
    user = request.getfixturevalue(role)

    overview = province_overview(user=user, province=province_data.province)

    assert overview.completeness_period == D(2026, 11, 1)
    if not shown:
        assert overview.completeness is None
        return
    row = overview.completeness
    assert (row.expected, row.submitted, row.on_time, row.late, row.missing) == (2, 1, 1, 0, 1)
