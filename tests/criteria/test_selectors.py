"""Selectors: the commune grid, history, province statistics, unmet criteria; fixed query counts."""

import datetime as dt
from decimal import Decimal

import pytest

from criteria import selectors
from criteria.models import Assessment, Result
from criteria.services import assessment_create
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET, small_criteria_set

NOV = dt.date(2026, 11, 1)


def enter(commune, user, values, period=NOV):
    return assessment_create(
        commune=commune,
        period=period,
        stage=Assessment.Stage.APPRAISED,
        values=values,
        entered_by=user,
    )


def test_criteria_set_current_prefers_the_provinces_own_set(db, commune_a):
    national = small_criteria_set(valid_from=dt.date(2021, 1, 1))
    own = small_criteria_set(valid_from=dt.date(2021, 1, 1), province=commune_a.province)

    assert (
        selectors.criteria_set_current(on=dt.date(2026, 1, 1), province=commune_a.province) == own
    )
    assert selectors.criteria_set_current(on=dt.date(2026, 1, 1), province=None) in {national, own}
    assert selectors.criteria_set_current(on=dt.date(2020, 1, 1)) is None


def test_criteria_set_current_respects_the_end_date(db):
    small_criteria_set(valid_from=dt.date(2016, 1, 1), valid_to=dt.date(2020, 12, 31))

    assert selectors.criteria_set_current(on=dt.date(2020, 12, 31)) is not None
    assert selectors.criteria_set_current(on=dt.date(2021, 1, 1)) is None


def test_grid_of_the_current_assessment(criteria_set, commune_a, coordination_office):
    enter(commune_a, coordination_office, {**ALL_MET, "2.1": Decimal(12), "3.1": None})

    grid = selectors.commune_criteria_grid(commune=commune_a)

    assert grid.is_assessed
    assert grid.assessment.period == NOV
    assert (grid.criteria_met, grid.criteria_total, grid.meets_standard) == (1, 3, False)
    assert [(c.number, c.result) for c in grid.criteria] == [
        (1, Result.MET),
        (2, Result.NOT_MET),
        (3, Result.NOT_ASSESSED),
    ]
    line = grid.criteria[1].indicators[0]
    assert (
        line.code,
        line.value,
        line.threshold,
        line.comparator_symbol,
        line.unit,
        line.result,
    ) == ("2.1", Decimal(12), Decimal(10), "≤", "%", Result.NOT_MET)
    assert line.is_verified is True


def test_grid_of_a_commune_never_assessed_lists_criteria_and_thresholds(criteria_set, commune_a):
    grid = selectors.commune_criteria_grid(commune=commune_a)

    assert not grid.is_assessed
    assert grid.criteria_set == criteria_set
    assert [c.number for c in grid.criteria] == [1, 2, 3]
    assert {
        line.code: (line.threshold, line.result) for c in grid.criteria for line in c.indicators
    } == {
        "1.1": (Decimal(1), Result.NOT_ASSESSED),
        "1.2": (Decimal(90), Result.NOT_ASSESSED),
        "2.1": (Decimal(10), Result.NOT_ASSESSED),
        "3.1": (Decimal(48), Result.NOT_ASSESSED),
    }
    assert grid.criteria_met == 0


def test_grid_flags_an_unverified_threshold(criteria_set, commune_a):
    criteria_set.criteria.get(number=2).indicators.get().thresholds.filter(
        classification_key="tdmnpb"
    ).update(is_verified=False)

    grid = selectors.commune_criteria_grid(commune=commune_a)

    assert [c.has_unverified for c in grid.criteria] == [False, True, False]


def test_grid_without_any_set_in_force_is_empty(db, commune_a):
    grid = selectors.commune_criteria_grid(commune=commune_a)

    assert (grid.criteria_set, grid.criteria) == (None, ())


def test_history_lists_newest_period_first(criteria_set, commune_a, coordination_office):
    enter(commune_a, coordination_office, ALL_MET, period=dt.date(2026, 9, 1))
    enter(commune_a, coordination_office, ALL_MET, period=NOV)
    enter(commune_a, coordination_office, ALL_MET, period=dt.date(2026, 10, 1))

    history = selectors.commune_assessment_history(commune=commune_a)

    assert [a.period.month for a in history] == [11, 10, 9]
    assert [a.is_current for a in history] == [True, False, False]


def test_province_stats_count_current_results_only(
    criteria_set, coordination_office, commune_a, commune_b
):
    enter(
        commune_a, coordination_office, {**ALL_MET, "2.1": Decimal(12)}, period=dt.date(2026, 10, 1)
    )
    enter(commune_a, coordination_office, ALL_MET)  # replaces October as current
    enter(commune_b, coordination_office, {**ALL_MET, "2.1": Decimal(12), "3.1": None})

    stats = selectors.province_criterion_stats(province=commune_a.province)

    assert [(s.number, s.met, s.not_met, s.not_assessed, s.assessed) for s in stats] == [
        (1, 2, 0, 0, 2),
        (2, 1, 1, 0, 2),
        (3, 1, 0, 1, 2),
    ]
    assert stats[1].percent_met == 50


def test_unmet_criteria_come_from_the_current_assessment(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, {**ALL_MET, "2.1": Decimal(12), "3.1": None})

    unmet = selectors.commune_unmet_criteria(commune=commune_a)

    assert [c.number for c in unmet] == [2, 3]


def test_a_commune_never_assessed_meets_nothing_yet(criteria_set, commune_a):
    assert [c.number for c in selectors.commune_unmet_criteria(commune=commune_a)] == [1, 2, 3]


def test_assessment_list_is_empty_without_a_role(
    criteria_set, commune_a, coordination_office, no_role_user
):
    enter(commune_a, coordination_office, ALL_MET)

    assert selectors.assessment_list(user=no_role_user).count() == 0
    assert selectors.assessment_list(user=coordination_office).count() == 1


@pytest.mark.parametrize("communes", [1, 10])
def test_province_stats_query_count_does_not_grow(
    criteria_set, coordination_office, django_assert_num_queries, communes
):
    for _ in range(communes):
        enter(CommuneFactory(), coordination_office, ALL_MET)
    province = CommuneFactory().province

    with django_assert_num_queries(3):
        stats = selectors.province_criterion_stats(province=province)

    assert stats[0].met == communes


@pytest.mark.parametrize("indicators_per_criterion", [1, 10])
def test_grid_query_count_does_not_grow_with_indicators(
    db, commune_a, coordination_office, django_assert_num_queries, indicators_per_criterion
):
    from tests.criteria.factories import (
        CriteriaSetFactory,
        CriterionFactory,
        IndicatorFactory,
        ThresholdFactory,
    )

    criteria_set = CriteriaSetFactory(valid_from=dt.date(2021, 1, 1))
    values = {}
    for number in range(1, 20):
        criterion = CriterionFactory(criteria_set=criteria_set, number=number)
        for i in range(indicators_per_criterion):
            indicator = IndicatorFactory(criterion=criterion, code=f"{number}.{i}")
            ThresholdFactory(indicator=indicator)
            values[indicator.code] = Decimal(95)
    enter(commune_a, coordination_office, values)

    with django_assert_num_queries(6):
        grid = selectors.commune_criteria_grid(commune=commune_a)

    assert grid.criteria_met == 19
