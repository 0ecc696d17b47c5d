"""The commune page shows its sponsors and their activities in a fixed number of queries (the
province overview's year of sponsorship is tested in tests/dashboards)."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ntm_portal import panels
from sponsorships import panels as sponsorship_panels
from tests.sponsorships.factories import (
    AssignmentFactory,
    MonthlyReportFactory,
    SupportActivityFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC)


def test_commune_panel_is_registered():
    templates = {p.template_name for p in panels.panels_for(panels.COMMUNE_DETAIL)}
    assert "sponsorships/panels/_commune_sponsors.html" in templates


@time_machine.travel(NOW, tick=False)
def test_commune_panel_lists_current_and_past_sponsors_with_totals(
    leader, commune_a, agency_a, agency_b
):
    past = AssignmentFactory(
        agency=agency_b,
        commune=commune_a,
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2020, 12, 31),
    )
    current = AssignmentFactory(agency=agency_a, commune=commune_a, start_date=dt.date(2025, 1, 1))
    SupportActivityFactory(assignment=past, date=dt.date(2018, 9, 14), amount=40_000_000)
    SupportActivityFactory(assignment=current, date=dt.date(2026, 10, 1), amount=21_000_000)
    SupportActivityFactory(assignment=current, date=dt.date(2026, 11, 1), amount=12_000_000)
    context = sponsorship_panels.commune_sponsors(commune=commune_a, user=leader)
    rows = {
        a.pk: (totals["count"], totals["amount"], active)
        for a, totals, active in context["sponsorship_rows"]
    }
    assert rows == {past.pk: (1, 40_000_000, False), current.pk: (2, 33_000_000, True)}
    assert context["sponsorship_total_amount"] == 73_000_000
    assert [a.date for a in context["sponsorship_recent"]] == [
        dt.date(2026, 11, 1),
        dt.date(2026, 10, 1),
        dt.date(2018, 9, 14),
    ]


@pytest.mark.parametrize("count", [1, 7])
@time_machine.travel(NOW, tick=False)
def test_panels_run_a_fixed_number_of_queries(leader, commune_a, agency_a, count):
    for index in range(count):
        assignment = AssignmentFactory(
            agency=agency_a,
            commune=commune_a,
            start_date=dt.date(2000 + index, 1, 1),
            end_date=dt.date(2000 + index, 12, 31),
        )
        SupportActivityFactory(assignment=assignment, date=dt.date(2000 + index, 6, 1))
        MonthlyReportFactory(assignment=assignment)  # open, and nobody to remind
    with CaptureQueriesContext(connection) as commune_queries:
        context = sponsorship_panels.commune_sponsors(commune=commune_a, user=leader)
    assert len(context["sponsorship_no_recipient"]) == count
    assert len(commune_queries) == 6


@time_machine.travel(NOW, tick=False)
def test_commune_page_shows_the_sponsors(as_role, commune_a, assignment_a):
    SupportActivityFactory(
        assignment=assignment_a,
        date=dt.date(2026, 10, 1),
        title="Tặng 200 bóng đèn LED",
        amount=12_000_000,
    )
    client, _user = as_role("leader")
    page = client.get(reverse("communes:commune_detail", args=[commune_a.pk])).content.decode()
    assert "Cơ quan giúp đỡ" in page
    assert "Tặng 200 bóng đèn LED" in page
    assert "12.000.000 đồng" in page
