"""Fixtures for the campaign tests: the 2026 provincial campaign and a writes-matrix helper."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from criteria.services import assessment_create
from tests.campaigns.factories import CampaignFactory
from tests.criteria.factories import ALL_MET
from tests.sponsorships.factories import SupportActivityFactory

WRITERS_OFFICE_ONLY = {"coordination_office"}
OTHER_ROLES = [
    "no_role_user",
    "leader",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
]


@pytest.fixture
def campaign(db):
    return CampaignFactory(name="Bắc Kạn chung sức xây dựng nông thôn mới 2026")


@pytest.fixture
def criteria_set(db):
    from tests.criteria.factories import small_criteria_set

    return small_criteria_set(valid_from=dt.date(2021, 1, 1))


@pytest.fixture
def summer(db):
    """A 2026 sprint: 01/05/2026 – 31/08/2026."""
    return CampaignFactory(
        name="100 ngày đêm", start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 8, 31)
    )


# Every test here runs on a fixed day, 15/11/2026 (Hà Nội time): assessments up to November
# 2026 can be entered, and "today" for pledges is known.
NOW = dt.datetime(2026, 11, 15, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


APR, JUN, AUG, SEP = (dt.date(2026, m, 1) for m in (4, 6, 8, 9))
ONLY_TC01 = {**ALL_MET, "2.1": Decimal("20"), "3.1": Decimal("10")}
TC01_TC02 = {**ALL_MET, "3.1": Decimal("10")}


def enter(commune, user, period, values):
    assessment_create(
        commune=commune, period=period, stage="appraised", values=values, entered_by=user
    )


@pytest.fixture
def assessed(criteria_set, commune_a, commune_b, coordination_office):
    """Commune A: TC01 in April, TC01+TC02 in June, all three in August (gains 2, reaches the
    standard). Commune B: TC01 in April, all three only in September (after the end)."""
    enter(commune_a, coordination_office, APR, ONLY_TC01)
    enter(commune_a, coordination_office, JUN, TC01_TC02)
    enter(commune_a, coordination_office, AUG, ALL_MET)
    enter(commune_b, coordination_office, APR, ONLY_TC01)
    enter(commune_b, coordination_office, SEP, ALL_MET)


@pytest.fixture
def activities(assignment_a, assignment_b):
    """Agency A: 21 M on 01/05 and 40 M on 01/07 inside; 10 M on 30/04 and 7,5 M on 01/09
    outside. Agency B: 25 M on 15/08."""
    for day, amount in [
        (dt.date(2026, 4, 30), 10_000_000),
        (dt.date(2026, 5, 1), 21_000_000),
        (dt.date(2026, 7, 1), 40_000_000),
        (dt.date(2026, 9, 1), 7_500_000),
    ]:
        SupportActivityFactory(assignment=assignment_a, date=day, amount=amount)
    SupportActivityFactory(assignment=assignment_b, date=dt.date(2026, 8, 15), amount=25_000_000)
