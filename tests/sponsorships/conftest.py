"""Fixtures for the sponsorship tests: activity A in assignment A (agency A → commune A, from
01/01/2024, open-ended) and activity B in assignment B. Helpers: activity_fixtures.py."""

import datetime as dt

import pytest

from tests.sponsorships.factories import SupportActivityFactory


@pytest.fixture
def activity_a(assignment_a):
    return SupportActivityFactory(
        assignment=assignment_a,
        date=dt.date(2024, 6, 1),
        amount=21_000_000,
        title="Tặng 600 bóng đèn compact",
    )


@pytest.fixture
def activity_b(assignment_b):
    return SupportActivityFactory(
        assignment=assignment_b,
        date=dt.date(2024, 7, 1),
        amount=10_000_000,
        title="Cổng chào thôn Pác Châm",
    )
