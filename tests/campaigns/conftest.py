"""Fixtures for the campaign tests: the 2026 provincial campaign and a writes-matrix helper."""

import datetime as dt

import pytest
import time_machine

from tests.campaigns.factories import CampaignFactory

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
