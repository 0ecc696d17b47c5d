"""Two writes at the same moment that touch the same summary row both count (PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.db.models import Sum

from criteria.models import CriterionCount, MetCount
from criteria.services import assessment_create
from sponsorships.models import ActivityTotal, ActivityYearTotal, SupportActivity
from sponsorships.services.activities import activity_create
from tests.criteria.factories import ALL_MET

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def together(*jobs):
    """Run the jobs in threads released at once; the errors they raised."""
    barrier, errors = threading.Barrier(len(jobs)), []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # pragma: no cover - reported by the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_communes_of_one_district_assessed_at_once_both_count(
    needs_postgres, country, coordination_office
):
    first, second = country.communes[0], country.communes[1]  # the same district

    def enter(commune):
        return lambda: assessment_create(
            commune=commune,
            period=dt.date(2026, 10, 1),
            stage="appraised",
            values=ALL_MET,
            entered_by=coordination_office,
        )

    assert together(enter(first), enter(second)) == []

    counts = CriterionCount.objects.filter(district_key=first.district_id)
    assert counts.count() == 3
    assert set(counts.values_list("met", flat=True)) == {2}
    assert MetCount.objects.get(district_key=first.district_id, criteria_met=3).communes == 2


def test_two_activities_of_one_agency_and_month_saved_at_once_both_count(
    needs_postgres, country, coordination_office
):
    first, second = country.assignments[0], country.assignments[2]  # one agency, one province

    def create(assignment, amount):
        return lambda: activity_create(
            assignment=assignment,
            user=coordination_office,
            date=dt.date(2026, 5, 4),
            kind=SupportActivity.Kind.GOODS,
            title="Hỗ trợ",
            amount=amount,
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
        )

    assert together(create(first, 3_000_000), create(second, 4_000_000)) == []

    agency = {"grouping": "agency", "key": str(first.agency_id)}
    row = ActivityYearTotal.objects.get(year=2026, **agency)
    assert (row.count, row.amount) == (2, 7_000_000)
    months = ActivityYearTotal.objects.filter(grouping="month")
    assert months.aggregate(n=Sum("count"))["n"] == 2
    every_year = ActivityTotal.objects.get(year=ActivityTotal.EVERY_YEAR, **agency)
    assert (every_year.count, every_year.amount) == (2, 7_000_000)
