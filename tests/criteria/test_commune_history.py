"""The commune page lists every assessment, paged by ?history_page=; the chart stays bounded."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from criteria.models import Assessment
from criteria.panels import CHART_PERIODS, HISTORY_PER_PAGE
from criteria.services import AssessmentEntry, assessments_create_many
from ntm_portal.periods import add_months
from tests.criteria.factories import ALL_MET

LAST = dt.date(2026, 11, 1)


def enter_months(commune, user, count):
    entries = [
        AssessmentEntry(
            commune=commune, period=add_months(LAST, -i), stage="appraised", values=ALL_MET
        )
        for i in reversed(range(count))
    ]
    assessments_create_many(entries=entries, entered_by=user)


def page(client, commune, number=None):
    url = reverse("communes:commune_detail", args=[commune.pk])
    return client.get(url, {"history_page": number} if number else {})


def history_rows(response):
    return list(response.context["history_page"].object_list)


def test_every_assessment_is_reachable_page_by_page(
    as_role, criteria_set, commune_a, coordination_office
):
    enter_months(commune_a, coordination_office, HISTORY_PER_PAGE + 6)
    client, _user = as_role("leader")

    first, second = page(client, commune_a), page(client, commune_a, 2)

    assert len(history_rows(first)) == HISTORY_PER_PAGE
    assert len(history_rows(second)) == 6
    assert history_rows(second)[-1] == Assessment.objects.order_by("period").first()
    assert "?history_page=2#history" in first.content.decode()
    html = second.content.decode()
    assert "?history_page=1#history" in html
    assert 'id="history" open' in html  # a later page opens the table
    assert "Bảng 30 lần đánh giá" in html


@pytest.mark.parametrize("number", ["99", "abc"])
def test_a_page_out_of_range_shows_a_page_not_an_error(
    as_role, criteria_set, commune_a, coordination_office, number
):
    enter_months(commune_a, coordination_office, HISTORY_PER_PAGE + 1)
    client, _user = as_role("leader")

    response = page(client, commune_a, number)

    assert response.status_code == 200
    assert history_rows(response)


def test_the_chart_stays_bounded(as_role, criteria_set, commune_a, coordination_office):
    enter_months(commune_a, coordination_office, HISTORY_PER_PAGE + 6)
    client, _user = as_role("leader")

    chart = page(client, commune_a).context["history_chart"]

    assert len(chart.labels) == CHART_PERIODS


def test_the_page_query_count_does_not_grow_with_a_long_history(
    as_role, criteria_set, commune_a, coordination_office
):
    client, _user = as_role("leader")
    enter_months(commune_a, coordination_office, 2)
    with CaptureQueriesContext(connection) as short:
        page(client, commune_a)
    Assessment.objects.all().delete()
    enter_months(commune_a, coordination_office, HISTORY_PER_PAGE)
    with CaptureQueriesContext(connection) as one_page:
        page(client, commune_a)
    Assessment.objects.all().delete()
    enter_months(commune_a, coordination_office, 2 * HISTORY_PER_PAGE + 3)
    with CaptureQueriesContext(connection) as long:
        page(client, commune_a, 2)

    # A history shorter than the chart's rows is the table's only page (no count, no read);
    # a longer one costs those two queries, however long.
    assert len(one_page) == len(long) == len(short) + 2


def test_a_short_history_is_listed_whole_without_a_second_read(
    as_role, criteria_set, commune_a, coordination_office
):
    enter_months(commune_a, coordination_office, 3)
    client, _user = as_role("leader")

    response = page(client, commune_a)

    assert [a.period for a in history_rows(response)] == [add_months(LAST, -i) for i in range(3)]
    assert "Bảng 3 lần đánh giá" in response.content.decode()
