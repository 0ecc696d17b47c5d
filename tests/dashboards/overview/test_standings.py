"""Where communes stood at the end of each period (criteria.selectors.standings), the spans
of the trend (dashboards.periods), against the history in conftest.py computed by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from communes.models import Commune
from criteria.selectors.standings import StandingCount, standing_counts
from dashboards import periods
from tests.communes.factories import CommuneFactory

D = dt.date


def test_years_and_quarters_end_the_day_after_and_the_running_one_is_last():
    years = periods.spans(D(2026, 11, 15), periods.YEAR)
    quarters = periods.spans(D(2026, 11, 15), periods.QUARTER)

    assert [(s.label, s.end, s.is_running) for s in years] == [
        ("2022", D(2023, 1, 1), False),
        ("2023", D(2024, 1, 1), False),
        ("2024", D(2025, 1, 1), False),
        ("2025", D(2026, 1, 1), False),
        ("2026", D(2027, 1, 1), True),
    ]
    assert [s.label for s in quarters] == [
        "Q1/2025", "Q2/2025", "Q3/2025", "Q4/2025", "Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026",
    ]  # fmt: skip
    assert (quarters[0].start, quarters[0].end) == (D(2025, 1, 1), D(2025, 4, 1))
    assert periods.previous_span(D(2026, 1, 3), periods.QUARTER).label == "Q4/2025"


def test_each_commune_counts_with_the_assessment_current_at_each_end(province_data):
    ends = [D(2025, 1, 1), D(2025, 4, 1), D(2026, 1, 1), D(2026, 10, 1), D(2027, 1, 1)]
    communes = Commune.objects.filter(province=province_data.province, kind="xa")

    counts = standing_counts(communes=communes, ends=ends)

    # 2024: A 2/3. Q1/2025: A's appraisal 3/3 outranks its later self-assessment of 03/2025.
    # 2025: A 3/3, B 3/3. Q3/2026: A 2/3 (08/2026), B 3/3; C's 10/2026 is not before 1/10.
    # 2026 so far: A 2/3, B 3/3, C 1/3.
    assert counts == {
        (None, D(2025, 1, 1)): StandingCount(assessed=1, at_standard=0, criteria_met=2),
        (None, D(2025, 4, 1)): StandingCount(assessed=1, at_standard=1, criteria_met=3),
        (None, D(2026, 1, 1)): StandingCount(assessed=2, at_standard=2, criteria_met=6),
        (None, D(2026, 10, 1)): StandingCount(assessed=2, at_standard=1, criteria_met=5),
        (None, D(2027, 1, 1)): StandingCount(assessed=3, at_standard=1, criteria_met=6),
    }
    assert counts[(None, D(2026, 10, 1))].average_met == Decimal("2.50")


def test_counts_are_grouped_by_a_commune_field(province_data):
    communes = Commune.objects.filter(province=province_data.province)
    d1 = province_data.a.district_id

    counts = standing_counts(communes=communes, ends=[D(2026, 1, 1)], group_by="district_id")
    groups = standing_counts(communes=communes, ends=[D(2027, 1, 1)], group_by="commune_group")

    assert counts == {(d1, D(2026, 1, 1)): StandingCount(2, 2, 6)}  # D2 had no assessment yet
    assert groups == {
        ("group_1", D(2027, 1, 1)): StandingCount(1, 0, 2),
        ("group_2", D(2027, 1, 1)): StandingCount(1, 1, 3),
        ("", D(2027, 1, 1)): StandingCount(1, 0, 1),
    }


@pytest.mark.parametrize("size", [3, 30])
def test_standing_counts_is_one_query_whatever_the_size(
    province_data, size, django_assert_num_queries
):
    for _ in range(size):
        CommuneFactory(province=province_data.province)
    communes = Commune.objects.filter(province=province_data.province)

    with django_assert_num_queries(1):
        standing_counts(communes=communes, ends=[D(2025, 1, 1), D(2026, 1, 1)])
