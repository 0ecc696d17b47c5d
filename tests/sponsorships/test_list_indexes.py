"""Every list's default order is read from an index, not sorted (PostgreSQL plans).

The planner prefers a sequential or bitmap scan on a handful of rows, so both are switched off:
what is checked is that an index gives the order (no Sort node), which is what keeps the first
page and each keyset page flat at a million rows. bench/README.md has the plans at size."""

import pytest
from django.db import connection

from communes.models import Commune
from criteria.models import Assessment
from sponsorships.models import Assignment, MonthlyReport, SupportActivity
from sponsorships.selectors.activities import activities_after

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("needs_postgres")]

LISTS = [
    ("sp_activity_list_order", SupportActivity.objects.order_by("-date", "-id")),
    (
        "sp_activity_list_order",
        activities_after(queryset=SupportActivity.objects.all(), after="2026-03-05.100"),
    ),
    ("sp_assignment_list_order", Assignment.objects.order_by("-start_date", "id")),
    ("sp_report_list_order", MonthlyReport.objects.order_by("-period", "id")),
    ("communes_list_order", Commune.objects.order_by("search_name", "name", "code")),
    ("cr_assessment_list_order", Assessment.objects.order_by("-period", "-created_at", "-id")),
]


@pytest.mark.parametrize(("index", "queryset"), LISTS, ids=[i for i, _ in LISTS])
def test_default_order_reads_an_index(index, queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        # Once the table has a few pages (rows other tests rolled back), the date index and an
        # incremental sort of each day's rows looks as cheap: what is checked is the full order.
        cursor.execute("SET LOCAL enable_incremental_sort = off")
    plan = queryset[:25].explain()
    assert index in plan, plan
    assert "Sort" not in plan, plan
