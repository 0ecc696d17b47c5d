"""Keyset pages for every API list (?cursor=, ntm_portal.api.KeysetPagination): a client
syncing everything pays the same per page however deep it goes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.communes.factories import CommuneFactory
from tests.openapi import assert_documented
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db


def walk(api, url, page_size=2, **params):
    """Every page from ?cursor= on: (ids in order, queries per page)."""
    ids, queries = [], []
    response = api.get(url, {"cursor": "", "page_size": page_size, **params})
    while True:
        assert response.status_code == 200, response.content
        assert "count" not in response.data
        ids += [row["id"] for row in response.data["results"]]
        if not response.data["next"]:
            return ids, queries
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(response.data["next"])
        queries.append(len(ctx.captured_queries))


def test_activities_by_cursor_list_each_once_in_id_order(api_as):
    assignment = AssignmentFactory()
    activities = SupportActivityFactory.create_batch(7, assignment=assignment)
    api, _ = api_as("coordination_office")
    ids, queries = walk(api, "/api/v1/activities/")
    assert ids == sorted(a.pk for a in activities)
    assert len(set(queries)) == 1  # the fourth page costs what the second does


def test_communes_by_cursor(api_as):
    communes = CommuneFactory.create_batch(5)
    api, _ = api_as("leader")
    ids, _queries = walk(api, "/api/v1/communes/", page_size=3)
    assert ids == sorted(c.pk for c in communes)


def test_cursor_keeps_the_filters(api_as):
    assignment = AssignmentFactory()
    SupportActivityFactory.create_batch(3, assignment=assignment)
    SupportActivityFactory.create_batch(2)
    api, _ = api_as("coordination_office")
    ids, _queries = walk(api, "/api/v1/activities/", agency=assignment.agency_id)
    assert len(ids) == 3


def test_page_numbers_stay_the_default(api_as):
    SupportActivityFactory.create_batch(3)
    api, _ = api_as("coordination_office")
    response = api.get("/api/v1/activities/", {"page_size": 2, "page": 2})
    assert response.data["count"] == 3
    assert len(response.data["results"]) == 1


def test_a_bad_cursor_is_a_documented_400(api_as):
    api, _ = api_as("coordination_office")
    response = api.get("/api/v1/activities/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert "cursor" in response.data
    assert_documented(response, "/api/v1/activities/")


@pytest.mark.parametrize("page", ["2", "±"])
def test_a_page_number_beside_a_cursor_is_a_documented_400_not_ignored(api_as, page):
    api, _ = api_as("coordination_office")
    response = api.get("/api/v1/districts/", {"cursor": "", "page": page})
    assert response.status_code == 400
    assert response.data["page"] == ["Trang có cursor không dùng số trang; bỏ page."]
    assert_documented(response, "/api/v1/districts/")


def test_an_empty_page_beside_a_cursor_is_no_page_number(api_as):
    api, _ = api_as("coordination_office")
    assert api.get("/api/v1/districts/", {"cursor": "", "page": ""}).status_code == 200


def test_a_cursor_page_is_documented(api_as):
    SupportActivityFactory.create_batch(3)
    api, _ = api_as("coordination_office")
    response = api.get("/api/v1/activities/", {"cursor": "", "page_size": 2})
    assert_documented(response, "/api/v1/activities/")
    assert_documented(api.get(response.data["next"]), "/api/v1/activities/")
