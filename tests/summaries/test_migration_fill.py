"""The migrations' data steps fill the summary tables of an existing database with what the
services would have kept (run here on today's tables, emptied after writes)."""

import datetime as dt
import importlib
from decimal import Decimal

from django.apps import apps
from django.db import connection

from criteria.models import CriterionCount, MetCount, StandingChange
from criteria.services import assessment_create
from sponsorships.models import (
    ActivityTotal,
    ActivityYearTotal,
    SupportActivity,
)
from sponsorships.services.activities import activity_create
from tests.summaries.conftest import PERIODS, VALUES, snapshot

criteria_step = importlib.import_module("criteria.migrations.0007_summaries")
year_totals_step = importlib.import_module("sponsorships.migrations.0012_activity_year_totals")
nation_totals_step = importlib.import_module(
    "sponsorships.migrations.0013_activity_agency_month_nation_totals"
)


def test_the_data_steps_fill_what_the_services_keep(country, coordination_office):
    for index, commune in enumerate((0, 1, 2, 4, 0, 1)):
        assessment_create(
            commune=country.communes[commune],
            period=PERIODS[index % len(PERIODS)],
            stage=("self_assessed", "appraised")[index % 2],
            values=VALUES[index % len(VALUES)],
            entered_by=coordination_office,
        )
    for index, assignment in enumerate(country.assignments):
        activity_create(
            assignment=assignment,
            user=coordination_office,
            date=dt.date(2026, 1 + index, 3),
            kind=SupportActivity.Kind.GOODS,
            title="Hỗ trợ",
            amount=1_000_000 * index,
            labour_days=Decimal("1.5"),
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
        )
    kept = snapshot()
    summaries = (CriterionCount, MetCount, StandingChange, ActivityYearTotal, ActivityTotal)
    for model in summaries:
        model.objects.all().delete()

    with connection.cursor() as cursor:
        cursor.execute(criteria_step.COUNTS)
        cursor.execute(criteria_step.METS)
    criteria_step.fill_standings(apps, None)
    year_totals_step.fill(apps, None)
    nation_totals_step.fill(apps, None)

    assert snapshot() == kept
    assert len(kept) > 10
