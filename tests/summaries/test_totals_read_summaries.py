"""The totals page and the overview's sponsorship block read only the summary rows they show:
their figures equal the sums over the activities for any set of writes (hypothesis), and their
queries are as many at two agencies and communes as at twenty."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communes.models import Province
from dashboards.selectors.sponsorship import TOP_AGENCIES, sponsorship_year
from sponsorships.selectors.activities import TOTALS, activity_list, activity_totals
from sponsorships.selectors.activity_summaries import summary_totals
from tests.communes.factories import ProvinceFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, SupportActivityFactory
from tests.summaries.test_rebuild_equals_incremental import apply, create, delete, update

ACTIVITY_WRITES = st.lists(st.one_of(create, update, delete), min_size=1, max_size=12)


def figures(rows) -> list[tuple]:
    return [(row.key, row.label, row.count, row.amount, row.labour_days) for row in rows]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=ACTIVITY_WRITES, year=st.sampled_from([None, 2025, 2026]))
def test_the_totals_page_figures_are_the_sums_over_the_activities(
    country, coordination_office, writes, year
):
    with transaction.atomic():
        for write in writes:
            apply(write, country, coordination_office)
        rows = activity_list(user=coordination_office)
        rows = rows.filter(date__year=year) if year else rows

        _summary, tables = summary_totals(user=coordination_office, year=year)

        for by in ("agency", "commune", "kind"):
            assert figures(tables[by]) == figures(activity_totals(queryset=rows, by=by)), by
        transaction.set_rollback(True)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=ACTIVITY_WRITES, year=st.sampled_from([2025, 2026]))
def test_the_overview_top_agencies_are_the_sums_over_the_activities(
    country, coordination_office, writes, year
):
    province = country.communes[0].province
    with transaction.atomic():
        for write in writes:
            apply(write, country, coordination_office)
        rows = activity_list(user=coordination_office).filter(
            date__year=year, assignment__commune__province=province
        )

        block = sponsorship_year(user=coordination_office, province=province, year=year)

        expected = activity_totals(queryset=rows, by="agency")[:TOP_AGENCIES]
        assert figures(block.top_agencies) == figures(expected)
        by_month = {row.key.month: row.amount for row in activity_totals(queryset=rows, by="month")}
        assert {m.month.month: m.amount for m in block.months if m.count} == by_month
        transaction.set_rollback(True)


def helped(agencies: int, province: Province) -> None:
    """Each of ``agencies`` agencies helps its own commune of ``province`` twice in 2026."""
    for index in range(agencies):
        assignment = AssignmentFactory(agency=AgencyFactory(), commune__province=province)
        for month in (3, 5):
            SupportActivityFactory(
                assignment=assignment, date=dt.date(2026, month, 1), amount=index * 1000
            )


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"year": 2026}, {"by": "commune"}])
def test_the_totals_page_costs_as_many_queries_whatever_the_data(as_role, params):
    client, _user = as_role("coordination_office")
    url = reverse("sponsorships:activity_totals")
    province = ProvinceFactory()
    helped(2, province)
    few = queries_of(lambda: client.get(url, params))
    helped(25, ProvinceFactory())
    helped(5, province)  # more than the page shows of each long grouping

    assert queries_of(lambda: client.get(url, params)) == few


def test_the_overview_block_costs_as_many_queries_whatever_the_data(coordination_office):
    province = ProvinceFactory()
    helped(2, province)

    def block():
        sponsorship_year(user=coordination_office, province=province, year=2026)

    few = queries_of(block)
    helped(25, province)

    assert queries_of(block) == few == 3


def test_every_grouping_of_the_page_comes_from_the_summaries(coordination_office):
    helped(3, ProvinceFactory())
    _summary, tables = summary_totals(user=coordination_office, year=None)

    assert set(tables) == set(TOTALS)
    assert [row.amount for row in tables["agency"]] == [2000 * 2, 1000 * 2, 0]
