# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""Reports stay what was sent (issue 8): each submission is frozen as a version; accept and
return act on the latest; what is recorded later is listed apart, never folded in."""

import copy
import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from criteria.models import Assessment
from sponsorships.models import MonthlyReport, MonthlyReportEvent, MonthlyReportVersion
from sponsorships.report_content import SCHEMA, read_content
from sponsorships.selectors.monthly_reports import monthly_report_get
from sponsorships.selectors.report_versions import monthly_report_view
from sponsorships.services import monthly_reports as services
from tests.criteria.factories import CriterionFactory
from tests.sponsorships.factories import SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    PERIOD,
    local,
    make_report,
    report_a,
    snapshot,
)

pytestmark = pytest.mark.django_db
Action = MonthlyReportEvent.Action
SENT_AT = local(2026, 11, 19, 10)
LATER = local(2026, 11, 25, 9)


def activity(assignment, day, amount, title="Hoạt động"):
    return SupportActivityFactory(assignment=assignment, date=day, amount=amount, title=title)


def submit(report, actor, at=SENT_AT):
    with time_machine.travel(at, tick=False):
        return services.monthly_report_submit(report=report, actor=actor)


def view(report, user, number=None):
    return monthly_report_view(
        user=user, report=monthly_report_get(user=user, pk=report.pk), number=number
    )


@pytest.fixture
def sent(report_a, agency_staff):
    """Report A with two November activities (5.000.000 + 2.000.000 đồng), submitted."""
    assignment = report_a.assignment
    with time_machine.travel(local(2026, 11, 15, 8), tick=False):
        first = activity(assignment, dt.date(2026, 11, 5), 5_000_000, "Tặng 100 bao xi măng")
        second = activity(assignment, dt.date(2026, 11, 12), 2_000_000, "Tập huấn trồng rừng")
        activity(assignment, dt.date(2026, 10, 30), 9_000_000)  # October: not in this report
    report_a.difficulties = "Thiếu vốn đối ứng"
    report_a.save()
    submit(report_a, agency_staff)
    return report_a, first, second


def test_submission_freezes_the_content_as_version_1(sent, agency_staff):
    report, first, second = sent
    version = MonthlyReportVersion.objects.get(report=report)
    content = read_content(version.content)
    expected = (1, SENT_AT, agency_staff)
    assert (version.number, version.submitted_at, version.submitted_by) == expected
    assert version.content["schema"] == SCHEMA
    assert [(a.id, a.title, a.amount) for a in content.activities] == [
        (first.pk, first.title, first.amount),
        (second.pk, second.title, second.amount),
    ]
    assert (content.totals.activities, content.totals.amount) == (2, 7_000_000)
    assert content.difficulties == "Thiếu vốn đối ứng"
    assert MonthlyReportEvent.objects.get(report=report).version_number == 1


def test_a_back_dated_or_changed_activity_does_not_alter_the_sent_version(
    sent, agency_staff, coordination_office
):
    # given: the report was sent with two activities totalling 7.000.000 đồng
    report, first, _second = sent
    frozen = copy.deepcopy(MonthlyReportVersion.objects.get(report=report).content)
    # when: a back-dated activity is recorded and an included one's amount changed
    with time_machine.travel(LATER, tick=False):
        late = activity(report.assignment, dt.date(2026, 11, 3), 5_000_000, "Ghi bù cổng chào")
        first.amount = 8_000_000
        first.save()
    # then: the version, its totals and the page's content are unchanged
    assert MonthlyReportVersion.objects.get(report=report).content == frozen
    shown = view(report, coordination_office)
    assert (shown.content.totals.activities, shown.content.totals.amount) == (2, 7_000_000)
    assert [a.amount for a in shown.content.activities] == [5_000_000, 2_000_000]
    # and both show as recorded after submission
    assert [a.pk for a in shown.recorded_after] == [late.pk, first.pk]


def test_an_accepted_report_keeps_its_totals_when_an_activity_is_back_dated_into_it(
    sent, coordination_office
):
    report, _first, _second = sent
    services.monthly_report_accept(report=report, actor=coordination_office)
    with time_machine.travel(LATER, tick=False):
        late = activity(report.assignment, dt.date(2026, 11, 20), 5_000_000)
    shown = view(report, coordination_office)
    assert (shown.content.totals.activities, shown.content.totals.amount) == (2, 7_000_000)
    assert [a.pk for a in shown.recorded_after] == [late.pk]
    accepted = MonthlyReportEvent.objects.get(report=report, action=Action.ACCEPTED)
    assert accepted.version_number == 1


def test_an_activity_moved_out_of_the_month_is_listed_as_changed(sent, coordination_office):
    report, first, _second = sent
    with time_machine.travel(LATER, tick=False):
        first.date = dt.date(2026, 12, 1)
        first.save()
    shown = view(report, coordination_office)
    assert shown.content.totals.activities == 2
    assert [a.pk for a in shown.recorded_after] == [first.pk]


def test_return_and_resubmission_make_version_2_and_keep_version_1(
    sent, agency_staff, coordination_office
):
    # given: version 1 returned, the text corrected and an activity added
    report, _first, _second = sent
    services.monthly_report_return(report=report, actor=coordination_office, reason="Thiếu ảnh")
    report.refresh_from_db()
    services.monthly_report_update(
        report=report,
        actor=agency_staff,
        version=report.version,
        difficulties="Đã bổ sung ảnh",
        proposals="",
        next_month_plan="",
    )
    with time_machine.travel(LATER, tick=False):
        added = activity(report.assignment, dt.date(2026, 11, 20), 1_000_000)
    # when
    submit(report, agency_staff, at=local(2026, 11, 26, 8))
    services.monthly_report_accept(report=report, actor=coordination_office)
    # then
    v1, v2 = MonthlyReportVersion.objects.filter(report=report).order_by("number")
    assert (v1.content["texts"]["difficulties"], v1.content["totals"]["activities"]) == (
        "Thiếu vốn đối ứng",
        2,
    )
    assert (v2.content["texts"]["difficulties"], v2.content["totals"]["activities"]) == (
        "Đã bổ sung ảnh",
        3,
    )
    assert added.pk in read_content(v2.content).activity_ids
    trail = MonthlyReportEvent.objects.filter(report=report).order_by("id")
    assert [(e.action, e.version_number) for e in trail] == [
        (Action.SUBMITTED, 1),
        (Action.RETURNED, 1),
        (Action.RESUBMITTED, 2),
        (Action.ACCEPTED, 2),
    ]
    assert view(report, coordination_office).version.number == 2
    assert view(report, coordination_office, number=1).content.difficulties == "Thiếu vốn đối ứng"


def test_reviewing_a_version_that_is_no_longer_the_latest_is_refused(
    sent, agency_staff, coordination_office
):
    report, _first, _second = sent
    services.monthly_report_return(report=report, actor=coordination_office, reason="Sửa lại")
    submit(report, agency_staff, at=local(2026, 11, 26, 8))
    before = snapshot(report)
    with pytest.raises(ValidationError) as error:
        services.monthly_report_accept(report=report, actor=coordination_office, version_number=1)
    assert error.value.code == "stale_version"
    assert snapshot(report) == before


def test_a_report_with_the_agency_is_shown_live(report_a, coordination_office):
    added = activity(report_a.assignment, dt.date(2026, 11, 7), 3_000_000)
    shown = view(report_a, coordination_office)
    assert shown.version is None
    assert [a.id for a in shown.content.activities] == [added.pk]
    assert shown.recorded_after == []


def test_the_content_holds_the_criteria_and_the_communes_standing(report_a, agency_staff):
    criterion = CriterionFactory(number=7)
    report_a.assignment.focus_criteria.set([criterion])
    Assessment.objects.create(
        commune=report_a.assignment.commune,
        criteria_set=criterion.criteria_set,
        period=dt.date(2026, 11, 1),
        stage="self_assessed",
        entered_by=agency_staff,
        criteria_met=15,
        criteria_total=19,
    )
    submit(report_a, agency_staff)
    content = read_content(MonthlyReportVersion.objects.get(report=report_a).content)
    assert [(c.number, c.is_focus, c.result) for c in content.criteria] == [
        (7, True, "not_assessed")
    ]
    progress = content.commune_progress
    assert (progress.criteria_met, progress.criteria_total) == (15, 19)
    assert progress.assessment_period == dt.date(2026, 11, 1)


def test_next_months_report_lists_activities_recorded_late_for_earlier_months(
    sent, agency_staff, coordination_office
):
    # given: November sent on 19/11; a November activity back-dated on 25/11
    report, _first, _second = sent
    december = make_report(
        report.assignment, period=dt.date(2026, 12, 1), due_at=local(2026, 12, 20, 23, 59)
    )
    with time_machine.travel(LATER, tick=False):
        late = activity(report.assignment, dt.date(2026, 11, 3), 5_000_000)
    # then: December (still a draft) lists it
    assert [a.pk for a in view(december, coordination_office).earlier_recorded_after] == [late.pk]
    # when: December is sent, and later another November activity is back-dated
    submit(december, agency_staff, at=local(2026, 12, 18, 8))
    with time_machine.travel(local(2026, 12, 22, 8), tick=False):
        after_december = activity(report.assignment, dt.date(2026, 11, 4), 1_000_000)
    # then: December keeps what it listed; the later one waits for January's report
    assert [a.pk for a in view(december, coordination_office).earlier_recorded_after] == [late.pk]
    january = make_report(
        report.assignment, period=dt.date(2027, 1, 1), due_at=local(2027, 1, 20, 23, 59)
    )
    january_list = view(january, coordination_office).earlier_recorded_after
    assert [a.pk for a in january_list] == [after_december.pk]


def test_an_unknown_schema_is_refused_by_the_reader():
    with pytest.raises(ValueError, match="schema"):
        read_content({"schema": "something/9"})


def test_a_submitted_report_without_a_version_is_not_frozen(report_a, coordination_office):
    # a report marked submitted by hand (no version, as before versions existed) is shown live
    MonthlyReport.objects.filter(pk=report_a.pk).update(status="submitted", submitted_at=SENT_AT)
    assert view(report_a, coordination_office).version is None
