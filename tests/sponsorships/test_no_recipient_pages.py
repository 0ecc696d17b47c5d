# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Open reports nobody can be reminded about: the one selector, and the flag it puts on the
agency page, the commune page and the completeness page; "remind now" says how many."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.selectors.report_recipients import monthly_reports_without_recipient
from sponsorships.services import reminders
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    PERIOD,
    make_report,
    report_a,
    report_b,
)

pytestmark = pytest.mark.django_db
TAG = "tag-no-recipient"
NOTE = "Văn phòng điều phối cần tạo tài khoản có thư điện tử"


def flagged(user, **narrow) -> set[int]:
    return {r.pk for r in monthly_reports_without_recipient(user=user, **narrow)}


def staff(agency, **fields):
    return UserFactory(role="agency_staff", agency=agency, **fields)


def officer(commune, **fields):
    return UserFactory(role="commune_officer", commune=commune, **fields)


ACCOUNTS = [
    ("nobody", lambda a: None, True),
    ("agency staff with an address", lambda a: staff(a.agency), False),
    ("commune officer with an address", lambda a: officer(a.commune), False),
    ("agency staff without an address", lambda a: staff(a.agency, email=""), True),
    ("inactive agency staff", lambda a: staff(a.agency, is_active=False), True),
    ("inactive commune officer", lambda a: officer(a.commune, is_active=False), True),
    ("staff of another agency", lambda a: staff(AssignmentFactory().agency), True),
    ("officer of another commune", lambda a: officer(AssignmentFactory().commune), True),
    ("the office", lambda a: UserFactory(role="coordination_office"), True),
]


@pytest.mark.parametrize(("_case", "make_account", "is_flagged"), ACCOUNTS)
def test_a_report_is_flagged_when_no_active_agency_side_account_has_an_address(
    leader, report_a, _case, make_account, is_flagged
):
    make_account(report_a.assignment)
    assert flagged(leader) == ({report_a.pk} if is_flagged else set())


@pytest.mark.parametrize(
    ("status", "is_flagged"),
    [("draft", True), ("returned", True), ("submitted", False), ("accepted", False)],
)
def test_only_open_reports_are_flagged(leader, report_a, status, is_flagged):
    MonthlyReport.objects.filter(pk=report_a.pk).update(status=status)
    assert flagged(leader) == ({report_a.pk} if is_flagged else set())


def test_the_selector_narrows_to_a_period_an_agency_or_a_commune(leader, report_a, report_b):
    october = make_report(report_a.assignment, period=PERIOD.replace(month=10))
    a = report_a.assignment
    assert flagged(leader, period=PERIOD) == {report_a.pk, report_b.pk}
    assert flagged(leader, agency_id=a.agency_id) == {report_a.pk, october.pk}
    assert flagged(leader, commune_id=report_b.assignment.commune_id) == {report_b.pk}
    assert flagged(leader, agency_id=a.agency_id, period=PERIOD) == {report_a.pk}


def test_the_selector_keeps_to_the_users_scope(report_a, report_b, agency_a, agency_b):
    own = staff(agency_a, email="")  # sees its agency's reports, and cannot receive reminders
    other = staff(agency_b, email="")
    assert flagged(own) == {report_a.pk}
    assert flagged(other) == {report_b.pk}
    assert flagged(UserFactory(role="")) == set()


def test_the_selector_runs_one_query_whatever_the_number_of_reports(
    leader, django_assert_num_queries
):
    make_report(AssignmentFactory())
    with django_assert_num_queries(1):
        assert len(list(monthly_reports_without_recipient(user=leader))) == 1
    for _ in range(6):
        make_report(AssignmentFactory())
    with django_assert_num_queries(1):
        assert len(list(monthly_reports_without_recipient(user=leader))) == 7


# --- the pages ------------------------------------------------------------------------------


def test_the_agency_page_flags_the_assignment_nobody_can_be_reminded_about(
    as_role, report_a, agency_a
):
    client, _leader = as_role("leader")
    page = client.get(agency_a.get_absolute_url()).content.decode()
    assert page.count(TAG) == 1
    assert NOTE in page
    assert reverse("sponsorships:monthly_report_detail", args=[report_a.pk]) in page


def test_the_agency_page_has_no_flag_once_someone_can_receive_reminders(
    as_role, report_a, agency_a
):
    staff(agency_a)
    client, _leader = as_role("leader")
    page = client.get(agency_a.get_absolute_url()).content.decode()
    assert TAG not in page
    assert NOTE not in page


def test_the_agency_page_query_count_does_not_grow_with_flagged_assignments(
    as_role, agency_a, django_assert_max_num_queries
):
    client, _leader = as_role("leader")
    make_report(AssignmentFactory(agency=agency_a))
    with django_assert_max_num_queries(20) as one:
        client.get(agency_a.get_absolute_url())
    for _ in range(5):
        make_report(AssignmentFactory(agency=agency_a))
    with django_assert_max_num_queries(20) as many:
        page = client.get(agency_a.get_absolute_url()).content.decode()
    assert page.count(TAG) == 6
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_commune_page_flags_the_sponsor_nobody_can_be_reminded_about(
    as_role, report_a, commune_a, assignment_b
):
    AssignmentFactory(commune=commune_a)  # a second sponsor, with no open report
    client, _leader = as_role("leader")
    page = client.get(reverse("communes:commune_detail", args=[commune_a.pk])).content.decode()
    assert page.count(TAG) == 1
    assert NOTE in page


def test_the_commune_page_has_no_flag_when_the_commune_officer_can_receive_reminders(
    as_role, report_a, commune_a, commune_officer
):
    client, _officer = as_role("commune_officer")
    page = client.get(reverse("communes:commune_detail", args=[commune_a.pk])).content.decode()
    assert TAG not in page


def test_the_completeness_page_counts_and_lists_the_reports_nobody_can_be_reminded_about(
    as_role, report_a, report_b, other_agency_staff
):
    make_report(AssignmentFactory(), status="submitted")  # submitted: not flagged
    client, _office = as_role("coordination_office")
    response = client.get(
        reverse("sponsorships:monthly_report_completeness"), {"period": "2026-11"}
    )
    assert response.context["no_recipient_count"] == 1
    assert [r.pk for r in response.context["no_recipient"]] == [report_a.pk]
    page = response.content.decode()
    assert "Báo cáo không có người nhận nhắc nhở" in page
    assert page.count(TAG) == 1  # report A's row among the missing ones
    assert report_a.assignment.agency.get_absolute_url() in page


def test_the_completeness_page_says_when_everyone_can_be_reminded(as_role, report_a):
    staff(report_a.assignment.agency)
    client, _leader = as_role("leader")
    response = client.get(
        reverse("sponsorships:monthly_report_completeness"), {"period": "2026-11"}
    )
    assert response.context["no_recipient_count"] == 0
    assert "đều có người nhận nhắc nhở" in response.content.decode()


def test_a_reminder_to_nobody_is_not_shown_as_reminded(as_role, report_a, coordination_office):
    # given: the first reminder reached nobody, the second one the newly created account
    reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="before_due")
    staff(report_a.assignment.agency)
    reminders.monthly_report_reminder_send(report_id=report_a.pk, stage="due")
    client, _office = as_role("coordination_office")
    # when
    detail = client.get(reverse("sponsorships:monthly_report_detail", args=[report_a.pk]))
    completeness = client.get(
        reverse("sponsorships:monthly_report_completeness"), {"period": "2026-11"}
    )
    # then
    assert detail.context["report"].reminders_sent == 1
    assert "1 lần" in detail.content.decode()
    assert [r.reminders_sent for r in completeness.context["missing"]] == [1]


def test_remind_now_says_how_many_were_reached_and_how_many_had_nobody(
    as_role, report_a, report_b, other_agency_staff, django_capture_on_commit_callbacks
):
    client, _office = as_role("coordination_office")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("sponsorships:monthly_report_remind"), {"period": "2026-11"})
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "warning"
    assert str(message).startswith("Đã nhắc 1 báo cáo; 1 báo cáo không có người nhận")
    assert len(queued) == 1  # counted at the click, before any send has run
    assert ReminderLog.objects.filter(stage="manual", outcome="pending").count() == 2
