# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""The report page and API show the version sent, every version, and what came later."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sponsorships.models import MonthlyReport
from sponsorships.services import monthly_reports as services
from tests.openapi import assert_documented
from tests.sponsorships.factories import SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import local, report_a  # noqa: F401

pytestmark = pytest.mark.django_db


def page(report, number=None):
    if number is None:
        return reverse("sponsorships:monthly_report_detail", args=[report.pk])
    return reverse("sponsorships:monthly_report_version", args=[report.pk, number])


def api_detail(report):
    return reverse("sponsorships-api:monthly-report-detail", args=[report.pk])


@pytest.fixture
def sent(report_a, agency_staff):
    """Report A sent on 19/11 with one activity of 7.000.000 đồng; a back-dated one on 25/11."""
    assignment = report_a.assignment
    with time_machine.travel(local(2026, 11, 15, 8), tick=False):
        kept = SupportActivityFactory(
            assignment=assignment, date=dt.date(2026, 11, 5), amount=7_000_000, title="Tặng xi"
        )
    with time_machine.travel(local(2026, 11, 19, 10), tick=False):
        services.monthly_report_submit(report=report_a, actor=agency_staff)
    with time_machine.travel(local(2026, 11, 25, 9), tick=False):
        late = SupportActivityFactory(
            assignment=assignment, date=dt.date(2026, 11, 3), amount=5_000_000, title="Ghi bù"
        )
    return report_a, kept, late


def test_the_page_shows_the_sent_version_and_lists_the_late_activity_apart(as_role, sent):
    report, kept, late = sent
    client, _office = as_role("coordination_office")
    html = client.get(page(report)).content.decode()
    sent_part, late_part = html.split("ghi nhận sau khi gửi báo cáo", 1)
    assert kept.title in sent_part
    assert "7.000.000 đồng" in sent_part
    assert late.title not in sent_part
    assert late.title in late_part
    assert "bản gửi lần 1" in html


def test_every_version_stays_readable(as_role, sent, coordination_office, agency_staff):
    report, _kept, _late = sent
    services.monthly_report_return(report=report, actor=coordination_office, reason="Sửa lại")
    report.refresh_from_db()
    services.monthly_report_update(
        report=report,
        actor=agency_staff,
        version=report.version,
        difficulties="Bản thứ hai",
        proposals="",
        next_month_plan="",
    )
    services.monthly_report_submit(report=report, actor=agency_staff)
    client, _office = as_role("coordination_office")
    assert "Bản thứ hai" in client.get(page(report)).content.decode()
    first = client.get(page(report, 1)).content.decode()
    assert "Bản thứ hai" not in first
    assert reverse("sponsorships:monthly_report_detail", args=[report.pk]) in first
    assert client.get(page(report, 3)).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("no_role_user", 404),
        ("other_agency_staff", 404),
        ("other_commune_officer", 404),
        ("leader", 200),
        ("coordination_office", 200),
        ("agency_staff", 200),
        ("commune_officer", 200),
    ],
)
def test_version_page_permission_matrix(as_role, sent, role, expected):
    report, _kept, _late = sent
    client, _user = as_role(role)
    assert client.get(page(report, 1)).status_code == expected


def test_the_review_forms_name_the_version_shown(as_role, sent):
    report, _kept, _late = sent
    client, _office = as_role("coordination_office")
    html = client.get(page(report)).content.decode()
    assert html.count('name="version_number" value="1"') == 2


def test_accepting_a_version_no_longer_the_latest_is_refused_on_the_page(
    as_role, sent, coordination_office, agency_staff
):
    report, _kept, _late = sent
    services.monthly_report_return(report=report, actor=coordination_office, reason="Sửa lại")
    services.monthly_report_submit(report=report, actor=agency_staff)
    client, _office = as_role("coordination_office")
    url = reverse("sponsorships:monthly_report_accept", args=[report.pk])
    client.post(url, {"version_number": "1"})
    assert MonthlyReport.objects.get(pk=report.pk).status == "submitted"


def test_detail_page_query_count_does_not_grow_with_versions_or_late_activities(
    as_role, sent, coordination_office, agency_staff, django_assert_max_num_queries
):
    report, _kept, _late = sent
    client, _office = as_role("coordination_office")
    with django_assert_max_num_queries(30) as before:
        client.get(page(report))
    for _ in range(3):
        services.monthly_report_return(report=report, actor=coordination_office, reason="Sửa")
        services.monthly_report_submit(report=report, actor=agency_staff)
        SupportActivityFactory(assignment=report.assignment, date=dt.date(2026, 11, 8))
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        SupportActivityFactory(assignment=report.assignment, date=dt.date(2026, 11, 9))
    with django_assert_max_num_queries(30) as after:
        client.get(page(report))
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_api_returns_the_sent_version_and_the_late_activity(api_as, sent):
    report, kept, late = sent
    api, _office = api_as("coordination_office")
    response = api.get(api_detail(report))
    body = response.json()
    assert body["shown_version"] == 1
    assert [(a["id"], a["amount"]) for a in body["activities"]] == [(kept.pk, kept.amount)]
    assert (body["totals"]["activities"], body["totals"]["amount"]) == (1, 7_000_000)
    assert [a["id"] for a in body["recorded_after_submission"]] == [late.pk]
    assert [v["number"] for v in body["versions"]] == [1]
    assert [(e["action"], e["version_number"]) for e in body["events"]] == [("submitted", 1)]
    assert_documented(response, "/api/v1/monthly-reports/{id}/")


def test_the_api_refuses_to_accept_a_version_no_longer_the_latest(
    api_as, sent, coordination_office, agency_staff
):
    report, _kept, _late = sent
    services.monthly_report_return(report=report, actor=coordination_office, reason="Sửa lại")
    services.monthly_report_submit(report=report, actor=agency_staff)
    api, _office = api_as("coordination_office")
    url = reverse("sponsorships-api:monthly-report-accept", args=[report.pk])
    stale = api.post(url, {"version_number": 1}, format="json")
    assert stale.status_code == 400
    assert MonthlyReport.objects.get(pk=report.pk).status == "submitted"
    assert api.post(url, {"version_number": 2}, format="json").status_code == 200
    assert MonthlyReport.objects.get(pk=report.pk).status == "accepted"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("no_role_user", 403),
        ("other_agency_staff", 404),
        ("other_commune_officer", 404),
        ("leader", 200),
        ("coordination_office", 200),
        ("agency_staff", 200),
        ("commune_officer", 200),
    ],
)
def test_each_version_is_readable_on_the_api(api_as, sent, role, expected):
    report, kept, _late = sent
    api, _user = api_as(role)
    url = reverse("sponsorships-api:monthly-report-version", args=[report.pk, 1])
    response = api.get(url)
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["shown_version"] == 1
        assert [a["id"] for a in response.json()["activities"]] == [kept.pk]
        assert_documented(response, "/api/v1/monthly-reports/{id}/versions/{number}/")


def test_a_version_that_does_not_exist_is_a_404_on_the_api(api_as, sent):
    report, _kept, _late = sent
    api, _office = api_as("coordination_office")
    url = reverse("sponsorships-api:monthly-report-version", args=[report.pk, 2])
    assert api.get(url).status_code == 404


def test_an_older_versions_page_reviews_that_version(
    as_role, sent, coordination_office, agency_staff
):
    # accepting from the page of version 1 while version 2 is under review is refused
    report, _kept, _late = sent
    services.monthly_report_return(report=report, actor=coordination_office, reason="Sửa lại")
    services.monthly_report_submit(report=report, actor=agency_staff)
    client, _office = as_role("coordination_office")
    html = client.get(page(report, 1)).content.decode()
    assert html.count('name="version_number" value="1"') == 2
