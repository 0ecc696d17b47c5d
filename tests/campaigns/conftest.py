"""Fixtures for the campaign tests: the 2026 provincial campaign and a writes-matrix helper."""

import pytest

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
