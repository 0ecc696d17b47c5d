"""The activity list pages newest first by keyset (?after=): no count, no aggregate over every
activity, and a deep page costs what the first does."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sponsorships.views._access import PAGE_SIZE
from tests.sponsorships.factories import SupportActivityFactory

pytestmark = pytest.mark.django_db
URL = reverse("sponsorships:activity_list")


@pytest.fixture
def activities(assignment_a):
    """PAGE_SIZE * 2 + 3 activities, three per day so that pages split a day."""
    return [
        SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 1, 1 + n // 3))
        for n in range(PAGE_SIZE * 2 + 3)
    ]


def test_pages_follow_each_other_newest_first_each_row_once(client, leader, activities):
    client.force_login(leader)
    seen, queries, after = [], [], ""
    while True:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"after": after} if after else {})
        queries.append(len(ctx.captured_queries))
        seen += [a.pk for a in response.context["activities"]]
        after = response.context["keyset_page"].next_after
        if not after:
            break
    expected = sorted(activities, key=lambda a: (a.date, a.pk), reverse=True)
    assert seen == [a.pk for a in expected]
    assert len(queries) == 3
    assert queries[1] == queries[2]  # the last page costs what the second does
    assert 'rel="next"' not in response.content.decode()


def test_unfiltered_list_computes_no_summary(client, leader, activities):
    client.force_login(leader)
    response = client.get(URL)
    assert response.context["summary"] is None
    assert 'rel="next"' in response.content.decode()


def test_filtered_list_keeps_its_summary(client, leader, activities, assignment_a):
    client.force_login(leader)
    response = client.get(URL, {"agency": assignment_a.agency_id})
    assert response.context["summary"].count == len(activities)


def test_another_sort_and_old_page_links_keep_page_numbers(client, leader, activities):
    client.force_login(leader)
    assert client.get(URL, {"sort": "amount"}).context["page_obj"].paginator.num_pages == 3
    assert client.get(URL, {"page": "2"}).context["page_obj"].number == 2


@pytest.mark.parametrize(
    "after", ["yesterday", "2026-01-01.999999999999999999999", "2026-01-01.-5", "2026-01-01."]
)
def test_an_unreadable_cursor_is_the_first_page(client, leader, activities, after):
    # An id past the bigint column was a database error (500), not a first page.
    client.force_login(leader)
    response = client.get(URL, {"after": after})
    assert response.status_code == 200
    assert response.context["activities"][0].pk == activities[-1].pk
