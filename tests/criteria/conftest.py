import datetime as dt

import pytest
import time_machine

from tests.criteria.factories import count_latest_results, small_criteria_set

# Every DB test here runs on a fixed day: 15/11/2026, Hà Nội time.
NOW = dt.datetime(2026, 11, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def criteria_set(db):
    return small_criteria_set(valid_from=dt.date(2021, 1, 1))


@pytest.fixture
def latest_rule(db):
    """The office counts each commune's latest result, self-assessments included."""
    count_latest_results()
