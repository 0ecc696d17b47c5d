"""Scores of different criteria sets never share an average: one xã assessed in 12/2025 against
the 2021–2025 set (3/3 here), one in 11/2026 against the set in force (1/2)."""

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Region
from criteria.models import Indicator
from criteria.services import assessment_create
from dashboards.selectors.drilldown import district_drilldown
from dashboards.selectors.national import national_overview
from dashboards.selectors.province import province_comparison, province_overview
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import (
    ALL_MET,
    CriteriaSetFactory,
    CriterionFactory,
    IndicatorFactory,
    ThresholdFactory,
    small_criteria_set,
)


def two_criteria_set():
    criteria_set = CriteriaSetFactory(code="moi-2026", valid_from=dt.date(2026, 2, 15))
    for number, kind, value in ((1, Indicator.Kind.BOOLEAN, 1), (2, Indicator.Kind.PERCENT, 90)):
        criterion = CriterionFactory(criteria_set=criteria_set, number=number)
        indicator = IndicatorFactory(criterion=criterion, code=f"M.{number}", kind=kind)
        ThresholdFactory(indicator=indicator, classification_key=Region.TDMNPB, value=value)
    return criteria_set


@pytest.fixture
def mixed(db, coordination_office):
    old = small_criteria_set(valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2025, 12, 31))
    new = two_criteria_set()
    province = ProvinceFactory()
    district = DistrictFactory(province=province, code="801", name="Chợ Đồn")
    old_xa = CommuneFactory(province=province, district=district, code="90001")
    new_xa = CommuneFactory(province=province, district=district, code="90002")
    for commune, period, values in (
        (old_xa, dt.date(2025, 12, 1), ALL_MET),
        (new_xa, dt.date(2026, 11, 1), {"M.1": 1, "M.2": 50}),
    ):
        assessment_create(
            commune=commune,
            period=period,
            stage="appraised",
            values=values,
            entered_by=coordination_office,
        )
    return province, district, old, new


def test_province_average_and_distribution_use_only_the_set_in_force(mixed, leader):
    province, _district, _old, _new = mixed

    overview = province_overview(user=leader, province=province)

    figures = {f.key: f.value for f in overview.figures}
    assert figures["average_met"] == 1  # 1/2 only; mixing would give (3 + 1) / 2 = 2
    assert overview.distribution == [(0, 0), (1, 1), (2, 0)]
    assert overview.totals.assessed == 2  # both xã still count as assessed
    assert [row.average_met for row in overview.comparison] == [1]


def test_district_average_uses_only_the_set_in_force(mixed, leader):
    _province, district, _old, new = mixed

    drilldown = district_drilldown(user=leader, district=district)

    assert drilldown.average_criteria_met == 1
    assert [c.criterion.criteria_set for c in drilldown.criteria] == [new, new]
    assert [c.not_assessed for c in drilldown.criteria] == [1, 1]  # the 2025 xã: not on this set


def test_commune_page_names_the_set_of_its_score(mixed, as_role):
    province, *_rest = mixed
    client, _user = as_role("leader")
    old_xa = province.communes.get(code="90001")

    html = client.get(reverse("communes:commune_detail", args=[old_xa.pk])).content.decode()

    assert "3/3" in html
    assert "hết hiệu lực ngày 31/12/2025" in html


def test_a_province_ended_by_the_reform_is_scored_by_the_set_of_its_last_day(mixed, leader):
    province, _district, old, _new = mixed
    province.valid_to = dt.date(2025, 12, 31)
    province.save(update_fields=["valid_to"])

    overview = province_overview(user=leader, province=province)
    comparison = province_comparison(user=leader, province=province)

    figures = {f.key: f.value for f in overview.figures}
    assert figures["average_met"] == 3  # its 3/3 under the 2021–2025 set, not 1/2
    assert overview.distribution[-1] == (3, 1)
    assert {c.criterion_id for c in overview.criteria} == set(
        old.criteria.values_list("pk", flat=True)
    )
    assert [row.average_met for row in comparison.rows] == [3]


def test_the_structure_date_picks_the_set_in_force_that_day(mixed, leader):
    province, *_rest = mixed

    overview = province_overview(user=leader, province=province, on=dt.date(2025, 12, 31))

    assert {f.key: f.value for f in overview.figures}["average_met"] == 3


def test_the_full_comparison_averages_the_set_in_force_like_the_overview(mixed, leader):
    province, *_rest = mixed

    comparison = province_comparison(user=leader, province=province)

    assert [row.average_met for row in comparison.rows] == [1]


def test_the_trend_averages_each_year_by_the_set_in_force_at_its_end(mixed, leader):
    """End of 2025: the 3/3 under the 2021–2025 set; 2026 (running): only the 1/2, the xã still
    standing on its 2025 score is counted as assessed but left out of the average."""
    province, *_rest = mixed

    trend = {p.label: p for p in province_overview(user=leader, province=province).trend}

    assert (trend["2025"].assessed, trend["2025"].average_met) == (1, 3)
    assert (trend["2026"].assessed, trend["2026"].average_met) == (2, 1)


def test_the_national_row_averages_only_the_set_in_force(mixed, leader):
    province, *_rest = mixed

    rows = national_overview(user=leader).provinces

    assert [(row.province, row.assessed, row.average_met) for row in rows] == [(province, 2, 1)]
