# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Monthly report pages: the permission matrix of every write route, and what the pages show."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport
from sponsorships.services import monthly_reports as services
from sponsorships.views import monthly_reports as views
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    PERIOD,
    local,
    make_report,
    report_a,
    snapshot,
    submitted_report_a,
)

pytestmark = pytest.mark.django_db
LOGIN = "account_login"
OK = "ok"


def url(name, report=None):
    return reverse(f"sponsorships:{name}", args=[report.pk] if report else [])


def assert_outcome(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == OK:
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def assert_nothing_happened(report, before, callbacks):
    assert snapshot(report) == before
    assert mail.outbox == []
    assert callbacks == []
    assert Notification.objects.count() == 0


AGENCY_WRITES = [
    ("anonymous", LOGIN),
    ("no_role_user", 404),
    ("leader", 403),
    ("coordination_office", 403),
    ("other_commune_officer", 404),
    ("other_agency_staff", 404),
]


@pytest.mark.parametrize(
    ("role", "expected"), [*AGENCY_WRITES, ("commune_officer", OK), ("agency_staff", OK)]
)
def test_edit_draft_permission_matrix(
    as_role, report_a, role, expected, django_capture_on_commit_callbacks
):
    client, _user = as_role(role)
    before = snapshot(report_a)
    data = {"version": 1, "difficulties": "Thiếu vốn", "proposals": "", "next_month_plan": ""}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("monthly_report_update", report_a), data)
    assert_outcome(response, expected)
    if expected == OK:
        assert MonthlyReport.objects.get(pk=report_a.pk).difficulties == "Thiếu vốn"
    else:
        assert_nothing_happened(report_a, before, callbacks)


@pytest.mark.parametrize(
    ("role", "expected"), [*AGENCY_WRITES, ("commune_officer", 403), ("agency_staff", OK)]
)
def test_submit_permission_matrix(
    as_role, report_a, role, expected, django_capture_on_commit_callbacks
):
    client, _user = as_role(role)
    before = snapshot(report_a)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("monthly_report_submit", report_a), {"confirm": "yes"})
    assert_outcome(response, expected)
    if expected == OK:
        assert MonthlyReport.objects.get(pk=report_a.pk).status == "submitted"
    else:
        assert_nothing_happened(report_a, before, callbacks)


REVIEW = [
    ("anonymous", LOGIN),
    ("no_role_user", 404),
    ("leader", 403),
    ("commune_officer", 403),
    ("agency_staff", 403),
    ("other_commune_officer", 404),
    ("other_agency_staff", 404),
    ("coordination_office", OK),
]


@pytest.mark.parametrize(("role", "expected"), REVIEW)
@pytest.mark.parametrize(
    ("route", "data", "status"),
    [
        ("monthly_report_accept", {}, "accepted"),
        ("monthly_report_return", {"reason": "Thiếu số liệu"}, "returned"),
    ],
)
def test_review_permission_matrix(
    as_role,
    submitted_report_a,
    role,
    expected,
    route,
    data,
    status,
    django_capture_on_commit_callbacks,
):
    client, _user = as_role(role)
    before = snapshot(submitted_report_a)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url(route, submitted_report_a), data)
    assert_outcome(response, expected)
    if expected == OK:
        assert MonthlyReport.objects.get(pk=submitted_report_a.pk).status == status
    else:
        assert_nothing_happened(submitted_report_a, before, callbacks)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("no_role_user", 403),
        ("leader", 403),
        ("commune_officer", 403),
        ("agency_staff", 403),
        ("coordination_office", OK),
    ],
)
def test_remind_now_permission_matrix(
    as_role, report_a, agency_staff, role, expected, django_capture_on_commit_callbacks
):
    client, _user = as_role(role)
    before = snapshot(report_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url("monthly_report_remind"), {"period": "2026-11"})
    assert_outcome(response, expected)
    told = [str(m) for m in get_messages(response.wsgi_request)]
    if expected == OK:
        assert len(mail.outbox) == 1
        assert told == [views.REMIND_MESSAGE % {"count": 1}]
    else:
        assert_nothing_happened(report_a, before, callbacks)
        assert told == []  # the counts are the office's alone


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("no_role_user", 403),
        ("leader", 200),
        ("commune_officer", 403),
        ("agency_staff", 403),
        ("coordination_office", 200),
    ],
)
def test_completeness_page_is_for_the_office_and_leaders(as_role, report_a, role, expected):
    client, _user = as_role(role)
    assert_outcome(client.get(url("monthly_report_completeness"), {"period": "2026-11"}), expected)


def test_returning_without_a_reason_shows_the_message_and_changes_nothing(
    as_role, submitted_report_a
):
    client, _office = as_role("coordination_office")
    before = snapshot(submitted_report_a)
    response = client.post(url("monthly_report_return", submitted_report_a), {"reason": "  "})
    assert response.status_code == 400
    assert "Vui lòng nêu lý do trả lại báo cáo." in response.content.decode()
    assert snapshot(submitted_report_a) == before


def test_editing_a_submitted_report_is_refused_with_a_message(as_role, submitted_report_a):
    client, _staff = as_role("agency_staff")
    before = snapshot(submitted_report_a)
    data = {
        "version": submitted_report_a.version,
        "difficulties": "x",
        "proposals": "",
        "next_month_plan": "",
    }
    response = client.post(url("monthly_report_update", submitted_report_a), data)
    assert response.status_code == 400
    assert "không thể sửa" in response.content.decode()
    assert snapshot(submitted_report_a) == before
    response = client.get(url("monthly_report_update", submitted_report_a), follow=True)
    assert "không thể sửa" in response.content.decode()


def test_submitting_twice_says_why(as_role, submitted_report_a):
    client, _staff = as_role("agency_staff")
    response = client.post(
        url("monthly_report_submit", submitted_report_a), {"confirm": "yes"}, follow=True
    )
    assert "không thể sửa hay gửi lại" in response.content.decode()


def test_the_agency_sees_why_its_report_was_returned(
    as_role, submitted_report_a, coordination_office
):
    reason = "Chưa có số liệu tiêu chí 7"
    services.monthly_report_return(
        report=submitted_report_a, actor=coordination_office, reason=reason
    )
    client, _staff = as_role("agency_staff")
    page = client.get(url("monthly_report_detail", submitted_report_a)).content.decode()
    assert reason in page
    assert "Gửi lại báo cáo" in page


def test_the_edit_form_saves_progress_per_criterion(as_role, report_a):
    from tests.criteria.factories import CriterionFactory

    criterion = CriterionFactory(number=7)
    report_a.assignment.focus_criteria.set([criterion])
    client, _staff = as_role("agency_staff")
    assert (
        f"progress_{criterion.pk}"
        in client.get(url("monthly_report_update", report_a)).content.decode()
    )
    data = {
        "version": 1,
        "difficulties": "",
        "proposals": "",
        "next_month_plan": "",
        f"progress_{criterion.pk}": "Đang nâng cấp chợ",
    }
    client.post(url("monthly_report_update", report_a), data)
    assert report_a.criteria_progress.get(criterion=criterion).progress == "Đang nâng cấp chợ"


def test_a_stale_edit_shows_the_conflict_and_keeps_the_other_edit(
    as_role, report_a, commune_officer
):
    services.monthly_report_update(
        report=report_a,
        actor=commune_officer,
        version=1,
        difficulties="Của xã",
        proposals="",
        next_month_plan="",
    )
    client, _staff = as_role("agency_staff")
    data = {"version": 1, "difficulties": "Của sở", "proposals": "", "next_month_plan": ""}
    response = client.post(url("monthly_report_update", report_a), data)
    assert response.status_code == 400
    assert "người khác cập nhật" in response.content.decode()
    assert MonthlyReport.objects.get(pk=report_a.pk).difficulties == "Của xã"


def test_list_is_scoped_and_filtered(as_role, report_a, assignment_b):
    make_report(assignment_b)
    client, _staff = as_role("agency_staff")
    response = client.get(url("monthly_report_list"), {"period": "2026-11"})
    assert [r.pk for r in response.context["object_list"]] == [report_a.pk]
    assert client.get(url("monthly_report_list"), {"period": "2026-13"}).status_code == 200


def _reports(count):
    for _ in range(count):
        make_report(AssignmentFactory())


@pytest.mark.parametrize("name", ["monthly_report_list", "monthly_report_completeness"])
def test_list_pages_run_the_same_number_of_queries_for_one_and_many_reports(
    as_role, name, django_assert_max_num_queries
):
    client, _office = as_role("coordination_office")
    _reports(1)
    with django_assert_max_num_queries(20) as one:
        assert client.get(url(name), {"period": "2026-11"}).status_code == 200
    _reports(6)
    with django_assert_max_num_queries(20) as many:
        assert client.get(url(name), {"period": "2026-11"}).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


def test_detail_page_query_count_does_not_grow_with_events(
    as_role, report_a, coordination_office, agency_staff, django_assert_max_num_queries
):
    client, _office = as_role("coordination_office")
    detail = url("monthly_report_detail", report_a)
    with django_assert_max_num_queries(25) as before:
        client.get(detail)
    for _ in range(3):
        services.monthly_report_submit(report=report_a, actor=agency_staff)
        services.monthly_report_return(report=report_a, actor=coordination_office, reason="Sửa lại")
    with django_assert_max_num_queries(25) as after:
        client.get(detail)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_completeness_counts_on_time_late_and_missing_by_agency_and_district(as_role, report_a):
    make_report(AssignmentFactory(), status="submitted", is_late=True)
    make_report(AssignmentFactory(), status="accepted", is_late=False)
    make_report(AssignmentFactory(), status="returned")
    client, _office = as_role("coordination_office")
    response = client.get(url("monthly_report_completeness"), {"period": "2026-11"})
    totals = response.context["totals"]
    assert (totals.expected, totals.on_time, totals.late, totals.missing, totals.returned) == (
        4,
        1,
        1,
        2,
        1,
    )
    assert sum(row.expected for row in response.context["by_agency"]) == 4
    assert sum(row.missing for row in response.context["by_district"]) == 2
    trend = response.context["trend"]
    assert (len(trend), trend[-1].key, trend[-1].expected) == (12, PERIOD, 4)
    assert {m.pk for m in response.context["missing"]} == {report_a.pk} | set(
        MonthlyReport.objects.filter(status="returned").values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("role", "shown"),
    [("coordination_office", True), ("leader", True), ("agency_staff", False)],
)
def test_the_completeness_link_is_in_the_nav_for_the_office_and_leaders(as_role, role, shown):
    client, _user = as_role(role)
    page = client.get(url("monthly_report_list")).content.decode()
    assert url("monthly_report_list") in page
    assert (url("monthly_report_completeness") in page) is shown


def test_the_completeness_month_picker_shows_the_month_shown(as_role):
    client, _user = as_role("coordination_office")

    with time_machine.travel(dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC), tick=False):
        response = client.get(url("monthly_report_completeness"))

    assert response.context["period"] == PERIOD
    assert 'name="period" value="11/2026"' in response.content.decode()


@pytest.mark.parametrize(("role", "offered"), [("coordination_office", True), ("leader", False)])
def test_only_the_office_is_offered_remind_now(as_role, report_a, role, offered):
    client, _user = as_role(role)

    page = client.get(url("monthly_report_completeness"), {"period": "2026-11"}).content.decode()

    assert report_a.assignment.commune.name in page
    assert (url("monthly_report_remind") in page) is offered


@pytest.mark.django_db
def test_the_list_says_the_configured_due_day(client, leader, settings):
    settings.MONTHLY_REPORT_DUE_DAY = 15
    client.force_login(leader)

    response = client.get(reverse("sponsorships:monthly_report_list"))

    assert "hạn nộp vào ngày 15 hằng tháng" in response.content.decode()


@pytest.mark.django_db
def test_completeness_pages_the_missing_reports_keeping_the_period(
    client, coordination_office, monkeypatch
):
    from tests.sponsorships.factories import MonthlyReportFactory

    monkeypatch.setattr(views, "MISSING_SHOWN", 2)
    reports = [MonthlyReportFactory(period=dt.date(2024, 6, 1)) for _ in range(3)]
    client.force_login(coordination_office)
    page_url = reverse("sponsorships:monthly_report_completeness")

    first = client.get(page_url, {"period": "2024-06"})
    second = client.get(page_url, {"period": "2024-06", "missing_page": "2"})

    assert len(first.context["missing"]) == 2
    assert "?period=2024-06&amp;missing_page=2#missing-heading" in first.content.decode()
    shown = [r.pk for r in first.context["missing"]] + [r.pk for r in second.context["missing"]]
    assert sorted(shown) == sorted(r.pk for r in reports)


@pytest.mark.django_db
def test_completeness_pages_each_grouping_on_its_own(client, coordination_office, monkeypatch):
    from tests.sponsorships.factories import MonthlyReportFactory

    monkeypatch.setattr(views, "GROUPS_SHOWN", 2)
    for _ in range(3):
        MonthlyReportFactory(period=dt.date(2024, 6, 1))
    client.force_login(coordination_office)
    page_url = reverse("sponsorships:monthly_report_completeness")

    response = client.get(page_url, {"period": "2024-06", "agency_page": "2"})

    assert len(response.context["by_agency"].object_list) == 1
    assert len(response.context["by_district"].object_list) <= 2
    assert "agency_page=2&amp;district_page=2#by-district-heading" in response.content.decode()


@pytest.mark.django_db
def test_the_list_tags_unsubmitted_reports_past_their_due_moment(client, coordination_office):
    from tests.sponsorships.factories import MonthlyReportFactory

    october_due = dt.datetime(2026, 10, 20, 16, 59, 59, tzinfo=dt.UTC)
    november_due = dt.datetime(2026, 11, 20, 16, 59, 59, tzinfo=dt.UTC)
    overdue = MonthlyReportFactory(period=dt.date(2026, 10, 1), due_at=october_due)
    not_yet = MonthlyReportFactory(period=dt.date(2026, 11, 1), due_at=november_due)
    submitted = MonthlyReportFactory(
        period=dt.date(2026, 9, 1), due_at=october_due, status=MonthlyReport.Status.SUBMITTED
    )
    client.force_login(coordination_office)

    with time_machine.travel(dt.datetime(2026, 11, 5, 3, 0, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("sponsorships:monthly_report_list"))

        assert overdue.is_overdue
        assert not not_yet.is_overdue
        assert not submitted.is_overdue
    assert response.content.decode().count("tag-overdue") == 1
