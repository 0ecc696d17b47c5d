"""agency_list: each agency's assignment counts, computed only for the rows a page shows (a
join grouped every assignment in the country before the page of 50 was cut)."""

import datetime as dt

import pytest
from django.db import connection

from sponsorships.selectors.agencies import agency_list
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory

pytestmark = pytest.mark.django_db


def test_counts_every_and_active_assignments(leader):
    busy, idle = AgencyFactory(name="Sở Xây dựng"), AgencyFactory(name="Sở Y tế")
    AssignmentFactory(agency=busy, start_date=dt.date(2024, 1, 1), end_date=None)
    AssignmentFactory(agency=busy, start_date=dt.date(2019, 1, 1), end_date=dt.date(2020, 1, 1))
    AssignmentFactory(agency=busy, start_date=dt.date(2099, 1, 1), end_date=None)

    rows = {a.pk: (a.assignment_count, a.active_assignment_count) for a in agency_list(user=leader)}

    assert rows == {busy.pk: (3, 1), idle.pk: (0, 0)}


def test_an_agency_page_is_read_in_name_order_from_the_index(leader, needs_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
    plan = agency_list(user=leader)[:50].explain()
    top = plan.split("SubPlan")[0]  # the counts are subplans, run for the page's rows

    assert "sponsorships_agency_name_key" in top, plan
    assert "Sort" not in top, plan
    assert "Aggregate" not in top, plan
