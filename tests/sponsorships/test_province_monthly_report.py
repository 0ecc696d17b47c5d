# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""The province's report for a month, compiled from the versions the agencies sent."""

import datetime as dt
import itertools

import pytest
import time_machine

from sponsorships.selectors.province_report import province_monthly_report
from sponsorships.services import monthly_reports as services
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import PERIOD, local, make_report

pytestmark = pytest.mark.django_db
CODES = (f"8{n:04d}" for n in itertools.count())


def new_assignment(**fields):
    """An assignment with a commune of its own (codes apart from the persona communes')."""
    return AssignmentFactory(commune__code=next(CODES), **fields)


def staff_of(agency):
    return UserFactory(role="agency_staff", agency=agency)


ON_TIME = local(2026, 11, 18, 9)


def sent_report(assignment, amount, *, difficulties="", proposals="", at=ON_TIME):
    """A November report with one activity of ``amount`` đồng, submitted at ``at``."""
    report = make_report(assignment, difficulties=difficulties, proposals=proposals)
    with time_machine.travel(local(2026, 11, 10, 8), tick=False):
        SupportActivityFactory(assignment=assignment, date=dt.date(2026, 11, 9), amount=amount)
    with time_machine.travel(at, tick=False):
        services.monthly_report_submit(report=report, actor=staff_of(assignment.agency))
    return report


@pytest.fixture
def month(assignment_a, assignment_b, coordination_office):
    """Agency A: commune A accepted (5.000.000 đồng, late), a second commune never sent.
    Agency B: commune B awaiting review (2.000.000 đồng), a fourth report returned."""
    accepted = sent_report(
        assignment_a, 5_000_000, difficulties="Thiếu vốn", at=local(2026, 11, 21, 9)
    )
    services.monthly_report_accept(report=accepted, actor=coordination_office)
    awaiting = sent_report(assignment_b, 2_000_000, proposals="Xin thêm xi măng")
    draft = make_report(new_assignment(agency=assignment_a.agency))
    returned = sent_report(new_assignment(agency=assignment_b.agency), 9_000_000)
    services.monthly_report_return(report=returned, actor=coordination_office, reason="Sai số")
    return accepted, awaiting, draft, returned


def test_the_province_report_compiles_accepted_and_awaiting_versions(month, coordination_office):
    accepted, awaiting, draft, returned = month
    result = province_monthly_report(user=coordination_office, period=PERIOD)
    assert [(s.report_id, s.status, s.version_number) for s in result.sections] == [
        (awaiting.pk, "submitted", 1),
        (accepted.pk, "accepted", 1),
    ]  # agencies by name: "Ban Dân vận Tỉnh ủy", then "Sở Công Thương"
    assert [(m.report_id, m.status) for m in result.missing] == [
        (returned.pk, "returned"),
        (draft.pk, "draft"),
    ]
    assert [(row.agency_name, row.reports, row.amount) for row in result.by_agency] == [
        ("Sở Công Thương", 1, 5_000_000),
        ("Ban Dân vận Tỉnh ủy", 1, 2_000_000),
    ]
    assert (result.totals.activities, result.totals.amount) == (2, 7_000_000)
    counts = result.completeness
    assert (counts.expected, counts.on_time, counts.late, counts.missing) == (4, 1, 1, 2)
    assert [(r.report_id, r.text) for r in result.difficulties] == [(accepted.pk, "Thiếu vốn")]
    assert [(r.report_id, r.text) for r in result.proposals] == [(awaiting.pk, "Xin thêm xi măng")]


def test_an_activity_back_dated_after_acceptance_does_not_change_the_province_report(
    month, coordination_office, assignment_a
):
    with time_machine.travel(local(2026, 11, 28, 9), tick=False):
        SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 2), amount=8)
    result = province_monthly_report(user=coordination_office, period=PERIOD)
    assert (result.totals.activities, result.totals.amount) == (2, 7_000_000)


def test_the_province_report_lists_what_was_recorded_after_sending(
    month, coordination_office, assignment_a
):
    # given: a back-dated November activity, a changed one, and one for a missing report
    accepted, _awaiting, draft, _returned = month
    (kept,) = accepted.assignment.activities.all()
    with time_machine.travel(local(2026, 11, 28, 9), tick=False):
        late = SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 2))
        kept.amount = 6_000_000
        kept.save()
        SupportActivityFactory(assignment=draft.assignment, date=dt.date(2026, 11, 2))
        SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 12, 2))
    # when
    result = province_monthly_report(user=coordination_office, period=PERIOD)
    # then: the compiled figures are the versions'; the two late rows are listed apart
    assert result.totals.amount == 7_000_000
    assert [a.pk for a in result.recorded_after] == [late.pk, kept.pk]


def test_the_accepted_version_is_compiled_after_a_return_and_resubmission(
    assignment_a, coordination_office, agency_staff
):
    report = sent_report(assignment_a, 1_000_000)
    services.monthly_report_return(report=report, actor=coordination_office, reason="Thiếu")
    with time_machine.travel(local(2026, 11, 19, 8), tick=False):
        SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 15), amount=500)
        services.monthly_report_submit(report=report, actor=agency_staff)
    services.monthly_report_accept(report=report, actor=coordination_office)
    (section,) = province_monthly_report(user=coordination_office, period=PERIOD).sections
    assert (section.version_number, section.is_accepted) == (2, True)
    assert section.content.totals.amount == 1_000_500


def test_the_report_narrows_to_a_district_or_an_agency(month, coordination_office):
    accepted, awaiting, _draft, _returned = month
    district = accepted.assignment.commune.district
    by_district = province_monthly_report(
        user=coordination_office, period=PERIOD, district=district
    )
    assert [s.report_id for s in by_district.sections] == [accepted.pk]
    assert by_district.missing == ()
    agency = awaiting.assignment.agency
    by_agency = province_monthly_report(user=coordination_office, period=PERIOD, agency=agency)
    assert [s.report_id for s in by_agency.sections] == [awaiting.pk]
    assert [m.status for m in by_agency.missing] == ["returned"]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("coordination_office", {"accepted", "awaiting"}),
        ("leader", {"accepted", "awaiting"}),
        ("agency_staff", {"accepted"}),
        ("commune_officer", {"accepted"}),
        ("other_agency_staff", {"awaiting"}),
        ("other_commune_officer", {"awaiting"}),
        ("no_role_user", set()),
    ],
)
def test_the_report_is_scoped_to_the_user(request, month, role, sees):
    accepted, awaiting, _draft, _returned = month
    names = {accepted.pk: "accepted", awaiting.pk: "awaiting"}
    user = request.getfixturevalue(role)
    result = province_monthly_report(user=user, period=PERIOD)
    assert {names[s.report_id] for s in result.sections} == sees
    assert result.is_empty == (not sees)


def test_an_agency_outside_the_users_scope_gives_an_empty_report(month, agency_staff):
    _accepted, awaiting, _draft, _returned = month
    result = province_monthly_report(
        user=agency_staff, period=PERIOD, agency=awaiting.assignment.agency
    )
    assert (result.sections, result.missing, result.is_empty) == ((), (), True)


def test_a_month_without_reports_is_empty(month, coordination_office):
    result = province_monthly_report(user=coordination_office, period=dt.date(2026, 10, 1))
    assert result.is_empty
    assert (result.totals.activities, result.by_agency) == (0, ())


def test_the_query_count_does_not_grow_with_reports(
    coordination_office, django_assert_max_num_queries
):
    # given: one sent report with an activity recorded after sending, one missing
    first = sent_report(new_assignment(), 1_000)
    SupportActivityFactory(assignment=first.assignment, date=dt.date(2026, 11, 20))
    make_report(new_assignment())
    with django_assert_max_num_queries(5) as one:
        province_monthly_report(user=coordination_office, period=PERIOD)
    # when: six more of each, each with a late activity
    for amount in range(6):
        report = sent_report(new_assignment(), amount)
        SupportActivityFactory(assignment=report.assignment, date=dt.date(2026, 11, 20))
        make_report(new_assignment())
    with django_assert_max_num_queries(5) as many:
        result = province_monthly_report(user=coordination_office, period=PERIOD)
    # then
    assert (len(result.sections), len(result.missing), len(result.recorded_after)) == (7, 7, 7)
    assert len(many.captured_queries) == len(one.captured_queries)
