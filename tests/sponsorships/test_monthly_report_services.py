# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Opening, editing, submitting and reviewing monthly reports (services, with the database)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from criteria.models import Assessment, CriterionResult
from ntm_portal.models import Notification
from sponsorships.models import (
    MonthlyReport,
    MonthlyReportCriterion,
    MonthlyReportEvent,
    ReminderLog,
)
from sponsorships.selectors.monthly_reports import monthly_report_criteria_lines
from sponsorships.services import monthly_reports as services
from tests.criteria.factories import CriterionFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    DUE_AT,
    FIRST_REMINDER,
    PERIOD,
    local,
    make_report,
    report_a,
    snapshot,
    submitted_report_a,
)

Status = MonthlyReport.Status
pytestmark = pytest.mark.django_db


# --- opening ---------------------------------------------------------------------------------


def test_opening_creates_one_report_per_assignment_active_in_the_month():
    # given
    whole = AssignmentFactory(start_date=dt.date(2024, 1, 1))
    starts_last_day = AssignmentFactory(start_date=dt.date(2026, 11, 30))
    ends_first_day = AssignmentFactory(
        start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 11, 1)
    )
    AssignmentFactory(start_date=dt.date(2026, 12, 1))  # not yet
    AssignmentFactory(start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 10, 31))  # over
    # when
    created = services.monthly_reports_open(period=PERIOD)
    # then
    assert created == 3
    reports = MonthlyReport.objects.filter(period=PERIOD)
    assert {r.assignment_id for r in reports} == {whole.pk, starts_last_day.pk, ends_first_day.pk}
    assert {(r.due_at, r.next_reminder_at, r.status) for r in reports} == {
        (DUE_AT, FIRST_REMINDER, Status.DRAFT)
    }


def test_opening_again_is_harmless():
    AssignmentFactory(start_date=dt.date(2024, 1, 1))
    assert services.monthly_reports_open(period=PERIOD) == 1
    assert services.monthly_reports_open(period=PERIOD) == 0
    assert MonthlyReport.objects.count() == 1


def test_opening_december_is_due_on_the_20th_of_december():
    AssignmentFactory(start_date=dt.date(2024, 1, 1))
    services.monthly_reports_open(period=dt.date(2026, 12, 1))
    report = MonthlyReport.objects.get()
    assert report.due_at == local(2026, 12, 20, 23, 59, 59, 999999)


def test_opening_moves_a_weekend_due_day_to_monday_when_the_province_says_so(settings):
    settings.MONTHLY_REPORT_WEEKEND_RULE = "next_monday"
    AssignmentFactory(start_date=dt.date(2024, 1, 1))
    services.monthly_reports_open(period=dt.date(2026, 9, 1))  # 20/09/2026 is a Sunday
    assert MonthlyReport.objects.get().due_at.astimezone(
        local(2026, 1, 1).tzinfo
    ).date() == dt.date(2026, 9, 21)


def test_opening_adds_a_progress_row_per_focus_criterion(assignment_a):
    focus = [CriterionFactory(number=7), CriterionFactory(number=4)]
    assignment_a.focus_criteria.set(focus)
    services.monthly_reports_open(period=PERIOD)
    services.monthly_reports_open(period=PERIOD)
    rows = MonthlyReportCriterion.objects.filter(report__assignment=assignment_a)
    assert sorted(rows.values_list("criterion_id", flat=True)) == sorted(c.pk for c in focus)


# --- criteria lines ---------------------------------------------------------------------------


def _assessment(commune, criteria_set, period, results, user):
    assessment = Assessment.objects.create(
        commune=commune,
        criteria_set=criteria_set,
        period=period,
        stage="self_assessed",
        entered_by=user,
        is_current=False,
    )
    CriterionResult.objects.bulk_create(
        CriterionResult(assessment=assessment, criterion=c, result=r, is_current=False)
        for c, r in results.items()
    )


def test_report_lists_focus_criteria_and_criteria_whose_status_changed_in_the_month(report_a):
    # given: criterion 7 is a focus; 4 became met in November; 9 stayed not met
    c4, c7, c9 = CriterionFactory(number=4), CriterionFactory(number=7), CriterionFactory(number=9)
    c4.criteria_set = c7.criteria_set = c9.criteria_set
    report_a.assignment.focus_criteria.set([c7])
    user = UserFactory()
    commune = report_a.assignment.commune
    before = {c4: "not_met", c7: "not_met", c9: "not_met"}
    _assessment(commune, c4.criteria_set, dt.date(2026, 10, 1), before, user)
    _assessment(commune, c4.criteria_set, dt.date(2026, 11, 1), {**before, c4: "met"}, user)
    # when
    lines = monthly_report_criteria_lines(report=MonthlyReport.objects.get(pk=report_a.pk))
    # then
    assert [
        (line.criterion.number, line.is_focus, line.has_changed, line.result_now) for line in lines
    ] == [
        (4, False, True, "met"),
        (7, True, False, "not_met"),
    ]


# --- editing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["agency_staff", "commune_officer"])
def test_agency_staff_and_commune_officer_save_the_draft(request, report_a, role):
    actor = request.getfixturevalue(role)
    criterion = CriterionFactory(number=7)
    report_a.assignment.focus_criteria.set([criterion])
    difficulties, plan, progress = "Thiếu vốn đối ứng", "Hoàn thành chợ xã", "Đã khởi công chợ"
    services.monthly_report_update(
        report=report_a,
        actor=actor,
        version=1,
        difficulties=difficulties,
        proposals="",
        next_month_plan=plan,
        criteria_progress={criterion.pk: progress},
    )
    report_a.refresh_from_db()
    assert (report_a.difficulties, report_a.next_month_plan, report_a.version) == (
        difficulties,
        plan,
        2,
    )
    assert report_a.criteria_progress.get().progress == progress


def test_saving_with_a_stale_version_is_refused_and_keeps_the_first_edit(
    report_a, agency_staff, commune_officer
):
    services.monthly_report_update(
        report=report_a,
        actor=agency_staff,
        version=1,
        difficulties="A",
        proposals="",
        next_month_plan="",
    )
    with pytest.raises(ValidationError) as error:
        services.monthly_report_update(
            report=report_a,
            actor=commune_officer,
            version=1,
            difficulties="B",
            proposals="",
            next_month_plan="",
        )
    assert "người khác cập nhật" in error.value.messages[0]
    report_a.refresh_from_db()
    assert (report_a.difficulties, report_a.version) == ("A", 2)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED])
def test_editing_a_submitted_or_accepted_report_is_refused_and_changes_nothing(
    report_a, agency_staff, status
):
    MonthlyReport.objects.filter(pk=report_a.pk).update(status=status)
    report_a.refresh_from_db()
    before = snapshot(report_a)
    with pytest.raises(ValidationError) as error:
        services.monthly_report_update(
            report=report_a,
            actor=agency_staff,
            version=report_a.version,
            difficulties="x",
            proposals="",
            next_month_plan="",
        )
    assert "không thể sửa" in error.value.messages[0]
    assert snapshot(report_a) == before


def test_progress_on_a_criterion_outside_the_report_is_refused(report_a, agency_staff):
    stranger = CriterionFactory(number=15)
    with pytest.raises(ValidationError) as error:
        services.monthly_report_update(
            report=report_a,
            actor=agency_staff,
            version=1,
            difficulties="",
            proposals="",
            next_month_plan="",
            criteria_progress={stranger.pk: "x"},
        )
    assert "criteria_progress" in error.value.message_dict


@pytest.mark.parametrize(
    "role", ["other_agency_staff", "coordination_office", "leader", "other_commune_officer"]
)
def test_others_cannot_edit_the_draft(request, report_a, role):
    actor = request.getfixturevalue(role)
    before = snapshot(report_a)
    with pytest.raises(PermissionDenied):
        services.monthly_report_update(
            report=report_a,
            actor=actor,
            version=1,
            difficulties="x",
            proposals="",
            next_month_plan="",
        )
    assert snapshot(report_a) == before


# --- submitting -------------------------------------------------------------------------------


@time_machine.travel(local(2026, 11, 20, 23, 59, 59), tick=False)
def test_submitting_at_2359_on_the_due_day_is_on_time(report_a, agency_staff, coordination_office):
    services.monthly_report_submit(report=report_a, actor=agency_staff)
    report_a.refresh_from_db()
    assert (report_a.status, report_a.is_late, report_a.submitted_by) == (
        Status.SUBMITTED,
        False,
        agency_staff,
    )
    assert report_a.next_reminder_at is None
    assert list(report_a.events.values_list("action", "actor")) == [("submitted", agency_staff.pk)]
    assert Notification.objects.filter(user=coordination_office).count() == 1


@time_machine.travel(local(2026, 11, 21, 0, 0, 0), tick=False)
def test_submitting_at_0000_the_day_after_is_late(report_a, agency_staff):
    services.monthly_report_submit(report=report_a, actor=agency_staff)
    report_a.refresh_from_db()
    assert report_a.is_late is True


def test_a_resubmission_keeps_the_lateness_of_the_first_submission(
    report_a, agency_staff, coordination_office
):
    services.monthly_report_submit(report=report_a, actor=agency_staff, now=local(2026, 11, 19, 9))
    services.monthly_report_return(
        report=report_a, actor=coordination_office, reason="Thiếu số liệu"
    )
    services.monthly_report_submit(report=report_a, actor=agency_staff, now=local(2026, 11, 28, 9))
    report_a.refresh_from_db()
    assert (report_a.status, report_a.is_late) == (Status.SUBMITTED, False)
    assert list(report_a.events.values_list("action", flat=True)) == [
        "submitted",
        "returned",
        "resubmitted",
    ]


@pytest.mark.parametrize(
    "role", ["commune_officer", "coordination_office", "other_agency_staff", "leader"]
)
def test_only_the_agency_staff_submit(request, report_a, role):
    before = snapshot(report_a)
    with pytest.raises(PermissionDenied):
        services.monthly_report_submit(report=report_a, actor=request.getfixturevalue(role))
    assert snapshot(report_a) == before


def test_submitting_twice_is_refused(submitted_report_a, agency_staff):
    before = snapshot(submitted_report_a)
    with pytest.raises(ValidationError):
        services.monthly_report_submit(report=submitted_report_a, actor=agency_staff)
    assert snapshot(submitted_report_a) == before


def test_submitting_freezes_the_status_of_each_criterion(report_a, agency_staff):
    criterion = CriterionFactory(number=7)
    report_a.assignment.focus_criteria.set([criterion])
    services.monthly_report_submit(report=report_a, actor=agency_staff)
    assert report_a.criteria_progress.get().result == "not_assessed"


# --- reviewing --------------------------------------------------------------------------------


def test_the_office_accepts_a_submitted_report(
    submitted_report_a, coordination_office, agency_staff
):
    services.monthly_report_accept(report=submitted_report_a, actor=coordination_office)
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == Status.ACCEPTED
    event = submitted_report_a.events.get()
    assert (event.action, event.actor) == (MonthlyReportEvent.Action.ACCEPTED, coordination_office)
    assert Notification.objects.filter(user=agency_staff).count() == 1


@time_machine.travel(local(2026, 11, 19, 10), tick=False)
def test_returning_records_the_reason_notifies_the_agency_and_resumes_reminders(
    submitted_report_a,
    coordination_office,
    agency_staff,
    commune_officer,
    django_capture_on_commit_callbacks,
):
    reason = "Chưa nêu tiến độ tiêu chí 7"
    with django_capture_on_commit_callbacks(execute=True):
        services.monthly_report_return(
            report=submitted_report_a, actor=coordination_office, reason=reason
        )
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == Status.RETURNED
    # a fresh schedule: due 5 days after the return (19/11), "before due" 3 days before that
    assert submitted_report_a.next_reminder_at == local(2026, 11, 21, 8)
    assert list(submitted_report_a.events.values_list("action", "reason", "actor")) == [
        ("returned", reason, coordination_office.pk)
    ]
    assert set(Notification.objects.filter(body=reason).values_list("user", flat=True)) == {
        agency_staff.pk,
        commune_officer.pk,
    }
    # and by e-mail, once, with the reason and the new date
    [email] = mail.outbox
    assert sorted(email.to) == sorted([agency_staff.email, commune_officer.email])
    assert "bị trả lại" in email.subject
    assert reason in email.body
    assert "24/11/2026" in email.body
    log = ReminderLog.objects.get(report=submitted_report_a)
    assert (log.stage, log.key, log.outcome) == ("returned", "r1", "sent")


@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_without_a_reason_is_refused_on_the_reason_field(
    submitted_report_a, coordination_office, reason
):
    before = snapshot(submitted_report_a)
    with pytest.raises(ValidationError) as error:
        services.monthly_report_return(
            report=submitted_report_a, actor=coordination_office, reason=reason
        )
    assert error.value.message_dict == {"reason": ["Vui lòng nêu lý do trả lại báo cáo."]}
    assert snapshot(submitted_report_a) == before


@pytest.mark.parametrize("role", ["agency_staff", "commune_officer", "leader"])
def test_only_the_office_reviews(request, submitted_report_a, role):
    actor = request.getfixturevalue(role)
    before = snapshot(submitted_report_a)
    with pytest.raises(PermissionDenied):
        services.monthly_report_accept(report=submitted_report_a, actor=actor)
    with pytest.raises(PermissionDenied):
        services.monthly_report_return(report=submitted_report_a, actor=actor, reason="x")
    assert snapshot(submitted_report_a) == before


def test_a_draft_cannot_be_reviewed(report_a, coordination_office):
    before = snapshot(report_a)
    with pytest.raises(ValidationError):
        services.monthly_report_accept(report=report_a, actor=coordination_office)
    assert snapshot(report_a) == before


def test_two_reviewers_at_once_one_wins(submitted_report_a, coordination_office):
    stale = MonthlyReport.objects.get(pk=submitted_report_a.pk)
    services.monthly_report_accept(report=submitted_report_a, actor=coordination_office)
    with pytest.raises(ValidationError):
        services.monthly_report_return(report=stale, actor=coordination_office, reason="Trả lại")
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == Status.ACCEPTED
    assert submitted_report_a.events.count() == 1
