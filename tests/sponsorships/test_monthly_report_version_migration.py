# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Migration 0007 freezes the reports sent before versions existed as their version 1."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sponsorships.models import MonthlyReportVersion
from sponsorships.report_content import read_content
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import local, make_report

BEFORE = ("sponsorships", "0006_monthly_report_versions")
AFTER = ("sponsorships", "0007_monthly_report_versions_backfill")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    if target == AFTER:  # and every later migration: the database is left fully migrated
        target = executor.loader.graph.leaf_nodes("sponsorships")[0]
    executor.migrate([target])


def sent_report(agency, code, status, submitter, sent_at):
    assignment = AssignmentFactory(agency=agency, commune__code=code)
    sent = status != "draft"
    return make_report(
        assignment,
        status=status,
        submitted_at=sent_at if sent else None,
        submitted_by=submitter if sent else None,
        is_late=status == "returned",
        summaries=False,  # no report counts yet: migration 0013 fills them
    )


@pytest.mark.django_db(transaction=True)
def test_reports_sent_before_versions_are_frozen_as_version_1(agency_staff):
    # given: the database before the backfill, with a report in every state
    migrate(BEFORE)
    sent_at = local(2026, 11, 19, 10)
    try:
        reports = {
            status: sent_report(agency_staff.agency, f"7000{n}", status, agency_staff, sent_at)
            for n, status in enumerate(["draft", "submitted", "accepted", "returned"])
        }
        shown = SupportActivityFactory(  # no summary tables yet: migration 0010 fills them
            assignment=reports["submitted"].assignment,
            date=dt.date(2026, 11, 5),
            amount=700,
            summaries=False,
        )
    finally:
        # when (and whatever happens, the database is left fully migrated)
        migrate(AFTER)
    # then
    versions = {v.report.status: v for v in MonthlyReportVersion.objects.select_related("report")}
    assert set(versions) == {"submitted", "accepted", "returned"}
    assert {(v.number, v.submitted_at, v.submitted_by_id) for v in versions.values()} == {
        (1, sent_at, agency_staff.pk)
    }
    assert versions["returned"].is_late is True
    content = read_content(versions["submitted"].content)
    assert [(a.id, a.amount) for a in content.activities] == [(shown.pk, 700)]
    assert content.totals.amount == 700
    # and running it again adds nothing
    migrate(BEFORE)
    migrate(AFTER)
    assert MonthlyReportVersion.objects.count() == 3
