"""Contribution summaries: after any sequence of writes through the services they equal a
rebuild from scratch, and the totals the list shows for any filter equal sums over the raw
rows (hypothesis)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import Contribution, ContributionCommunePeriod, ContributionTotal
from campaigns.selectors.contributions import contribution_totals
from campaigns.services.contributions import (
    contribution_create,
    contribution_delete,
    contribution_update,
)
from tests.campaigns.factories import CampaignFactory
from tests.summaries.test_concurrent_writes import together

QUARTERS = [dt.date(2025, month, 1) for month in (1, 4, 7, 10)] + [dt.date(2026, 1, 1)]
TABLES = {
    ContributionTotal: (
        ("district_key", "period_start", "period_end"),
        ("records", "land_m2", "labour_days", "money", "goods_value", "first_communes"),
    ),
    ContributionCommunePeriod: (("commune_id", "period_start", "period_end"), ("records",)),
}
HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

period = st.tuples(st.integers(0, len(QUARTERS) - 1), st.integers(0, 2))  # start, extra quarters
amounts = st.tuples(
    st.sampled_from([Decimal(0), Decimal("12.5"), Decimal(300)]),
    st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(7)]),
    st.integers(0, 3).map(lambda n: n * 1_000_000),
    st.integers(0, 2).map(lambda n: n * 500_000),
)
create = st.tuples(st.just("create"), st.integers(0, 4), period, amounts)
update = st.tuples(st.just("update"), st.integers(0, 20), st.integers(0, 4), period, amounts)
delete = st.tuples(st.just("delete"), st.integers(0, 20))
WRITES = st.lists(st.one_of(create, update, delete), min_size=1, max_size=12)


def fields(country, commune, span, values) -> dict:
    start_index, extra = span
    start = QUARTERS[start_index]
    end_month = start.month + 3 * (extra + 1)
    end = dt.date(start.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    land, labour, money, goods = values
    return {
        "commune": country.communes[commune],
        "period_start": start,
        "period_end": end - dt.timedelta(days=1),
        "land_m2": land,
        "labour_days": labour,
        "money": money,
        "goods_value": goods,
    }


def apply(write, country) -> None:
    kind, *args = write
    if kind == "create":
        contribution_create(user=None, **fields(country, *args))
        return
    rows = list(Contribution.objects.order_by("pk"))
    if not rows:
        return
    row = rows[args[0] % len(rows)]
    if kind == "update":
        contribution_update(contribution=row, user=None, **fields(country, *args[1:]))
    else:
        contribution_delete(contribution=row, user=None)


def snapshot() -> dict:
    rows = {}
    for model, (keys, values) in TABLES.items():
        for row in model.objects.values_list(*keys, *values):
            if any(row[len(keys) :]):
                rows[(model.__name__, row[: len(keys)])] = tuple(row[len(keys) :])
    return rows


@HYPOTHESIS
@given(writes=WRITES)
def test_contribution_summaries_kept_on_write_equal_a_rebuild(country, writes):
    with transaction.atomic():  # a savepoint per example, rolled back at its end
        for write in writes:
            apply(write, country)
        kept = snapshot()
        call_command("rebuild_summaries", stdout=io.StringIO())
        rebuilt = snapshot()
        transaction.set_rollback(True)

    assert kept == rebuilt


def oracle(filters: dict) -> tuple:
    """The totals worked out in Python from every contribution."""
    rows = []
    for row in Contribution.objects.select_related("commune"):
        campaign, year = filters.get("campaign"), filters.get("year")
        if filters.get("commune") and row.commune != filters["commune"]:
            continue
        if filters.get("district") and row.commune.district_id != filters["district"].pk:
            continue
        if campaign and not (campaign.start_date <= row.period_start <= row.period_end):
            continue
        if campaign and row.period_end > campaign.end_date:
            continue
        if year and not (row.period_start.year <= year <= row.period_end.year):
            continue
        rows.append(row)
    return (
        len(rows),
        len({row.commune_id for row in rows}),
        sum((row.land_m2 for row in rows), Decimal(0)),
        sum((row.labour_days for row in rows), Decimal(0)),
        sum(row.money for row in rows),
        sum(row.goods_value for row in rows),
    )


FILTERS = st.fixed_dictionaries(
    {
        "commune": st.one_of(st.none(), st.integers(0, 4)),
        "district": st.booleans(),
        "campaign": st.booleans(),
        "year": st.one_of(st.none(), st.sampled_from([2025, 2026])),
    }
)


@HYPOTHESIS
@given(writes=WRITES, chosen=FILTERS)
def test_totals_for_any_filter_equal_sums_over_the_rows(
    country, coordination_office, writes, chosen
):
    campaign = CampaignFactory(start_date=dt.date(2025, 4, 1), end_date=dt.date(2025, 12, 31))
    filters = {
        "commune": None if chosen["commune"] is None else country.communes[chosen["commune"]],
        "district": country.communes[0].district if chosen["district"] else None,
        "campaign": campaign if chosen["campaign"] else None,
        "year": chosen["year"],
    }
    with transaction.atomic():
        for write in writes:
            apply(write, country)
        totals = contribution_totals(user=coordination_office, filters=filters)
        expected = oracle(filters)
        transaction.set_rollback(True)

    found = (
        totals.records,
        totals.communes,
        totals.land_m2,
        totals.labour_days,
        totals.money,
        totals.goods_value,
    )
    assert found == expected


def test_a_commune_counts_in_a_campaign_whatever_its_earlier_contributions(
    country, coordination_office
):
    """Its earliest period (January, before the campaign) is not the campaign's."""
    campaign = CampaignFactory(start_date=dt.date(2025, 4, 1), end_date=dt.date(2025, 12, 31))
    apply(("create", 0, (0, 0), (Decimal(1), Decimal(0), 0, 0)), country)
    apply(("create", 0, (2, 0), (Decimal(2), Decimal(0), 0, 0)), country)

    totals = contribution_totals(user=coordination_office, filters={"campaign": campaign})
    everything = contribution_totals(user=coordination_office, filters={})

    assert (totals.records, totals.communes, totals.land_m2) == (1, 1, Decimal(2))
    assert (everything.records, everything.communes, everything.land_m2) == (2, 1, Decimal(3))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_contributions_of_one_commune_saved_at_once_count_it_once(
    needs_postgres, country
):
    """Each write reads the commune's earliest period: the commune's row lock makes the second
    read the first's."""
    commune = country.communes[0]

    def record(start):
        return lambda: contribution_create(
            user=None, commune=commune, period_start=start, period_end=start, money=1
        )

    assert together(record(dt.date(2025, 5, 1)), record(dt.date(2025, 2, 1))) == []

    kept = snapshot()
    call_command("rebuild_summaries", stdout=io.StringIO())
    assert kept == snapshot()
    assert sum(ContributionTotal.objects.values_list("first_communes", flat=True)) == 1
