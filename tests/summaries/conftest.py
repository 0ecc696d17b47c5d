"""A small country for the summary tables: two provinces, a district with two xã, a xã
without a district, a phường; two agencies helping; the 3-criterion set. Today 15/11/2026."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine

from communes.models import Commune
from criteria.models import CriterionCount, MetCount, StandingChange
from sponsorships.models import ActivityTotal, ActivityYearTotal, Assignment
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET, small_criteria_set
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory

NOW = dt.datetime(2026, 11, 15, 9, 0, tzinfo=dt.UTC)
TWO_MET = {**ALL_MET, "2.1": Decimal(20)}  # TC2 not met
ONE_MET = {**ALL_MET, "2.1": Decimal(20), "1.2": Decimal(50)}  # TC1 and TC2 not met
VALUES = (ALL_MET, TWO_MET, ONE_MET)
PERIODS = (dt.date(2025, 12, 1), dt.date(2026, 3, 1), dt.date(2026, 8, 1), dt.date(2026, 10, 1))
SUMMARIES = {
    CriterionCount: (
        ("province_id", "district_key", "criterion_id"),
        ("met", "not_met", "not_assessed"),
    ),
    MetCount: (("province_id", "district_key", "criteria_met", "criteria_total"), ("communes",)),
    StandingChange: (
        ("province_id", "district_key", "commune_group", "month"),
        ("assessed", "at_standard", "criteria_met"),
    ),
    ActivityYearTotal: (
        ("province_id", "year", "grouping", "key"),
        ("count", "amount", "labour_days"),
    ),
    ActivityTotal: (("year", "grouping", "key"), ("count", "amount", "labour_days")),
}


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Country:
    communes: list[Commune]
    assignments: list[Assignment]


@pytest.fixture
def country(db):
    small_criteria_set(valid_from=dt.date(2021, 1, 1))
    north, south = ProvinceFactory(code="06"), ProvinceFactory(code="08")
    district = DistrictFactory(province=north)
    communes = [
        CommuneFactory(province=north, district=district, commune_group="group_1"),
        CommuneFactory(province=north, district=district, commune_group="group_2"),
        CommuneFactory(province=north, district=None, commune_group=""),
        CommuneFactory(province=north, district=district, kind=Commune.Kind.PHUONG),
        CommuneFactory(province=south),
    ]
    agencies = [AgencyFactory(), AgencyFactory()]
    assignments = [
        AssignmentFactory(agency=agencies[0], commune=communes[0]),
        AssignmentFactory(agency=agencies[1], commune=communes[0]),
        AssignmentFactory(agency=agencies[0], commune=communes[2]),
        AssignmentFactory(agency=agencies[1], commune=communes[4]),
    ]
    return Country(communes, assignments)


def snapshot() -> dict:
    """Every summary row that counts something, as {(table, key): values}."""
    rows = {}
    for model, (keys, values) in SUMMARIES.items():
        for row in model.objects.values_list(*keys, *values):
            counted = tuple(
                Decimal(str(v)) if isinstance(v, float) else v for v in row[len(keys) :]
            )
            if any(counted):
                rows[(model.__name__, row[: len(keys)])] = counted
    return rows
