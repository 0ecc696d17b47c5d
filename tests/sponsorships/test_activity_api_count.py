"""The activity API's ``count`` (page numbers): read from the activity summaries kept on write
for the filters they answer, so the first page does not COUNT a million rows; the same number
as counting the rows, whatever the filters."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sponsorships.models import SupportActivity
from tests.openapi import api_schema
from tests.sponsorships.activity_fixtures import api_url
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db

GOODS, CASH = SupportActivity.Kind.GOODS, SupportActivity.Kind.CASH
ROWS_COUNTED = 'COUNT(*) AS "__count" FROM "sponsorships_supportactivity"'


@pytest.fixture
def activities():
    """Two assignments (agencies and communes apart) with activities over two years, two
    kinds and two funding sources."""
    first, second = AssignmentFactory(), AssignmentFactory()
    rows = [
        (first, dt.date(2024, 3, 1), GOODS),
        (first, dt.date(2025, 3, 1), CASH),
        (first, dt.date(2025, 4, 1), GOODS),
        (second, dt.date(2024, 5, 1), CASH),
        (second, dt.date(2025, 6, 1), CASH),
    ]
    for assignment, date, kind in rows:
        SupportActivityFactory(assignment=assignment, date=date, kind=kind)
    SupportActivity.objects.filter(date__year=2024).update(
        funding_source=SupportActivity.FundingSource.STAFF_FUND
    )
    return first, second


def params_of(name, first):
    return {
        "none": {},
        "year": {"year": 2025},
        "agency": {"agency": first.agency_id},
        "commune and year": {"commune": first.commune_id, "year": 2025},
        "kind, sorted": {"kind": CASH, "sort": "-amount"},
        "kind and year": {"kind": CASH, "year": 2025},
        "funding source": {"funding_source": "staff_fund"},
        "agency and kind": {"agency": first.agency_id, "kind": GOODS},
        "dates": {"date_from": "2025-01-01"},
    }[name]


SUMMARY_READ = ["none", "year", "kind, sorted", "kind and year"]
# An agency's or a commune's activities are counted through their assignments' index.
ROWS_READ = ["agency", "commune and year", "funding source", "agency and kind", "dates"]


def listed(api, params):
    """(count of the first page, every id across the pages, whether rows were counted)."""
    with CaptureQueriesContext(connection) as queries:
        response = api.get(api_url("activity-list"), {**params, "page_size": 2})
    assert response.status_code == 200, response.content
    counted = any(ROWS_COUNTED in query["sql"] for query in queries.captured_queries)
    ids = [row["id"] for row in response.data["results"]]
    while response.data["next"]:
        response = api.get(response.data["next"])
        ids += [row["id"] for row in response.data["results"]]
    return response.data["count"], ids, counted


@pytest.mark.parametrize("name", SUMMARY_READ + ROWS_READ)
def test_count_is_the_number_of_matching_activities(api_as, activities, name):
    api, _user = api_as("leader")

    count, ids, counted = listed(api, params_of(name, activities[0]))

    assert count == len(ids) > 0
    assert counted is (name in ROWS_READ)  # summaries for their filters, else the rows


def test_count_follows_writes_through_the_api(api_as, activities):
    first, _second = activities
    api, _user = api_as("coordination_office")
    payload = {"assignment": first.pk, "date": "2025-05-01", "kind": CASH, "title": "Mới"}
    payload |= {"funding_source": "agency_budget"}

    created = api.post(api_url("activity-list"), payload, format="json")
    after_create = api.get(api_url("activity-list"), {"agency": first.agency_id}).data["count"]
    api.delete(api_url("activity-detail", created.data["id"]), HTTP_IF_MATCH='"*"')
    after_delete = api.get(api_url("activity-list"), {"agency": first.agency_id}).data["count"]

    assert created.status_code == 201, created.content
    assert (after_create, after_delete) == (4, 3)


def test_the_count_rule_is_documented():
    schema = api_schema().raw_schema
    operation = schema["paths"]["/api/v1/activities/"]["get"]
    page = schema["components"]["schemas"]["PaginatedSupportActivityList"]

    assert "summaries" in operation["description"]
    assert "cursor" in operation["description"]
    assert "cursor" in page["properties"]["count"]["description"]
    assert page["required"] == ["results"]


def test_count_by_agency_stays_true_as_an_assignment_with_activities_cannot_move(
    api_as, activities, coordination_office
):
    """The summaries key an activity by its assignment's agency: a move would strand them."""
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    from sponsorships.services.agencies import assignment_update  # noqa: PLC0415

    first, second = activities
    with pytest.raises(ValidationError):
        assignment_update(assignment=first, user=coordination_office, agency=second.agency)
    api, _user = api_as("leader")

    count, ids, _counted = listed(api, {"agency": second.agency_id})

    assert count == len(ids) == 2


def test_filters_the_summaries_do_not_answer_cost_no_extra_query(
    api_as, activities, django_assert_num_queries
):
    api, _user = api_as("leader")
    # the agency looked up once (by the filter), the count, the page, its criteria
    with django_assert_num_queries(4):
        api.get(api_url("activity-list"), {"agency": activities[0].agency_id})
