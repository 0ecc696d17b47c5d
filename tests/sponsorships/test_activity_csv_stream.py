"""The activities CSV streams in constant memory: read chunk by chunk, its peak of Python
allocations is about the same for 300 and 3,000 activities (one batch of rows is held)."""

import datetime as dt
import tracemalloc

import pytest
from django.urls import reverse

from sponsorships import exports
from sponsorships.models import SupportActivity
from tests.criteria.factories import CriterionFactory

pytestmark = pytest.mark.django_db


def add_activities(assignment, count, criterion):
    activities = SupportActivity.objects.bulk_create(
        SupportActivity(
            assignment=assignment,
            date=dt.date(2026, 1, 1) + dt.timedelta(days=n % 300),
            kind=SupportActivity.Kind.GOODS,
            title=f"Hoạt động {n} " + "x" * 200,
            amount=1_000_000,
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
        )
        for n in range(count)
    )
    SupportActivity.target_criteria.through.objects.bulk_create(
        SupportActivity.target_criteria.through(supportactivity=a, criterion=criterion)
        for a in activities
    )


def peak_while_streaming(client) -> tuple[int, int, bytes]:
    """(peak bytes allocated, chunks, the last line) reading the CSV one chunk at a time."""
    response = client.get(reverse("sponsorships:activity_export_csv"))
    assert response.streaming
    chunks, last = 0, b""
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            chunks += 1
            last = chunk
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, chunks, last


def test_csv_memory_is_flat_in_the_number_of_rows(client, leader, assignment_a, monkeypatch):
    monkeypatch.setattr(exports, "BATCH", 100)
    criterion = CriterionFactory(number=7)
    client.force_login(leader)
    add_activities(assignment_a, 300, criterion)
    small, chunks, last = peak_while_streaming(client)
    assert chunks == 301  # the header, then a line per activity
    assert b",7," in last  # each line still names its criteria
    add_activities(assignment_a, 2700, criterion)
    large, chunks, _last = peak_while_streaming(client)
    assert chunks == 3001
    assert large < small * 1.5, (small, large)
