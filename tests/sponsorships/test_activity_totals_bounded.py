"""The totals page shows the largest agencies and communes and links to each grouping alone,
paged, the filters kept; the totals read the filtered rows in one pass."""

import pytest
from django.urls import reverse

from sponsorships.selectors.activities import activity_list, activity_summary, activity_totals
from sponsorships.views import activities as views
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db

URL = reverse("sponsorships:activity_totals")


@pytest.fixture
def three_communes(db):
    for amount in (3_000_000, 2_000_000, 1_000_000):
        SupportActivityFactory(assignment=AssignmentFactory(), amount=amount)


def table(response, by):
    return dict(response.context["tables"])[by]


def test_the_page_shows_the_largest_rows_and_links_to_all(as_role, three_communes, monkeypatch):
    monkeypatch.setattr(views, "TOTALS_SHOWN", 2)
    client, _user = as_role("coordination_office")

    response = client.get(URL, {"year": 2024})

    assert [row.amount for row in table(response, "commune")] == [3_000_000, 2_000_000]
    html = response.content.decode()
    assert "?year=2024&amp;by=commune" in html
    assert "Đang hiện 2 xã có giá trị lớn nhất trên 3" in html
    assert "31.000.000" not in html  # the grand total is of every row: 6.000.000
    assert "6.000.000 đồng" in html


def test_one_grouping_alone_is_paged_keeping_the_filters(as_role, three_communes, monkeypatch):
    monkeypatch.setattr(views, "TOTALS_PER_PAGE", 2)
    client, _user = as_role("coordination_office")

    first = client.get(URL, {"year": 2024, "by": "commune"})
    second = client.get(URL, {"year": 2024, "by": "commune", "page": 2})

    assert [by for by, _rows in first.context["tables"]] == ["commune"]
    assert [row.amount for row in table(second, "commune")] == [1_000_000]
    html = first.content.decode()
    assert "?year=2024&amp;by=commune&amp;page=2" in html
    assert '<input type="hidden" name="by" value="commune">' in html


def test_a_criterion_filter_still_counts_each_activity_once(coordination_office):
    from tests.criteria.factories import small_criteria_set

    criteria = list(small_criteria_set().criteria.order_by("number"))
    both = SupportActivityFactory(amount=5_000_000)
    both.target_criteria.add(*criteria[:2])
    from sponsorships.filters import SupportActivityFilterSet

    filtered = SupportActivityFilterSet(
        {"criterion": criteria[0].pk}, queryset=activity_list(user=coordination_office)
    ).qs

    assert activity_summary(queryset=filtered).amount == 5_000_000
    by_criterion = activity_totals(queryset=filtered, by="criterion")
    assert [(row.key, row.count, row.amount) for row in by_criterion] == [
        (criteria[0].number, 1, 5_000_000),
        (criteria[1].number, 1, 5_000_000),
    ]


def test_totals_read_the_rows_without_a_subquery(coordination_office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SupportActivityFactory(amount=1_000_000)
    with CaptureQueriesContext(connection) as ctx:
        activity_totals(queryset=activity_list(user=coordination_office), by="commune")

    sql = ctx.captured_queries[-1]["sql"].upper()
    assert " IN (SELECT" not in sql
    assert "DISTINCT" not in sql


@pytest.fixture
def written(coordination_office):
    """Activities written through the service (which keeps the summary tables), in two years,
    of two kinds, aimed at none, one or two criteria."""
    import datetime as dt

    from sponsorships.models import SupportActivity
    from sponsorships.services.activities import activity_create
    from tests.criteria.factories import small_criteria_set

    criteria = list(small_criteria_set().criteria.order_by("number"))
    plan = [
        (dt.date(2025, 3, 1), SupportActivity.Kind.GOODS, [], 4_000_000),
        (dt.date(2026, 3, 1), SupportActivity.Kind.GOODS, criteria[:1], 1_000_000),
        (dt.date(2026, 5, 9), SupportActivity.Kind.TRAINING, criteria[:2], 2_000_000),
        (dt.date(2026, 5, 20), SupportActivity.Kind.TRAINING, [], 3_000_000),
    ]
    for date, kind, aims, amount in plan:
        activity_create(
            assignment=AssignmentFactory(),
            user=coordination_office,
            target_criteria=aims,
            date=date,
            kind=kind,
            title="Hỗ trợ",
            amount=amount,
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
        )


@pytest.mark.parametrize("year", [None, 2026])
def test_the_summary_tables_give_the_figures_of_the_rows(coordination_office, written, year):
    from sponsorships.selectors.activities import TOTALS
    from sponsorships.selectors.activity_summaries import summary_totals

    rows = activity_list(user=coordination_office)
    if year:
        rows = rows.filter(date__year=year)

    summary, tables = summary_totals(user=coordination_office, year=year)

    assert summary == activity_summary(queryset=rows)
    for by in TOTALS:
        expected = activity_totals(queryset=rows, by=by)
        assert [(r.key, r.count, r.amount, r.labour_days) for r in tables[by]] == [
            (r.key, r.count, r.amount, r.labour_days) for r in expected
        ], by
        if by not in ("month", "criterion"):
            assert [r.label for r in tables[by]] == [r.label for r in expected], by


@pytest.mark.parametrize(
    ("params", "from_summaries"),
    [({}, True), ({"year": "2026"}, True), ({"kind": "goods"}, False), ({"kind": "zzz"}, False)],
)
def test_the_page_reads_the_summaries_only_when_the_filters_allow(
    as_role, written, params, from_summaries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _user = as_role("coordination_office")

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)

    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert ('FROM "sponsorships_activitytotal"' in sql) is from_summaries
    if from_summaries:
        assert 'FROM "sponsorships_supportactivity"' not in sql
