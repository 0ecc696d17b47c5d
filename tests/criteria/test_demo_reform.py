"""The demo's 2026 assessments of the new communes: only with the 2026–2030 set; sample
indicators only when the set has none, marked as sample data."""

import datetime as dt

import pytest

from communes.models import Commune
from criteria import demo_reform
from criteria.models import Assessment, ClassificationScheme, Indicator, Threshold
from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.criteria.factories import CriteriaSetFactory, CriterionFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def successor_province():
    province = ProvinceFactory(code="19", name="Thái Nguyên", valid_from=dt.date(2025, 7, 1))
    for n, group in enumerate(["group_1", "group_2", "group_3"] * 3):
        CommuneFactory(province=province, district=None, code=f"0{n}000", commune_group=group)
    return province


def skeleton():
    """What the set import ships: 10 criteria, commune groups, no indicators."""
    criteria_set = CriteriaSetFactory(
        code=demo_reform.SET_CODE,
        valid_from=dt.date(2026, 1, 1),
        classification_scheme=ClassificationScheme.COMMUNE_GROUP,
    )
    for number in range(1, 11):
        CriterionFactory(criteria_set=criteria_set, number=number, code=f"TC{number:02d}")
    return criteria_set


def test_without_the_set_it_skips_saying_so(successor_province):
    message = demo_reform.load(province=successor_province)

    assert "chưa có bộ tiêu chí ntm-xa-2026-2030" in message
    assert not Assessment.objects.exists()


def test_with_the_skeleton_it_adds_sample_indicators_and_assesses_a_few_communes(
    successor_province,
):
    criteria_set = skeleton()

    demo_reform.load(province=successor_province)
    demo_reform.load(province=successor_province)  # safe to run twice

    indicators = Indicator.objects.filter(criterion__criteria_set=criteria_set)
    assert indicators.count() == 10
    assert not indicators.filter(is_verified=True).exists()
    assert all("Dữ liệu mẫu" in note for note in indicators.values_list("note", flat=True))
    thresholds = Threshold.objects.filter(indicator__in=indicators)
    assert set(thresholds.values_list("classification_key", flat=True)) == {
        "group_1",
        "group_2",
        "group_3",
    }
    assert not thresholds.filter(is_verified=True).exists()
    assessments = Assessment.objects.filter(criteria_set=criteria_set)
    assert assessments.count() == demo_reform.ASSESSED_COMMUNES
    assert {a.criteria_total for a in assessments} == {10}
    assert {a.period for a in assessments} == {dt.date(2026, 9, 1)}
    assert Commune.objects.filter(criteria_total=10).count() == demo_reform.ASSESSED_COMMUNES


def test_a_set_with_indicators_is_left_alone(successor_province):
    criteria_set = skeleton()
    IndicatorFactory(criterion=criteria_set.criteria.first(), code="1.1", name_vi="Chính thức")

    message = demo_reform.load(province=successor_province)

    names = Indicator.objects.filter(criterion__criteria_set=criteria_set)
    assert list(names.values_list("name_vi", flat=True)) == ["Chính thức"]
    assert "chưa có ngưỡng" in message  # its thresholds are not entered yet: nothing assessed
    assert not Assessment.objects.exists()
