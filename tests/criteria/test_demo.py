"""The demo loader: the real set as the province's own, unverified sample thresholds, six months."""

from collections import Counter

import pytest

from communes.models import Commune
from criteria import demo
from criteria.models import Assessment, Threshold
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, ProvinceFactory


@pytest.fixture
def province(db):
    province = ProvinceFactory(code="06")
    CommuneFactory(
        province=province, code="10001", ntm_level=Commune.Level.STANDARD, ntm_level_year=2020
    )
    CommuneFactory(
        province=province, code="10002", ntm_level=Commune.Level.ADVANCED, ntm_level_year=2021
    )
    for code in ("10003", "10004", "10005", "10006", "10007"):
        CommuneFactory(province=province, code=code)
    CommuneFactory(province=province, code="10008", kind=Commune.Kind.PHUONG)
    return province


def current_met(province):
    return dict(Commune.objects.filter(province=province).values_list("code", "criteria_met"))


def test_demo_fills_missing_thresholds_of_the_region_as_unverified_samples(province):
    criteria_set = demo.load(province=province)

    region = Threshold.objects.filter(
        indicator__criterion__criteria_set=criteria_set, classification_key=province.region
    )
    assert not region.filter(value__isnull=True).exists()
    filled = region.filter(note=demo.SAMPLE_NOTE)
    assert filled.count() == 18
    assert not filled.filter(is_verified=True).exists()
    other = Threshold.objects.filter(
        indicator__criterion__criteria_set=criteria_set, classification_key="dbsh"
    )
    assert other.filter(value__isnull=True).exists()  # other regions stay unknown


def test_demo_assesses_each_xa_for_six_months(province):
    criteria_set = demo.load(province=province)

    assert criteria_set.province == province
    assert criteria_set.criteria.count() == 19
    per_commune = Counter(Assessment.objects.values_list("commune__code", flat=True))
    assert per_commune == {f"1000{i}": 6 for i in range(1, 8)}  # not the phường
    assert Assessment.objects.filter(is_current=True).count() == 7
    assert set(Assessment.objects.values_list("entered_by__username", flat=True)) == {"vpdp"}
    assert User.objects.get(username="vpdp").role == User.Role.COORDINATION_OFFICE


def test_communes_at_the_standard_meet_all_19_and_others_are_in_between(province, latest_rule):
    demo.load(province=province)

    met = current_met(province)
    assert met["10001"] == met["10002"] == 19
    assert all(8 <= met[f"1000{i}"] <= 17 for i in range(3, 8)), met
    assert met["10008"] is None


def test_communes_only_gain_criteria_over_the_months(province):
    demo.load(province=province)

    for code in ("10003", "10004", "10005"):
        series = list(
            Assessment.objects.filter(commune__code=code)
            .order_by("period")
            .values_list("criteria_met", flat=True)
        )
        assert series == sorted(series), (code, series)


def test_demo_is_deterministic_and_safe_to_run_twice(province):
    demo.load(province=province)
    first = current_met(province)
    count = Assessment.objects.count()

    demo.load(province=province)
    assert (current_met(province), Assessment.objects.count()) == (first, count)

    Assessment.objects.all().delete()
    demo.load(province=province)
    assert current_met(province) == first
